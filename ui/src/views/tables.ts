// The steps recorded as editable tables (Tabulator: virtual rendering, sorting, header
// filters), with the catalogue offered as choices.
import { TabulatorFull as Tabulator, type ColumnDefinition, type CellComponent } from "tabulator-tables";
import "tabulator-tables/dist/css/tabulator_simple.min.css";
import { catalogue, commit, doc, state, toast } from "../app";
import { h } from "../dom";
import { t, lang } from "../i18n";
import {
  addItem,
  newAsset,
  newBusiness,
  newDamage,
  newFinding,
  newId,
  newMeasure,
  newThreat,
  readableNumber,
  removeItem,
  setField,
  type Collection,
  type Project,
} from "../model";
import type { StepId } from "../steps";
import { renderMatrix } from "./matrix";

const CRITERIA = ["safety", "environment", "quality", "delivery", "cost", "information"];
const tables: Tabulator[] = [];

function catValues(list: "threats" | "measures" | "asset_types" | "entry_kinds" | "checklist"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const x of catalogue()[list] as Array<Record<string, unknown>>) out[String(x.id)] = `${x.id} ${String(x[lang()] ?? "")}`;
  return out;
}
function idNames(list: Array<{ id: string; name?: unknown }>, none = true): Record<string, string> {
  const out: Record<string, string> = none ? { "": "—" } : {};
  for (const x of list) out[x.id] = String(x.name ?? x.id);
  return out;
}
function enumValues(prefix: string, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, t(`${prefix}.${k}`)]));
}
/** The readable number (A-001, M-001): given when the row is added, never edited. */
function refColumn(prefix: "A" | "M"): ColumnDefinition {
  return { title: t("xl.col.ref"), field: "number", width: 70, formatter: (c: CellComponent) => readableNumber(prefix, c.getValue() as number | undefined) };
}

/**
 * User text (zone, asset, business, supplier names) as a text node: Tabulator puts a string a
 * formatter returns, and a list item's label, into the page as HTML.
 */
