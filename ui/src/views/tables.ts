// The steps recorded as editable tables (Tabulator: virtual rendering, sorting, header
// filters), with the catalogue offered as choices.
import {
  CHECKLIST_ANSWERS,
  CONTRACT_HOLDERS,
  CRITERIA,
  FINDING_STATUSES,
  MEASURE_STATUSES,
  OODA_PHASES,
  OODA_STEPS,
  REQUIREMENT_KINDS,
  RESPONSIBILITIES,
  SMART_CHANGES,
  SUPPLIER_KINDS,
} from "../generated/wire";
import { TabulatorFull as Tabulator, type ColumnDefinition, type CellComponent } from "tabulator-tables";
import "tabulator-tables/dist/css/tabulator_simple.min.css";
import { catalogue, commit, doc, removeItems, state, toast } from "../app";
import { h } from "../dom";
import { t, tIn, lang, inOther } from "../i18n";
import { fold, type Choice } from "../choices";
import { foldWidth, isIsoDate, isPresent, isValidAddress } from "../validation";
import { choiceEditor } from "./choice-editor";
import { multilineEditor } from "./text-editor";
import {
  addItem,
  newAsset,
  newBusiness,
  newDamage,
  newFinding,
  newChecklistAnswer,
  newOodaRole,
  newRequirement,
  newSupplier,
  newMeasure,
  newThreat,
  readableNumber,
  setField,
  type Collection,
  type Project,
} from "../model";
import type { StepId } from "../steps";
import type { Requirement } from "../generated/wire";
import { renderMatrix } from "./matrix";
import { pasteDialog, pasteRowsDialog, takesRows } from "./paste";
import type { PasteColumn } from "../paste-rows";

const tables: Tabulator[] = [];

type CatalogueList = "threats" | "measures" | "asset_types" | "entry_kinds" | "checklist";
/**
 * Catalogue entries as choices. Threats, countermeasures and checklist items keep their
 * published ids in the label (T01, C-NW-01: the workbook and the guideline use them); asset
 * and entry kinds are shown by name only (their ids are internal). Every entry can be typed
 * as its id or its name in either language.
 */
function catChoices(list: CatalogueList): Choice[] {
  const withId = list !== "asset_types" && list !== "entry_kinds";
  return (catalogue()[list] as Array<Record<string, unknown>>).map((x) => {
    const id = String(x.id);
    const name = String(x[lang()] ?? x.ja ?? id);
    return { value: id, label: withId ? `${id} ${name}` : name, keys: [id, String(x.ja ?? ""), String(x.en ?? "")] };
  });
}
/** Project items (zones, businesses, assets) as choices, by name. */
function itemChoices(list: Array<{ id: string; name?: unknown }>, none = true): Choice[] {
  const out: Choice[] = none ? [{ value: "", label: "—", keys: [] }] : [];
  for (const x of list) out.push({ value: x.id, label: String(x.name ?? "") || t("ui.unnamed"), keys: [] });
  return out;
}
/** Fixed choices with an i18n label; typed as the key or the label in either language. */
function enumChoices(prefix: string, keys: string[]): Choice[] {
  return keys.map((k) => ({ value: k, label: t(`${prefix}.${k}`), keys: [k, tIn("ja", `${prefix}.${k}`), tIn("en", `${prefix}.${k}`)] }));
}
const labels = (cs: Choice[]): Record<string, string> => Object.fromEntries(cs.map((c) => [c.value, c.label]));

