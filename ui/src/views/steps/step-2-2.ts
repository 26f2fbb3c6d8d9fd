// Step 2-2: countermeasures per threat, as tables.
import { FINDING_STATUSES, MEASURE_STATUSES, RESPONSIBILITIES } from "../../generated/wire";
import { doc } from "../../app";
import { t } from "../../i18n";
import { addItem, newFinding, newMeasure, setField } from "../../model";
import {
  catChoices,
  itemChoices,
  enumChoices,
  refColumn,
  listColumn,
  text,
  tick,
  scopeColumn,
  type Spec,
  collectionSpec,
} from "../columns";

/** The tables of step 2-2. */
export function specs(): Spec[] {
  const parties = () => enumChoices("responsibility", RESPONSIBILITIES);
  return [
    {
      ...collectionSpec(
        "measures",
        "countermeasures",
        t("ui.step.2-2"),
        () => [
          refColumn("M"),
          listColumn(t("xl.col.measure"), "measure", () => catChoices("measures"), false, false, true),
          text(t("xl.col.detail"), "detail", 280, true),
          listColumn(t("xl.col.threats"), "threats", () => catChoices("threats"), true),
          // Where the measure applies: empty = the whole project (全体).
          scopeColumn(t("ui.col.scope_zones"), "zones", () => itemChoices(doc().zones, false)),
          scopeColumn(t("ui.col.scope_conduits"), "conduits", () =>
            itemChoices(doc().conduits as Array<{ id: string; name?: unknown }>, false),
          ),
          scopeColumn(t("ui.col.scope_assets"), "assets", () => itemChoices(doc().assets, false)),
          // 責任分界: a pasted row must say who is responsible (no default is signed unseen).
          listColumn(t("xl.col.responsible"), "responsibility", parties, false, false, true),
          // With 共同: exactly the parties that share it (the responsibility split marks these).
          listColumn(
            t("xl.col.shared_with"),
            "shared_with",
            () =>
              enumChoices(
                "responsibility",
                RESPONSIBILITIES.filter((r) => r !== "shared"),
              ),
            true,
          ),
          listColumn(t("xl.col.operator"), "operator", parties),
          tick(t("xl.paid"), "paid"),
          listColumn(t("xl.col.status"), "status", () => enumChoices("status", MEASURE_STATUSES), false, false),
          text(t("xl.col.evidence"), "evidence"),
        ],
        () => addItem(doc(), "countermeasures", newMeasure("C-NW-01", [], "sier")),
      ),
      pasteInto: { coll: "countermeasures", item: (v) => ({ ...newMeasure("C-NW-01", [], "sier"), ...v }) },
      update: (q, id, field, value) => {
        if (!field.startsWith("scope_")) return setField(q, "countermeasures", id, field, value);
        const m = q.countermeasures.find((x) => x.id === id);
        const part = field.slice("scope_".length) as "zones" | "conduits" | "assets";
        return setField(q, "countermeasures", id, "scope", {
          ...(m?.scope ?? { zones: [], conduits: [], assets: [] }),
          [part]: Array.isArray(value) ? value : [],
        });
      },
    },
    {
      // 完成検査 (Level 2): what the vulnerability inspection found and what became of it.
      ...collectionSpec(
        "vulnerabilities",
        "vulnerabilities",
        t("ui.vulnerabilities"),
        () => [
          listColumn(t("xl.col.asset"), "asset", () => itemChoices(doc().assets)),
          text(t("xl.col.method"), "method", 160),
          text(t("xl.col.inspected"), "inspected", 100, false, "date"),
          text(t("xl.col.reference"), "reference", 130),
          {
            title: t("xl.col.cvss"),
            field: "cvss",
            editor: "number",
            editorParams: { min: 0, max: 10, step: 0.1 },
            hozAlign: "center",
            width: 70,
          },
          text(t("xl.col.finding"), "title", 260, true),
          text(t("xl.col.action"), "action", 220, true),
          listColumn(t("xl.col.status"), "status", () => enumChoices("xl.finding_status", FINDING_STATUSES), false, false),
          text(t("xl.col.retest"), "retest", 160),
        ],
        () => addItem(doc(), "vulnerabilities", newFinding(t("ui.new_finding"))),
      ),
      update: (q, id, field, value) => {
        if (field === "cvss") {
          const n = value === "" || value === null || value === undefined ? undefined : Number(value);
          return setField(q, "vulnerabilities", id, field, n === undefined || Number.isNaN(n) ? undefined : Math.min(10, Math.max(0, n)));
        }
        if (field === "status" && !value) return q;
        return setField(q, "vulnerabilities", id, field, value ?? "");
      },
    },
  ];
}