export function textElement(text: string): HTMLElement {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

function listColumn(title: string, field: string, values: () => Record<string, string>, multiselect = false): ColumnDefinition {
  return {
    title,
    field,
    editor: "list",
    editorParams: () => ({
      values: values(),
      multiselect,
      autocomplete: !multiselect,
      listOnEmpty: true,
      clearable: true,
      itemFormatter: (label: string) => textElement(String(label ?? "")),
    }),
    formatter: (c: CellComponent) => {
      const v = c.getValue();
      const vs = values();
      return textElement(Array.isArray(v) ? v.map((x) => vs[x] ?? x).join(", ") : String(vs[v] ?? v ?? ""));
    },
    headerFilter: "input",
    headerFilterFunc: (term: string, v: unknown) => {
      const vs = values();
      const text = Array.isArray(v) ? v.map((x) => vs[x] ?? x).join(" ") : String(vs[String(v)] ?? v ?? "");
      return text.toLowerCase().includes(term.toLowerCase());
    },
    width: 180,
  };
}
const text = (title: string, field: string, width = 160, multiline = false): ColumnDefinition => ({
  title,
  field,
  editor: multiline ? "textarea" : "input",
  editorParams: { elementAttributes: { maxlength: "20000" } },
  headerFilter: "input",
  width,
  formatter: multiline ? "textarea" : "plaintext",
});
const tick = (title: string, field: string): ColumnDefinition => ({ title, field, editor: "tickCross", formatter: "tickCross", hozAlign: "center", width: 80 });
const level = (title: string, field: string): ColumnDefinition => ({
  title,
  field,
  editor: "list",
  editorParams: { values: { "": "—", 1: "1", 2: "2", 3: "3" } },
  hozAlign: "center",
  width: 72,
});
const derived = (title: string, f: (row: Record<string, unknown>) => unknown): ColumnDefinition => ({
  title,
  field: `__${title}`,
  mutator: (_v: unknown, row: Record<string, unknown>) => f(row),
  hozAlign: "center",
  width: 90,
  cssClass: "derived",
});

interface Spec {
  id: string;
  rows: () => Array<Record<string, unknown>>;
  columns: () => ColumnDefinition[];
  /** Apply a cell edit to the project. */
  update: (p: Project, id: string, field: string, value: unknown) => Project;
  add?: () => Project;
  remove?: (id: string) => Project;
  label: string;
}

function collectionSpec(id: string, coll: Collection, label: string, columns: () => ColumnDefinition[], add?: () => Project): Spec {
  return {
    id,
    rows: () => ((doc()[coll] as unknown as Array<Record<string, unknown>> | undefined) ?? []),
    columns,
    update: (p, rid, field, value) => setField(p, coll, rid, field, value),
    add,
    remove: (rid) => removeItem(doc(), coll, rid),
    label,
  };
}

/** Nested fields (`scores.safety`) are written back as objects. */
function setNested(p: Project, coll: Collection, id: string, field: string, value: unknown): Project {
  const [top, sub] = field.split(".");
  if (!sub) return setField(p, coll, id, field, value);
  const item = (p[coll] as Array<Record<string, unknown>>).find((x) => x.id === id);
  const obj = { ...((item?.[top] as Record<string, unknown>) ?? {}) };
  if (value === "" || value === null || value === undefined) delete obj[sub];
  else obj[sub] = Number(value);
  return setField(p, coll, id, top, obj);
}

function mount(el: HTMLElement, spec: Spec): Tabulator {
  const bar = h("div", { class: "table-bar" });
  const box = h("div", { class: "table", id: `table-${spec.id}` });
  el.append(bar, box);
  const table = new Tabulator(box, {
    data: spec.rows().map((r) => ({ ...r })),
    index: "id",
    columns: [
      ...spec.columns(),
      ...(spec.remove
        ? [
            {
              title: "",
              field: "__delete",
              formatter: () => "✕",
              width: 40,
              hozAlign: "center" as const,
              headerSort: false,
              cssClass: "delete",
              cellClick: (_e: UIEvent, c: CellComponent) => {
                const id = String(c.getRow().getData().id);
                commit(spec.remove!(id), t("ui.delete_row"));
              },
            },
          ]
        : []),
    ],
    layout: "fitDataStretch",
    height: "100%",
    renderVertical: "virtual",
    placeholder: t("ui.no_rows"),
    reactiveData: false,
  });
  table.on("cellEdited", (c: CellComponent) => {
    const field = c.getField();
    const id = String(c.getRow().getData().id);
    let v = c.getValue();
    if (v === "" && c.getOldValue() === undefined) return;
    if (typeof v === "string" && /^[123]$/.test(v) && (field.startsWith("scores.") || field.startsWith("impacts."))) v = Number(v);
    commit(spec.update(doc(), id, field, v), `${spec.label}: ${c.getColumn().getDefinition().title}`, false);
  });
  if (spec.add) {
    bar.append(
      h(
        "button",
        {
          id: `add-${spec.id}`,
          onclick: () => {
            commit(spec.add!(), t("ui.add_row"));
          },
        },
        `+ ${t("ui.add_row")}`,
      ),
    );
  }
  bar.append(h("span", { class: "hint" }, t("ui.rows", { n: spec.rows().length })));
  tables.push(table);
  return table;
}

export function mountRequirementItems(el: HTMLElement): void {
  const kinds = ["business_goal", "law", "standard", "industry_guideline", "customer_demand", "internal"];
  const items = () => ((doc().requirements.items as Array<Record<string, unknown>>) ?? []);
  const setItems = (p: Project, list: Array<Record<string, unknown>>): Project => ({ ...p, requirements: { ...p.requirements, items: list } });
  mount(el, {
    id: "requirements",
    rows: items,
    columns: () => [
      listColumn(t("xl.col.kind"), "kind", () => enumValues("xl.reqkind", kinds)),
      text(t("xl.col.title"), "title", 220),
      text(t("xl.col.detail"), "detail", 320, true),
      text(t("xl.col.source"), "source"),
      text(t("xl.col.owner"), "owner"),
      text(t("xl.col.status"), "status", 100),
    ],
    update: (p, id, field, value) => setItems(p, items().map((x) => (x.id === id ? { ...x, [field]: value } : x))),
    add: () => setItems(doc(), [...items(), { id: newId(), kind: "internal", title: t("ui.new_item") }]),
    remove: (id) => setItems(doc(), items().filter((x) => x.id !== id)),
    label: t("ui.step.1-1"),
  });
}

function specs(step: StepId): Spec[] {
  const imp = () => state.analysis;
  const zones = () => idNames(doc().zones);
  const businesses = () => idNames(doc().businesses);
  const parties = () => enumValues("responsibility", ["sier", "customer", "vendor", "shared"]);
  switch (step) {
    case "1-2":
      return [
        collectionSpec("businesses", "businesses", t("ui.step.1-2"), () => [
          text(t("xl.col.business"), "name", 200),
          text(t("xl.col.description"), "description", 300, true),
          text(t("xl.col.department"), "department"),
          listColumn(t("xl.col.smart_change"), "smart_change", () => ({ none: "—", ...enumValues("xl.smart", ["new", "expanded"]) })),
          text(t("ui.col.data_handled"), "data_handled", 200),
        ], () => addItem(doc(), "businesses", newBusiness(t("ui.new_business")))),
      ];
    case "1-3":
      return [
        {
          ...collectionSpec("importance", "businesses", t("ui.step.1-3"), () => [
            { title: t("xl.col.business"), field: "name", width: 200, headerFilter: "input" },
            ...CRITERIA.map((c) => level(t(`criterion.${c}`), `scores.${c}`)),
            derived(t("xl.col.importance"), (r) => imp()?.business_importance[String(r.id)] ?? ""),
            text(t("xl.col.rationale"), "rationale", 320, true),
          ]),
          update: (q, id, field, value) => setNested(q, "businesses", id, field, value),
        },
      ];
    case "1-4":
      return [
        collectionSpec("assets", "assets", t("ui.step.1-4"), () => [
          refColumn("A"),
          text(t("xl.col.asset"), "name", 200),
          listColumn(t("xl.col.asset_type"), "asset_type", () => catValues("asset_types")),
          listColumn(t("xl.col.zone"), "zone", zones),
          text(t("xl.col.vendor"), "vendor"),
          text(t("xl.col.model"), "model"),
          text(t("xl.col.firmware"), "firmware"),
          text(t("xl.col.address"), "address", 130),
          text(t("xl.col.location"), "location"),
          text(t("xl.col.owner"), "owner"),
          tick(t("xl.col.delivered"), "delivered"),
          tick(t("xl.col.generic"), "generic_product"),
        ], () => addItem(doc(), "assets", newAsset(t("ui.new_asset"), "other"))),
      ];
    case "1-5":
      return [
        collectionSpec("asset-importance", "assets", t("ui.step.1-5"), () => [
          { title: t("xl.col.asset"), field: "name", width: 200, headerFilter: "input" },
          listColumn(t("xl.col.businesses"), "businesses", businesses, true),
          derived(t("xl.col.importance"), (r) => imp()?.asset_importance[String(r.id)] ?? ""),
          listColumn(t("xl.col.zone"), "zone", zones),
        ]),
      ];
    case "1-7":
      return [
        {
          ...collectionSpec("threats", "threats", t("ui.step.1-7"), () => [
            listColumn(t("xl.col.zone"), "zone", zones),
            listColumn(t("xl.col.threat"), "threat", () => catValues("threats")),
            tick(t("xl.col.applicable"), "applicable"),
            text(t("xl.col.entry_path"), "entry_path", 200),
            ...CRITERIA.map((c) => level(t(`criterion.${c}`), `impacts.${c}`)),
            text(t("xl.col.reason"), "reason", 240, true),
          ], () => addItem(doc(), "threats", newThreat(doc().zones[0]?.id ?? "", "T01"))),
          update: (q, id, field, value) => setNested(q, "threats", id, field, value),
        },
        {
          // IPA 事業被害ベース: what the business would suffer, and which asset's compromise
          // causes it; the risk view lists the attack trees that lead there.
          ...collectionSpec("damages", "damages", t("ui.damages"), () => [
            text(t("xl.col.damage"), "name", 220),
            { ...level(t("xl.col.damage_level"), "level"), editorParams: { values: { 1: "1", 2: "2", 3: "3" } } },
            listColumn(t("xl.col.attack_target"), "target", () => idNames(doc().assets, false)),
            text(t("xl.col.final_attack"), "final_attack", 320, true),
            listColumn(t("ui.col.criteria"), "criteria", () => enumValues("criterion", CRITERIA), true),
          ], () => {
            const target = doc().assets[0]?.id;
            if (!target) {
              toast(t("ui.damage.needs_asset"), true);
              return doc();
            }
            return addItem(doc(), "damages", newDamage(t("ui.new_damage"), target));
          }),
          update: (q, id, field, value) => {
            // A damage always has a level (1–3) and a target; clearing either changes nothing.
            if (field === "level") return value === "" || value === null || value === undefined ? q : setField(q, "damages", id, field, Number(value));
            if (field === "target" && !value) return q;
            return setField(q, "damages", id, field, value ?? (field === "criteria" ? [] : ""));
          },
        },
      ];
    case "2-1":
      return [
        collectionSpec("policies", "zones", t("ui.step.2-1"), () => [
          { title: t("xl.col.zone"), field: "name", width: 200, headerFilter: "input" },
          derived(t("xl.col.importance"), (r) => imp()?.zone_importance[String(r.id)] ?? ""),
          { title: t("xl.col.sl_t"), field: "sl_t", editor: "list", editorParams: { values: [1, 2, 3, 4] }, width: 70, hozAlign: "center", formatter: (c: CellComponent) => { const v = c.getValue(); return Array.isArray(v) ? v.join("/") : String(v ?? ""); } },
          text(t("xl.col.requirements"), "security_requirements", 260, true),
          text(t("xl.col.policy"), "policy", 320, true),
          text(t("xl.col.accountable"), "accountable"),
        ]),
      ];
    case "2-2":
      return [
        collectionSpec("measures", "countermeasures", t("ui.step.2-2"), () => [
          refColumn("M"),
          listColumn(t("xl.col.measure"), "measure", () => catValues("measures")),
          text(t("xl.col.detail"), "detail", 280, true),
          listColumn(t("xl.col.threats"), "threats", () => catValues("threats"), true),
          listColumn(t("xl.col.responsible"), "responsibility", parties),
          // With 共同: exactly the parties that share it (the responsibility split marks these).
          listColumn(t("xl.col.shared_with"), "shared_with", () => enumValues("responsibility", ["sier", "customer", "vendor"]), true),
          listColumn(t("xl.col.operator"), "operator", parties),
          tick(t("xl.paid"), "paid"),
          listColumn(t("xl.col.status"), "status", () => enumValues("status", ["proposed", "agreed", "implemented", "rejected"])),
          text(t("xl.col.evidence"), "evidence"),
        ], () => addItem(doc(), "countermeasures", newMeasure("C-NW-01", [], "sier"))),
        {
          // 完成検査 (Level 2): what the vulnerability inspection found and what became of it.
          ...collectionSpec("vulnerabilities", "vulnerabilities", t("ui.vulnerabilities"), () => [
            listColumn(t("xl.col.asset"), "asset", () => idNames(doc().assets)),
            text(t("xl.col.method"), "method", 160),
            text(t("xl.col.inspected"), "inspected", 100),
            text(t("xl.col.reference"), "reference", 130),
            { title: t("xl.col.cvss"), field: "cvss", editor: "number", editorParams: { min: 0, max: 10, step: 0.1 }, hozAlign: "center", width: 70 },
            text(t("xl.col.finding"), "title", 260, true),
            text(t("xl.col.action"), "action", 220, true),
            listColumn(t("xl.col.status"), "status", () => enumValues("xl.finding_status", ["open", "fixed", "mitigated", "accepted"])),
            text(t("xl.col.retest"), "retest", 160),
          ], () => addItem(doc(), "vulnerabilities", newFinding(t("ui.new_finding")))),
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
    case "3":
      return [
        collectionSpec("ooda", "ooda_roles", t("xl.sheet.ooda"), () => [
          listColumn(t("xl.col.phase"), "phase", () => enumValues("xl.ooda", ["preventive", "incident"])),
          listColumn(t("xl.col.ooda_step"), "step", () => enumValues("xl.ooda", ["observe", "orient", "decide", "act"])),
          text(t("xl.col.department"), "department"),
          text(t("xl.col.decider"), "decision_maker"),
          text(t("xl.col.actions"), "actions", 280, true),
          listColumn(t("xl.col.party"), "party", parties),
          text(t("xl.col.person"), "person"),
        ], () => addItem(doc(), "ooda_roles", { id: newId(), phase: "preventive", step: "observe" })),
        collectionSpec("suppliers", "suppliers", t("xl.sheet.suppliers"), () => [
          text(t("xl.col.supplier"), "name", 200),
          listColumn(t("xl.col.kind"), "kind", () => enumValues("xl.supplier", ["equipment", "software", "cloud", "subcontractor"])),
          text(t("xl.col.provides"), "provides", 200),
          text(t("xl.col.certifications"), "certifications"),
          text(t("xl.col.agreement_terms"), "agreement", 260, true),
          text(t("xl.col.audit"), "audit"),
        ], () => addItem(doc(), "suppliers", { id: newId(), name: t("ui.new_supplier"), kind: "equipment" })),
        collectionSpec("checklist", "checklist_answers", t("xl.sheet.checklists"), () => [
          listColumn(t("xl.col.item"), "item", () => catValues("checklist")),
          listColumn(t("xl.col.supplier"), "supplier", () => idNames(doc().suppliers as Array<{ id: string; name?: unknown }>)),
          listColumn(t("xl.col.answer"), "answer", () => enumValues("xl.answer", ["done", "partial", "not_done", "not_applicable"])),
          text(t("xl.col.evidence"), "evidence", 220),
          text(t("xl.col.notes"), "note", 200),
        ], () => addItem(doc(), "checklist_answers", { id: newId(), item: String(catalogue().checklist[0]?.id ?? ""), answer: "not_done" })),
      ];
    default:
      return [];
  }
}

/** The analysis listener of the tables on screen (replaced with them). */
let onAnalysis: (() => void) | null = null;

export function renderTableStep(el: HTMLElement, step: StepId): void {
  tables.splice(0).forEach((x) => x.destroy());
  if (onAnalysis) document.removeEventListener("analysis", onAnalysis);
  el.append(h("h1", {}, `${step} ${t(`ui.step.${step}`)}`), h("p", { class: "hint" }, t(`ui.help.${step}`)));
  for (const spec of specs(step)) {
    const box = h("section", { class: "table-section" }, h("h2", {}, spec.label));
    el.append(box);
    mount(box, spec);
  }
  if (step === "2-2") el.append(renderMatrix());
  // Derived columns (importance and the like) follow every analysis, not only the first
  // (they stayed stale until the page was left and re-entered). An empty table has nothing to
  // update: the library rejects that with an English message that reached the user as an error.
  onAnalysis = () => {
    for (const tb of tables) {
      const cols = tb.getColumns().filter((c) => String(c.getField()).startsWith("__"));
      const rows = tb.getData();
      // Not under the user's fingers: a cell being edited keeps its editor (the next analysis
      // updates the table).
      const editing = tb.element.contains(document.activeElement);
      if (cols.length && rows.length && !editing) {
        tb.updateData(rows.map((r) => ({ id: r.id }))).catch((e: unknown) => console.warn(e));
      }
    }
  };
  document.addEventListener("analysis", onAnalysis);
}