/** How each editable column takes pasted text (kept beside the definitions Tabulator reads). */
const pasteKinds = new WeakMap<ColumnDefinition, Omit<PasteColumn, "field" | "title">>();
function pasteable<T extends ColumnDefinition>(def: T, kind: Omit<PasteColumn, "field" | "title">): T {
  pasteKinds.set(def, kind);
  return def;
}
/** The columns of a table that pasted cells fill, in order (derived and read-only ones left out). */
function pasteColumns(cols: ColumnDefinition[]): PasteColumn[] {
  return cols.flatMap((c) => {
    const k = pasteKinds.get(c);
    if (!k || !c.field) return [];
    const title = String(c.title ?? "");
    // Headers in either language (a workbook exported in English pasted into the ja UI).
    const other =
      inOther(
        lang() === "ja" ? "en" : "ja",
        title.replace(/^./, (x) => x.toLowerCase()),
      ) ?? inOther(lang() === "ja" ? "en" : "ja", title);
    return [{ field: c.field, title, aliases: other ? [other] : [], ...k, choices: k.choices }];
  });
}
/** The readable number (A-001, M-001): given when the row is added, never edited. */
function refColumn(prefix: "A" | "M"): ColumnDefinition {
  return {
    title: t("xl.col.ref"),
    field: "number",
    width: 70,
    formatter: (c: CellComponent) => readableNumber(prefix, c.getValue() as number | undefined),
  };
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

/**
 * A choice column. `optional`: may be cleared in the table. `pasteRequired`: a pasted row must
 * name it (the threat of a threat row, the countermeasure of a measure row); other required
 * choices take the new row's default when a paste leaves them out (status: proposed).
 */
function listColumn(
  title: string,
  field: string,
  choices: () => Choice[],
  multi = false,
  optional = true,
  pasteRequired = false,
): ColumnDefinition {
  const def: ColumnDefinition = {
    title,
    field,
    editor: choiceEditor(choices, { multi, optional }),
    formatter: (c: CellComponent) => {
      const v = c.getValue();
      const vs = labels(choices());
      return textElement(Array.isArray(v) ? v.map((x) => vs[x] ?? x).join(", ") : String(vs[v] ?? v ?? ""));
    },
    headerFilter: "input",
    headerFilterFunc: (term: string, v: unknown) => {
      const vs = labels(choices());
      const text = Array.isArray(v) ? v.map((x) => vs[x] ?? x).join(" ") : String(vs[String(v)] ?? v ?? "");
      return fold(text).includes(fold(term));
    },
    width: 180,
  };
  return pasteable(def, {
    kind: multi ? "multi" : "choice",
    // Resolved when the paste is read (the project's zones and businesses as they are then).
    get choices() {
      return choices().filter((c) => c.value !== "");
    },
    required: pasteRequired,
  });
}
/**
 * A name column: required, and unique in its collection (names are what users type and paste
 * to choose a zone, business or asset, so two alike would make a choice a guess).
 */
function nameColumn(title: string, coll: "businesses" | "assets", width: number): ColumnDefinition {
  const def = text(title, "name", width, false, "required");
  return pasteable(
    {
      ...def,
      validator: {
        type: (c: CellComponent, v: unknown) => isPresent(v) && !duplicateName(coll, String(c.getRow().getData().id), String(v)),
      },
    },
    // Pasted names: present, unlike the existing ones and unlike each other.
    { kind: "text", required: true, unique: true, check: (v: string) => !duplicateName(coll, "", v) },
  );
}
function duplicateName(coll: "businesses" | "assets" | "zones" | "entry_points", id: string, name: string): boolean {
  const n = fold(name);
  return ((doc()[coll] as Array<{ id: string; name?: unknown }>) ?? []).some((x) => x.id !== id && fold(String(x.name ?? "")) === n);
}

/** What a text cell must hold: the core's rules, checked at the field (blocking the edit). */
type Check = "required" | "address" | "date";
const CHECKS: Record<Check, { test: (v: unknown) => boolean; message: string }> = {
  required: { test: isPresent, message: "ui.check.required" },
  address: { test: (v) => v === undefined || v === null || isValidAddress(String(v)), message: "ui.check.address" },
  date: { test: (v) => v === undefined || v === null || v === "" || isIsoDate(String(v)), message: "ui.check.date" },
};
const text = (title: string, field: string, width = 160, multiline = false, check?: Check): ColumnDefinition =>
  pasteable(textColumn(title, field, width, multiline, check), {
    kind: "text",
    required: check === "required",
    check: check === "address" ? (v: string) => isValidAddress(v) : undefined,
  });
const textColumn = (title: string, field: string, width: number, multiline: boolean, check?: Check): ColumnDefinition => ({
  title,
  field,
  editor: multiline ? multilineEditor() : "input",
  editorParams: { elementAttributes: { maxlength: "20000" }, selectContents: true },
  headerFilter: "input",
  width,
  formatter: multiline ? "textarea" : "plaintext",
  ...(check
    ? {
        validator: { type: (_c: CellComponent, v: unknown) => CHECKS[check].test(v) },
        cssClass: check === "required" ? "required" : undefined,
      }
    : {}),
});
// "No" is a quiet dash, not a red ✕ that reads like the delete button.
// One click toggles (Tabulator's tick editor took two: one to open it, one to tick).
const tick = (title: string, field: string): ColumnDefinition =>
  pasteable(
    {
      title,
      field,
      cellClick: (_e: UIEvent, c: CellComponent) => c.setValue(!c.getValue()),
      formatter: "tickCross",
      formatterParams: { crossElement: '<span class="tick-no">−</span>' },
      hozAlign: "center",
      headerSort: false,
      width: 80,
    },
    { kind: "tick" },
  );
/**
 * A countermeasure's scope in one of its parts (zones, conduits, assets), as a multi-choice
 * column over `scope.<part>`; no choice in any part means the whole project.
 */
function scopeColumn(title: string, part: "zones" | "conduits" | "assets", choices: () => Choice[]): ColumnDefinition {
  return {
    ...listColumn(title, `scope_${part}`, choices, true),
    // Read from the row when the table is filled; an edit keeps what was chosen (a plain
    // mutator would put the old scope back over the edit).
    mutatorData: (_v: unknown, row: Record<string, unknown>) => ((row.scope as Record<string, string[]> | undefined)?.[part] ?? []).slice(),
    headerSort: false,
  };
}

/**
 * A security level (SL-T, SL-A) 1–4, typed as the digit like the other levels; "—" leaves it
 * unset. A vector of per-requirement levels is shown as 1/2/3….
 */
function slColumn(title: string, field: "sl_t" | "sl_a"): ColumnDefinition {
  return {
    title,
    field,
    editor: choiceEditor(() => ["1", "2", "3", "4"].map((v) => ({ value: v, label: v, keys: [] })), { optional: true }),
    width: 80,
    hozAlign: "center",
    formatter: (c: CellComponent) => {
      const v = c.getValue();
      return Array.isArray(v) ? v.join("/") : String(v ?? "");
    },
  };
}

/** A column heading from a word also used inside sentences ("safety" → "Safety"). */
function heading(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A 1–3 level: typed as the digit (full-width too), "—" clears it. */
const LEVELS: Choice[] = [{ value: "", label: "—", keys: [] }, ...["1", "2", "3"].map((v) => ({ value: v, label: v, keys: [] }))];
const level = (title: string, field: string): ColumnDefinition => pasteable(levelColumn(title, field), { kind: "level" });
const levelColumn = (title: string, field: string): ColumnDefinition => ({
  title,
  field,
  editor: choiceEditor(() => LEVELS, { optional: true }),
  formatter: (c: CellComponent) => textElement(c.getValue() === undefined || c.getValue() === null ? "" : String(c.getValue())),
  hozAlign: "center",
  headerSort: false, // the room goes to the header's words (「コスト」 was cut by the sort arrow)
  width: 86,
});
const derived = (title: string, f: (row: Record<string, unknown>) => unknown): ColumnDefinition => ({
  title,
  field: `__${title}`,
  mutator: (_v: unknown, row: Record<string, unknown>) => f(row),
  hozAlign: "center",
  width: 104,
  cssClass: "derived",
});

interface Spec {
  id: string;
  rows: () => Array<Record<string, unknown>>;
  columns: () => ColumnDefinition[];
  /** Apply a cell edit to the project. */
  update: (p: Project, id: string, field: string, value: unknown) => Project;
  add?: () => Project;
  /** Remove the row's item (and what referred to it), as one edit. */
  remove?: (id: string) => void;
  label: string;
  /** Rows pasted from Excel: the ledger field of each column, left to right. */
  paste?: string[];
  /** Rows pasted from Excel into another table: the collection and a new item from the cells. */
  pasteInto?: { coll: Collection; item: (values: Record<string, unknown>) => Record<string, unknown> };
}

function collectionSpec(id: string, coll: Collection, label: string, columns: () => ColumnDefinition[], add?: () => Project): Spec {
  return {
    id,
    rows: () => (doc()[coll] as unknown as Array<Record<string, unknown>> | undefined) ?? [],
    columns,
    update: (p, rid, field, value) => setField(p, coll, rid, field, value),
    add,
    remove: (rid) => void removeItems(coll, [rid]),
    label,
  };
}

/** Pasted values with nested fields (`scores.safety`) as objects (`scores: { safety }`). */
function nest(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const [top, sub] = k.split(".");
    if (sub) out[top] = { ...((out[top] as Record<string, unknown>) ?? {}), [sub]: v };
    else out[k] = v;
  }
  return out;
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

/** The leading column (and the readable number before it) stays put when scrolling right. */
function frozenLead(cols: ColumnDefinition[]): ColumnDefinition[] {
  const lead = cols[0]?.field === "number" ? 2 : 1;
  return cols.map((c, i) => (i < lead ? { ...c, frozen: true } : c));
}

function mount(el: HTMLElement, spec: Spec): Tabulator {
  const bar = h("div", { class: "table-bar" });
  const box = h("div", { class: "table", id: `table-${spec.id}` });
  el.append(bar, box);
  const table = new Tabulator(box, {
    // Copies to the depth the editors write (`scores.safety`): the document's own objects are
    // shared with the undo history and the core's copy (sync.ts), and change only by commit.
    data: spec.rows().map((r) => structuredClone(r)),
    index: "id",
    // Headers wrap instead of being cut to 「重…」; the row's name (with its number) stays
    // in view while editing the columns on the right.
    columnDefaults: { headerWordWrap: true },
    columns: [
      ...frozenLead(spec.columns()),
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
                spec.remove!(String(c.getRow().getData().id));
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
  // A value the core would refuse stays in its editor, marked, with the reason.
  // (Enter and the editor's blur both validate: one message per refused value while the
  // editor stays open, not one per attempt.)
  let lastRefusal = { key: "", at: 0 };
  let refusalToast: HTMLElement | null = null;
  table.on("validationFailed", (c: CellComponent) => {
    const def = c.getColumn().getDefinition();
    const kind: Check | "duplicate" =
      def.field === "address"
        ? "address"
        : def.field === "inspected" || def.field === "policy_confirmed"
          ? "date"
          : def.field === "name" && isPresent(c.getValue())
            ? "duplicate"
            : "required";
    const key = `${String(c.getRow().getData().id)}/${def.field}/${String(c.getValue())}`;
    if (key === lastRefusal.key) return;
    lastRefusal = { key, at: Date.now() };
    refusalToast = toast(
      t(kind === "duplicate" ? "ui.check.duplicate" : CHECKS[kind].message, {
        field: String(def.title ?? ""),
        name: String(c.getValue() ?? ""),
      }),
      true,
    );
  });
  // Ctrl+D fills the cell being edited from the row above (as in Excel).
  let editing: CellComponent | null = null;
  table.on("cellEditing", (c: CellComponent) => (editing = c));
  table.on("cellEdited", () => (editing = null));
  box.addEventListener(
    "keydown",
    (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== "d" || !editing) return;
      const cell = editing;
      const above = cell.getRow().getPrevRow();
      if (!above) return;
      e.preventDefault();
      e.stopPropagation();
      const field = cell.getField();
      const value = above.getCell(field)?.getValue();
      // A name is unique: filling it down would make two alike.
      if (field === "name") {
        toast(t("ui.check.no_fill_name"), true);
        return;
      }
      const id = String(cell.getRow().getData().id);
      editing = null;
      cell.cancelEdit();
      commit(
        spec.update(doc(), id, field, Array.isArray(value) ? [...value] : value),
        `${spec.label}: ${String(cell.getColumn().getDefinition().title ?? "")}`,
      );
    },
    true,
  );
  table.on("cellEditCancelled", () => {
    editing = null;
    lastRefusal = { key: "", at: 0 };
    refusalToast?.remove(); // the refusal is over: its message goes with it
  });
  table.on("cellEdited", (c: CellComponent) => {
    lastRefusal = { key: "", at: 0 };
    refusalToast?.remove();
    const field = c.getField();
    const id = String(c.getRow().getData().id);
    let v = c.getValue();
    if (v === "" && c.getOldValue() === undefined) return;
    if (typeof v === "string" && /^[123]$/.test(v) && (field.startsWith("scores.") || field.startsWith("impacts."))) v = Number(v);
    if (field === "sl_t" || field === "sl_a") v = v === "" || v === null || v === undefined ? undefined : Number(v);
    // An address typed with an IME is stored half-width, as the ledger import stores it.
    if (field === "address" && typeof v === "string") v = foldWidth(v).trim();
    commit(spec.update(doc(), id, field, v), `${spec.label}: ${c.getColumn().getDefinition().title}`, false);
  });
  if (spec.add) {
    bar.append(
      h(
        "button",
        {
          id: `add-${spec.id}`,
          onclick: () => {
            pendingFocus = { table: spec.id, before: new Set(spec.rows().map((r) => String(r.id))) };
            commit(spec.add!(), t("ui.add_row"));
          },
        },
        `+ ${t("ui.add_row")}`,
      ),
    );
  }
  if (spec.paste) {
    const columns = spec.paste;
    bar.append(
      h("button", { id: `paste-${spec.id}`, title: t("ui.paste.help"), onclick: () => pasteDialog(columns) }, t("ui.paste.button")),
    );
    // Ctrl+V anywhere on the page but in a field: the copied rows go to this table.
    onPaste = (e: ClipboardEvent) => {
      const text = e.clipboardData?.getData("text/plain") ?? "";
      if (!box.isConnected || document.querySelector("dialog[open]") || !takesRows(e.target, text)) return;
      e.preventDefault();
      pasteDialog(columns, text);
    };
    document.addEventListener("paste", onPaste);
  }
  if (spec.pasteInto && !onPaste) {
    const into = spec.pasteInto;
    const columns = () => pasteColumns(spec.columns());
    const apply = (rows: Array<Record<string, unknown>>) => {
      let p = doc();
      for (const values of rows) p = addItem(p, into.coll, into.item(nest(values)) as { id: string });
      commit(p, t("ui.paste.title"));
    };
    const itemOf = (v: Record<string, unknown>) => into.item(nest(v));
    bar.append(
      h(
        "button",
        {
          id: `paste-${spec.id}`,
          title: t("ui.paste.rows_help"),
          onclick: () => pasteRowsDialog(spec.label, columns(), apply, "", itemOf),
        },
        t("ui.paste.button"),
      ),
    );
    onPaste = (e: ClipboardEvent) => {
      const text = e.clipboardData?.getData("text/plain") ?? "";
      // Only while this table is on screen (the listener went with the page only when the
      // next table page came).
      if (!box.isConnected || document.querySelector("dialog[open]") || !takesRows(e.target, text)) return;
      e.preventDefault();
      pasteRowsDialog(spec.label, columns(), apply, text, itemOf);
    };
    document.addEventListener("paste", onPaste);
  }
  bar.append(h("span", { class: "hint" }, t("ui.rows", { n: spec.rows().length })));
  // The row just added: scrolled to, and its first field open for typing (its placeholder
  // name selected, so typing replaces it).
  if (pendingFocus?.table === spec.id) {
    const before = pendingFocus.before;
    pendingFocus = null;
    table.on("tableBuilt", () => {
      const row = table.getRows().find((r) => !before.has(String(r.getData().id)));
      if (!row) return;
      void table.scrollToRow(row, "nearest", false).finally(() => {
        const cell = row.getCells().find((c) => !!c.getColumn().getDefinition().editor);
        cell?.edit(true);
      });
    });
  }
  // A row a finding points at: scrolled to the middle and marked for a moment.
  table.on("tableBuilt", () => {
    if (!pendingReveal) return;
    const row = table.getRows().find((r) => String(r.getData().id) === pendingReveal);
    if (!row) return;
    pendingReveal = null;
    void table.scrollToRow(row, "center", false).finally(() => {
      const el = row.getElement();
      el.classList.add("revealed");
      window.setTimeout(() => el.classList.remove("revealed"), 2500);
    });
  });
  tables.push(table);
  return table;
}

/** The row a finding link points at, revealed once its table is built. */
let pendingReveal: string | null = null;

/** Reveal the row of item `id` in the tables about to be shown (a finding's link). */
export function revealRowOnNextRender(id: string): void {
  pendingReveal = id;
}

/** A row the user just added, to focus once its table is rebuilt. */
let pendingFocus: { table: string; before: Set<string> } | null = null;

export function mountRequirementItems(el: HTMLElement): void {
  const items = () => doc().requirements.items;
  const setItems = (p: Project, list: Requirement[]): Project => ({
    ...p,
    requirements: { ...p.requirements, items: list },
  });
  mount(el, {
    id: "requirements",
    rows: items,
    columns: () => [
      listColumn(t("xl.col.kind"), "kind", () => enumChoices("xl.reqkind", REQUIREMENT_KINDS), false, false),
      text(t("xl.col.title"), "title", 220, false, "required"),
      text(t("xl.col.detail"), "detail", 320, true),
      text(t("xl.col.source"), "source"),
      text(t("xl.col.owner"), "owner"),
      text(t("xl.col.status"), "status", 100),
    ],
    update: (p, id, field, value) =>
      setItems(
        p,
        items().map((x) => (x.id === id ? { ...x, [field]: value } : x)),
      ),
    add: () => setItems(doc(), [...items(), newRequirement(t("ui.new_item"))]),
    remove: (id) =>
      commit(
        setItems(
          doc(),
          items().filter((x) => x.id !== id),
        ),
        t("ui.delete_row"),
      ),
    label: t("ui.step.1-1"),
  });
}

function specs(step: StepId): Spec[] {
  const imp = () => state.analysis;
  const zones = () => itemChoices(doc().zones);
  const businesses = () => itemChoices(doc().businesses);
  const parties = () => enumChoices("responsibility", RESPONSIBILITIES);
  switch (step) {
    case "1-2":
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
    case "1-3":
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
    case "1-4":
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
    case "1-5":
      return [
        {
          ...collectionSpec("asset-importance", "assets", t("ui.step.1-5"), () => [
            { title: t("xl.col.asset"), field: "name", width: 200, headerFilter: "input" },
            listColumn(t("xl.col.businesses"), "businesses", businesses, true),
            derived(t("xl.col.importance"), (r) => imp()?.asset_importance[String(r.id)] ?? ""),
            // A manual importance (手動設定) replaces the derived one and must say why.
            {
              ...levelColumn(t("ui.col.override"), "override_level"),
              mutatorData: (_v: unknown, row: Record<string, unknown>) =>
                (row.importance_override as { level?: number } | undefined)?.level,
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
    case "1-7":
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
    case "2-1":
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
    case "2-2":
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
              return setField(
                q,
                "vulnerabilities",
                id,
                field,
                n === undefined || Number.isNaN(n) ? undefined : Math.min(10, Math.max(0, n)),
              );
            }
            if (field === "status" && !value) return q;
            return setField(q, "vulnerabilities", id, field, value ?? "");
          },
        },
      ];
    case "3":
      return [
        collectionSpec(
          "ooda",
          "ooda_roles",
          t("xl.sheet.ooda"),
          () => [
            listColumn(t("xl.col.phase"), "phase", () => enumChoices("xl.ooda", OODA_PHASES), false, false),
            listColumn(t("xl.col.ooda_step"), "step", () => enumChoices("xl.ooda", OODA_STEPS), false, false),
            text(t("xl.col.department"), "department"),
            text(t("xl.col.decider"), "decision_maker"),
            text(t("xl.col.actions"), "actions", 280, true),
            listColumn(t("xl.col.party"), "party", parties),
            text(t("xl.col.person"), "person"),
          ],
          () => addItem(doc(), "ooda_roles", newOodaRole()),
        ),
        collectionSpec(
          "suppliers",
          "suppliers",
          t("xl.sheet.suppliers"),
          () => [
            text(t("xl.col.supplier"), "name", 200, false, "required"),
            listColumn(t("xl.col.kind"), "kind", () => enumChoices("xl.supplier", SUPPLIER_KINDS), false, false),
            text(t("xl.col.provides"), "provides", 200),
            // Who the security agreement is between (a subcontractor's is always the SIer's).
            listColumn(t("xl.col.contract_holder"), "contract_holder", () => enumChoices("xl.contract_holder", CONTRACT_HOLDERS)),
            text(t("xl.col.certifications"), "certifications"),
            // ②構築 サプライチェーン管理: the subcontractor's policy confirmed (when) and the
            // security conditions agreed as contract terms.
            text(t("xl.col.policy_confirmed"), "policy_confirmed", 110, false, "date"),
            text(t("xl.col.agreement_terms"), "agreement", 260, true),
            text(t("xl.col.check_result"), "audit", 200),
          ],
          () => addItem(doc(), "suppliers", newSupplier(t("ui.new_supplier"))),
        ),
        collectionSpec(
          "checklist",
          "checklist_answers",
          t("xl.sheet.checklists"),
          () => [
            listColumn(t("xl.col.item"), "item", () => catChoices("checklist"), false, false),
            listColumn(t("xl.col.supplier"), "supplier", () => itemChoices(doc().suppliers as Array<{ id: string; name?: unknown }>)),
            listColumn(t("xl.col.answer"), "answer", () => enumChoices("xl.answer", CHECKLIST_ANSWERS), false, false),
            text(t("xl.col.evidence"), "evidence", 220),
            text(t("xl.col.notes"), "note", 200),
          ],
          () =>
            addItem(doc(), "checklist_answers", { ...newChecklistAnswer(String(catalogue().checklist[0]?.id ?? "")), answer: "not_done" }),
        ),
      ];
    default:
      return [];
  }
}

/**
 * Recompute the derived columns of `tb` (their mutators read the analysis). Not under the
 * user's fingers: while a cell is being edited, it waits for the editor to close.
 */
function refreshDerived(tb: Tabulator, fields: string[]): void {
  if (!tables.includes(tb)) return;
  if (tb.element.querySelector(".tabulator-editing")) {
    window.setTimeout(() => refreshDerived(tb, fields), 300);
    return;
  }
  const rows = tb.getData().map((r) => ({ id: r.id, ...Object.fromEntries(fields.map((f) => [f, null])) }));
  if (rows.length) tb.updateData(rows).catch((e: unknown) => console.warn(e));
}

/** The analysis listener of the tables on screen (replaced with them). */
let onAnalysis: (() => void) | null = null;
/** The paste listener of the table on screen that takes pasted rows. */
let onPaste: ((e: ClipboardEvent) => void) | null = null;

export function renderTableStep(el: HTMLElement, step: StepId): void {
  tables.splice(0).forEach((x) => x.destroy());
  if (onAnalysis) document.removeEventListener("analysis", onAnalysis);
  if (onPaste) document.removeEventListener("paste", onPaste);
  onPaste = null;
  el.append(h("h1", {}, `${step} ${t(`ui.step.${step}`)}`), h("p", { class: "hint" }, t(`ui.help.${step}`)));
  for (const spec of specs(step)) {
    const box = h("section", { class: "table-section" }, h("h2", {}, spec.label));
    el.append(box);
    mount(box, spec);
  }
  // A finding's row is revealed on this page or not at all (not later, on another page).
  window.setTimeout(() => (pendingReveal = null), 2000);
  let matrix = step === "2-2" ? renderMatrix() : null;
  if (matrix) el.append(matrix);
  // Derived columns (importance and the like) follow every analysis, not only the first
  // (they stayed stale until the page was left and re-entered). An empty table has nothing to
  // update: the library rejects that with an English message that reached the user as an error.
  onAnalysis = () => {
    for (const tb of tables) {
      const cols = tb.getColumns().filter((c) => String(c.getField()).startsWith("__"));
      const rows = tb.getData();
      if (cols.length && rows.length)
        refreshDerived(
          tb,
          cols.map((c) => String(c.getField())),
        );
    }
    // The threat × countermeasure matrix follows the table edits (it kept the old measure),
    // unless a what-if preview is open in it.
    if (matrix?.isConnected && !matrix.querySelector("#whatif")?.childElementCount) {
      const next = renderMatrix();
      matrix.replaceWith(next);
      matrix = next;
    }
  };
  document.addEventListener("analysis", onAnalysis);
}
