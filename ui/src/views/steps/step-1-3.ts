// Step 1-3: business importance, as tables.
import { CRITERIA } from "../../generated/wire";
import { state } from "../../app";
import { t } from "../../i18n";
import { text, heading, level, derived, type Spec, collectionSpec, setNested } from "../columns";

/** The tables of step 1-3. */
export function specs(): Spec[] {
  const imp = () => state.analysis;
  return [
    {
      ...collectionSpec("importance", "businesses", t("ui.step.1-3"), () => [
        { title: t("xl.col.business"), field: "name", width: 200, headerFilter: "input" },
        ...CRITERIA.map((c) => level(heading(t(`criterion.${c}`)), `scores.${c}`)),
        derived(t("xl.col.importance"), (r) => imp()?.business_importance[String(r.id)] ?? ""),
        text(t("xl.col.rationale"), "rationale", 320, true),
      ]),
      update: (q, id, field, value) => setNested(q, "businesses", id, field, value),
    },
  ];
}
