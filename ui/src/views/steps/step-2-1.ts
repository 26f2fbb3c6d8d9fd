// Step 2-1: zone policies and countermeasures (対策) with who is responsible, as tables.
import { state } from "../../app";
import { t } from "../../i18n";
import { text, tick, slColumn, derived, type Spec, collectionSpec } from "../columns";

/** The tables of step 2-1. */
export function specs(): Spec[] {
  const imp = () => state.analysis;
  return [
    collectionSpec("policies", "zones", t("ui.step.2-1"), () => [
      { title: t("xl.col.zone"), field: "name", width: 200, headerFilter: "input" },
      derived(t("xl.col.importance"), (r) => imp()?.zone_importance[String(r.id)] ?? ""),
      slColumn(t("xl.col.sl_t"), "sl_t"),
      // Achieved SL, once assessed; "—" while it is not.
      slColumn(t("xl.col.sl_a"), "sl_a"),
      tick(t("ui.zone.safety"), "safety"),
      text(t("xl.col.requirements"), "security_requirements", 260, true),
      text(t("xl.col.policy"), "policy", 320, true),
      text(t("xl.col.accountable"), "accountable"),
    ]),
  ];
}
