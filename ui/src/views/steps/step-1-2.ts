// Step 1-2: business processes (業務), as tables.
import { SMART_CHANGES } from "../../generated/wire";
import { doc } from "../../app";
import { t } from "../../i18n";
import { addItem, newBusiness, type Collection } from "../../model";
import { enumChoices, listColumn, nameColumn, text, type Spec, collectionSpec } from "../columns";

/** The tables of step 1-2. */
export function specs(): Spec[] {
  return [
    collectionSpec(
      "businesses",
      "businesses",
      t("ui.step.1-2"),
      () => [
        nameColumn(t("xl.col.business"), "businesses", 200),
        text(t("xl.col.description"), "description", 300, true),
        text(t("xl.col.department"), "department"),
        listColumn(t("xl.col.smart_change"), "smart_change", () => [
          { value: "none", label: "—", keys: ["none"] },
          ...enumChoices("xl.smart", SMART_CHANGES),
        ]),
        text(t("ui.col.data_handled"), "data_handled", 200),
        text(t("xl.req.purpose"), "purpose", 220, true),
      ],
      () => addItem(doc(), "businesses", newBusiness(t("ui.new_business"))),
    ),
  ].map((x) => ({
    ...x,
    pasteInto: {
      coll: "businesses" as Collection,
      item: (v: Record<string, unknown>) => ({ ...newBusiness(String(v.name ?? "")), ...v }),
    },
  }));
}
