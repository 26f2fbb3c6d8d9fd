// Step 1-4: protected assets (保護対象), as tables.
import { doc } from "../../app";
import { t } from "../../i18n";
import { addItem, newAsset } from "../../model";
import { catChoices, itemChoices, refColumn, listColumn, nameColumn, text, tick, type Spec, collectionSpec } from "../columns";

/** The tables of step 1-4. */
export function specs(): Spec[] {
  const zones = () => itemChoices(doc().zones);
  return [
    collectionSpec(
      "assets",
      "assets",
      t("ui.step.1-4"),
      () => [
        refColumn("A"),
        nameColumn(t("xl.col.asset"), "assets", 200),
        listColumn(t("xl.col.asset_type"), "asset_type", () => catChoices("asset_types"), false, false),
        listColumn(t("xl.col.zone"), "zone", zones),
        text(t("xl.col.vendor"), "vendor"),
        text(t("xl.col.model"), "model"),
        text(t("xl.col.firmware"), "firmware"),
        text(t("xl.col.address"), "address", 130, false, "address"),
        text(t("xl.col.location"), "location"),
        text(t("xl.col.owner"), "owner"),
        tick(t("xl.col.delivered"), "delivered"),
        tick(t("xl.col.generic"), "generic_product"),
      ],
      () => addItem(doc(), "assets", newAsset(t("ui.new_asset"), "other")),
    ),
  ].map((x) => ({ ...x, paste: ["name", "type", "zone", "vendor", "model", "firmware", "address", "location", "owner"] }));
}
