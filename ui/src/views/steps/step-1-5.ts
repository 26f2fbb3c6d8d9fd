// Step 1-5: asset importance and zones, as tables.
import { doc, state } from "../../app";
import { t } from "../../i18n";
import { setField } from "../../model";
import { itemChoices, listColumn, textColumn, levelColumn, derived, type Spec, collectionSpec } from "../columns";

/** The tables of step 1-5. */
export function specs(): Spec[] {
  const imp = () => state.analysis;
  const zones = () => itemChoices(doc().zones);
  const businesses = () => itemChoices(doc().businesses);
  return [
    {
      ...collectionSpec("asset-importance", "assets", t("ui.step.1-5"), () => [
        { title: t("xl.col.asset"), field: "name", width: 200, headerFilter: "input" },
        listColumn(t("xl.col.businesses"), "businesses", businesses, true),
        derived(t("xl.col.importance"), (r) => imp()?.asset_importance[String(r.id)] ?? ""),
        // A manual importance (手動設定) replaces the derived one and must say why.
        {
          ...levelColumn(t("ui.col.override"), "override_level"),
          mutatorData: (_v: unknown, row: Record<string, unknown>) => (row.importance_override as { level?: number } | undefined)?.level,
        },
        {
          ...textColumn(t("ui.col.override_reason"), "override_reason", 240, true),
          mutatorData: (_v: unknown, row: Record<string, unknown>) =>
            (row.importance_override as { reason?: string } | undefined)?.reason ?? "",
        },
        listColumn(t("xl.col.zone"), "zone", zones),
      ]),
      update: (q, id, field, value) => {
        if (field !== "override_level" && field !== "override_reason") return setField(q, "assets", id, field, value);
        const a = q.assets.find((x) => x.id === id);
        const cur = (a?.importance_override as { level?: number; reason?: string } | undefined) ?? {};
        const level =
          field === "override_level" ? (value === "" || value === null || value === undefined ? undefined : Number(value)) : cur.level;
        const reason = field === "override_reason" ? String(value ?? "") : (cur.reason ?? "");
        // Without a level there is no override (a reason alone says nothing).
        return setField(q, "assets", id, "importance_override", level ? { level, reason } : undefined);
      },
    },
  ];
}
