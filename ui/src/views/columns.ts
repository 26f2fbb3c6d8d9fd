// Building blocks of the step tables: choice lists from the catalogue, the project and the
// Rust enums; column definitions (text, lists, levels, ticks, scopes, derived figures); and
// what a table shows and edits (Spec).
import { type ColumnDefinition, type CellComponent } from "tabulator-tables";
import { catalogue, doc, removeItems } from "../app";
import { t, tIn, lang, inOther } from "../i18n";
import { fold, type Choice } from "../choices";
import { isIsoDate, isPresent, isValidAddress } from "../validation";
import { choiceEditor } from "./choice-editor";
import { multilineEditor } from "./text-editor";
import { readableNumber, setField, type Collection, type Project } from "../model";
import type { PasteColumn } from "../paste-rows";

export type CatalogueList = "threats" | "measures" | "asset_types" | "entry_kinds" | "checklist";
/**
 * Catalogue entries as choices. Threats, countermeasures and checklist items keep their
 * published ids in the label (T01, C-NW-01: the workbook and the guideline use them); asset
 * and entry kinds are shown by name only (their ids are internal). Every entry can be typed
 * as its id or its name in either language.
 */
export function catChoices(list: CatalogueList): Choice[] {
  const withId = list !== "asset_types" && list !== "entry_kinds";
  return (catalogue()[list] as Array<Record<string, unknown>>).map((x) => {
    const id = String(x.id);
    const name = String(x[lang()] ?? x.ja ?? id);
    return { value: id, label: withId ? `${id} ${name}` : name, keys: [id, String(x.ja ?? ""), String(x.en ?? "")] };
  });
}
/** Project items (zones, businesses, assets) as choices, by name. */
export function itemChoices(list: Array<{ id: string; name?: unknown }>, none = true): Choice[] {
  const out: Choice[] = none ? [{ value: "", label: "—", keys: [] }] : [];
  for (const x of list) out.push({ value: x.id, label: String(x.name ?? "") || t("ui.unnamed"), keys: [] });
  return out;
}
/** Fixed choices with an i18n label; typed as the key or the label in either language. */
export function enumChoices(prefix: string, keys: string[]): Choice[] {
  return keys.map((k) => ({ value: k, label: t(`${prefix}.${k}`), keys: [k, tIn("ja", `${prefix}.${k}`), tIn("en", `${prefix}.${k}`)] }));
}
export const labels = (cs: Choice[]): Record<string, string> => Object.fromEntries(cs.map((c) => [c.value, c.label]));

/** How each editable column takes pasted text (kept beside the definitions Tabulator reads). */
export const pasteKinds = new WeakMap<ColumnDefinition, Omit<PasteColumn, "field" | "title">>();
export function pasteable<T extends ColumnDefinition>(def: T, kind: Omit<PasteColumn, "field" | "title">): T {
  pasteKinds.set(def, kind);
  return def;
}
/** The columns of a table that pasted cells fill, in order (derived and read-only ones left out). */
export function pasteColumns(cols: ColumnDefinition[]): PasteColumn[] {
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
export function refColumn(prefix: "A" | "M"): ColumnDefinition {
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
export function listColumn(
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
export function nameColumn(title: string, coll: "businesses" | "assets", width: number): ColumnDefinition {
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
export function duplicateName(coll: "businesses" | "assets" | "zones" | "entry_points", id: string, name: string): boolean {
  const n = fold(name);
  return ((doc()[coll] as Array<{ id: string; name?: unknown }>) ?? []).some((x) => x.id !== id && fold(String(x.name ?? "")) === n);
}

/** What a text cell must hold: the core's rules, checked at the field (blocking the edit). */
export type Check = "required" | "address" | "date";
export const CHECKS: Record<Check, { test: (v: unknown) => boolean; message: string }> = {
  required: { test: isPresent, message: "ui.check.required" },
  address: { test: (v) => v === undefined || v === null || isValidAddress(String(v)), message: "ui.check.address" },
  date: { test: (v) => v === undefined || v === null || v === "" || isIsoDate(String(v)), message: "ui.check.date" },
};
export const text = (title: string, field: string, width = 160, multiline = false, check?: Check): ColumnDefinition =>
  pasteable(textColumn(title, field, width, multiline, check), {
    kind: "text",
    required: check === "required",
    check: check === "address" ? (v: string) => isValidAddress(v) : undefined,
  });
export const textColumn = (title: string, field: string, width: number, multiline: boolean, check?: Check): ColumnDefinition => ({
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
export const tick = (title: string, field: string): ColumnDefinition =>
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
export function scopeColumn(title: string, part: "zones" | "conduits" | "assets", choices: () => Choice[]): ColumnDefinition {
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
export function slColumn(title: string, field: "sl_t" | "sl_a"): ColumnDefinition {
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
export function heading(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A 1–3 level: typed as the digit (full-width too), "—" clears it. */
export const LEVELS: Choice[] = [{ value: "", label: "—", keys: [] }, ...["1", "2", "3"].map((v) => ({ value: v, label: v, keys: [] }))];
export const level = (title: string, field: string): ColumnDefinition => pasteable(levelColumn(title, field), { kind: "level" });
export const levelColumn = (title: string, field: string): ColumnDefinition => ({
  title,
  field,
  editor: choiceEditor(() => LEVELS, { optional: true }),
  formatter: (c: CellComponent) => textElement(c.getValue() === undefined || c.getValue() === null ? "" : String(c.getValue())),
  hozAlign: "center",
  headerSort: false, // the room goes to the header's words (「コスト」 was cut by the sort arrow)
  width: 86,
});
export const derived = (title: string, f: (row: Record<string, unknown>) => unknown): ColumnDefinition => ({
  title,
  field: `__${title}`,
  mutator: (_v: unknown, row: Record<string, unknown>) => f(row),
  hozAlign: "center",
  width: 104,
  cssClass: "derived",
});

export interface Spec {
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

export function collectionSpec(id: string, coll: Collection, label: string, columns: () => ColumnDefinition[], add?: () => Project): Spec {
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
export function nest(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const [top, sub] = k.split(".");
    if (sub) out[top] = { ...((out[top] as Record<string, unknown>) ?? {}), [sub]: v };
    else out[k] = v;
  }
  return out;
}

/** Nested fields (`scores.safety`) are written back as objects. */
export function setNested(p: Project, coll: Collection, id: string, field: string, value: unknown): Project {
  const [top, sub] = field.split(".");
  if (!sub) return setField(p, coll, id, field, value);
  const item = (p[coll] as Array<Record<string, unknown>>).find((x) => x.id === id);
  const obj = { ...((item?.[top] as Record<string, unknown>) ?? {}) };
  if (value === "" || value === null || value === undefined) delete obj[sub];
  else obj[sub] = Number(value);
  return setField(p, coll, id, top, obj);
}
