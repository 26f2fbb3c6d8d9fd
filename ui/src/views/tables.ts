// The steps recorded as editable tables (Tabulator: virtual rendering, sorting, header
// filters), with the catalogue offered as choices: the table machinery (mount, paste,
// reveal, derived columns). What each step's tables show is in ./steps/step-<id>.ts, built
// from the columns in ./columns.ts.
import "tabulator-tables/dist/css/tabulator_simple.min.css";
import { REQUIREMENT_KINDS } from "../generated/wire";
import { TabulatorFull as Tabulator, type ColumnDefinition, type CellComponent } from "tabulator-tables";
import { commit, doc, toast } from "../app";
import { h } from "../dom";
import { t } from "../i18n";
import { foldWidth, isPresent } from "../validation";
import { addItem, newRequirement, type Project } from "../model";
import type { StepId } from "../steps";
import type { Requirement } from "../generated/wire";
import { renderMatrix } from "./matrix";
import { pasteDialog, pasteRowsDialog, takesRows } from "./paste";
import { enumChoices, pasteColumns, listColumn, type Check, CHECKS, text, type Spec, nest } from "./columns";
import { specsFor } from "./steps";

const tables: Tabulator[] = [];

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

/**
 * Destroy the tables on screen with their listeners: the view is leaving them (a table left
 * behind kept recomputing its derived columns after every analysis, and took pasted rows
 * on pages that show no table).
 */
export function disposeTables(): void {
  tables.splice(0).forEach((x) => x.destroy());
  if (onAnalysis) document.removeEventListener("analysis", onAnalysis);
  if (onPaste) document.removeEventListener("paste", onPaste);
  onAnalysis = null;
  onPaste = null;
}

/** Draw `step`'s tables into `el` (the view has disposed of the tables before: disposeTables). */
export function renderTableStep(el: HTMLElement, step: StepId): void {
  el.append(h("h1", {}, `${step} ${t(`ui.step.${step}`)}`), h("p", { class: "hint" }, t(`ui.help.${step}`)));
  for (const spec of specsFor(step)) {
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
