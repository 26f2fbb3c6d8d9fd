// Step 1-7: threats and their impact per zone, as tables.
import { CRITERIA } from "../../generated/wire";
import { doc, toast } from "../../app";
import { t } from "../../i18n";
import { choiceEditor } from "../choice-editor";
import { addItem, newDamage, newThreat, setField } from "../../model";
import {
  catChoices,
  itemChoices,
  enumChoices,
  pasteable,
  listColumn,
  text,
  tick,
  heading,
  LEVELS,
  level,
  levelColumn,
  type Spec,
  collectionSpec,
  setNested,
} from "../columns";

/** The tables of step 1-7. */
export function specs(): Spec[] {
  return [
    {
      ...collectionSpec(
        "threats",
        "threats",
        t("ui.step.1-7"),
        () => [
          // 1-7 is per zone: a threat row always has its zone (required, also when pasted).
          listColumn(t("xl.col.zone"), "zone", () => itemChoices(doc().zones, false), false, false, true),
          listColumn(t("xl.col.threat"), "threat", () => catChoices("threats"), false, false, true),
          tick(t("xl.col.applicable"), "applicable"),
          text(t("xl.col.entry_path"), "entry_path", 200),
          ...CRITERIA.map((c) => level(heading(t(`criterion.${c}`)), `impacts.${c}`)),
          text(t("xl.col.reason"), "reason", 240, true),
        ],
        () => addItem(doc(), "threats", newThreat(doc().zones[0]?.id ?? "", "T01")),
      ),
      update: (q, id, field, value) => setNested(q, "threats", id, field, value),
      pasteInto: { coll: "threats", item: (v) => ({ ...newThreat(doc().zones[0]?.id ?? "", "T01"), ...v }) },
    },
    {
      // IPA 事業被害ベース: what the business would suffer, and which asset's compromise
      // causes it; the risk view lists the attack trees that lead there.
      ...collectionSpec(
        "damages",
        "damages",
        t("ui.damages"),
        () => [
          text(t("xl.col.damage"), "name", 220, false, "required"),
          // A damage always has a level: 1–3, no "—".
          pasteable(
            {
              ...levelColumn(t("xl.col.damage_level"), "level"),
              editor: choiceEditor(() => LEVELS.filter((c) => c.value !== ""), { optional: false }),
            },
            { kind: "level", required: true },
          ),
          listColumn(t("xl.col.attack_target"), "target", () => itemChoices(doc().assets, false), false, false),
          text(t("xl.col.final_attack"), "final_attack", 320, true),
          listColumn(t("ui.col.criteria"), "criteria", () => enumChoices("criterion", CRITERIA), true),
        ],
        () => {
          const target = doc().assets[0]?.id;
          if (!target) {
            toast(t("ui.damage.needs_asset"), true);
            return doc();
          }
          return addItem(doc(), "damages", newDamage(t("ui.new_damage"), target));
        },
      ),
      update: (q, id, field, value) => {
        // A damage always has a level (1–3) and a target; clearing either changes nothing.
        if (field === "level")
          return value === "" || value === null || value === undefined ? q : setField(q, "damages", id, field, Number(value));
        if (field === "target" && !value) return q;
        return setField(q, "damages", id, field, value ?? (field === "criteria" ? [] : ""));
      },
    },
  ];
}
