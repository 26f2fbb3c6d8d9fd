// Rows pasted from Excel into the asset table. The pasted cells go through the core's ledger
// import (paste_preview / paste_apply): the same column matching (a pasted header row is
// understood like a ledger's; without one the cells fill the table's columns in order), the
// same checks and the same located errors ("row 2 · column G: …"). Nothing changes until the
// user applies the preview.
import { api, errorText, type LedgerPreview } from "../api";
import { catalogue, commit, doc, toast } from "../app";
import { h, clear } from "../dom";
import { t, lang } from "../i18n";
import { readableNumber } from "../model";
import { where } from "./excel";
import { parseTsv, planPaste, UnclosedQuote, type PasteColumn, type PastePlan } from "../paste-rows";

let open = false;

/** Problems listed in a paste preview at most. */
const PROBLEMS_SHOWN = 200;

/** Is `target` somewhere the user types (where a paste belongs to the field)? */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

/**
 * Where a paste of `text` goes to a table's paste dialog: anywhere but a field, and also into
 * a table cell being edited when the text holds several cells (tabs): typed into one cell
 * they became one name with tabs in it.
 */
export function takesRows(target: EventTarget | null, text: string): boolean {
  if (!looksLikeCells(text)) return false;
  if (!isTyping(target)) return true;
  const el = target as HTMLElement;
  if (el.closest(".tabulator-cell") && /\t/.test(text)) {
    el.blur();
    return true;
  }
  return false;
}

/** Tab-separated cells look like rows copied from a spreadsheet (more than one cell). */
export function looksLikeCells(text: string): boolean {
  return /\t/.test(text) || /\S\r?\n\S/.test(text.trim());
}

/**
 * The paste dialog: the pasted text (editable, so a user can also paste into it with Ctrl+V),
 * the preview of what it would add or update, its located problems, and Apply / Cancel.
 * `columns` are the field keys of the table's columns, left to right.
 */
export function pasteDialog(columns: string[], initial = ""): void {
  if (open) return;
  open = true;
  const dialog = h("dialog", { id: "paste-dialog", class: "question wide" });
  const area = h("textarea", { id: "paste-text", rows: 5, placeholder: t("ui.paste.placeholder"), spellcheck: false });
  area.value = initial;
  const result = h("div", { id: "paste-preview" });
  const skip = h("input", { type: "checkbox", id: "paste-skip" });
  const apply = h("button", { id: "btn-paste-apply", disabled: true }, t("ui.paste.apply"));
  const cancel = h("button", { id: "btn-paste-cancel" }, t("ui.cancel"));
  const skipLabel = h("label", { class: "check", hidden: true }, skip, h("span", {}, ""));
  let preview: LedgerPreview | null = null;
  let seq = 0;
  const close = () => {
    open = false;
    dialog.close();
    dialog.remove();
  };
  const typeName = (id: unknown) => {
    const x = (catalogue().asset_types as Array<Record<string, unknown>>).find((a) => a.id === id);
    return String(x?.[lang()] ?? id ?? "");
  };
  const zoneName = (id: unknown) => doc().zones.find((z) => z.id === id)?.name ?? "";
  const updated = (id: string, name: string) => {
    const a = doc().assets.find((x) => x.id === id);
    if (!a) return t("ui.excel.update");
    const ref = readableNumber("A", a.number as number | undefined);
    return a.name === name ? `${t("ui.excel.update")} ${ref}` : t("ui.paste.update_renamed", { ref, from: a.name });
  };
  const refresh = async () => {
    const mine = ++seq;
    const text = area.value;
    clear(result);
    apply.disabled = true;
    preview = null;
    if (!text.trim()) return;
    try {
      const p = await api.pastePreview(doc(), { text, columns });
      if (mine !== seq) return;
      preview = p;
    } catch (e) {
      if (mine !== seq) return;
      result.append(h("p", { class: "error", id: "paste-error" }, errorText(e)));
      return;
    }
    const errors = preview.problems.filter(([l]) => l === "error").length;
    const adds = preview.rows.filter((r) => r.action.kind === "add" && !r.has_error).length;
    const updates = preview.rows.filter((r) => r.action.kind === "update" && !r.has_error).length;
    result.append(
      h(
        "p",
        { id: "paste-summary" },
        t(preview.header_row ? "ui.paste.summary_header" : "ui.paste.summary", { add: adds, update: updates, errors }),
      ),
      h(
        "table",
        { class: "preview" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...[
              t("ui.excel.row"),
              t("ui.excel.action"),
              t("xl.col.asset"),
              t("xl.col.asset_type"),
              t("xl.col.zone"),
              t("xl.col.address"),
            ].map((x) => h("th", {}, x)),
          ),
        ),
        h(
          "tbody",
          {},
          ...preview.rows.slice(0, 100).map((r) =>
            h(
              "tr",
              { class: r.has_error ? "bad" : "" },
              h("td", {}, String(r.row)),
              // An update names the asset it changes (matched by name, else by address: a
              // renamed asset shows its old name).
              h("td", {}, r.action.kind === "update" ? updated(r.action.id, String(r.asset.name ?? "")) : t("ui.excel.add")),
              h("td", {}, String(r.asset.name ?? "")),
              h("td", {}, typeName(r.asset.asset_type)),
              h("td", {}, zoneName(r.asset.zone)),
              h("td", {}, String(r.asset.address ?? "")),
            ),
          ),
        ),
      ),
      h(
        "ul",
        { class: "problems", id: "paste-problems" },
        ...preview.problems
          .slice(0, PROBLEMS_SHOWN)
          .map(([lvl, p]) => h("li", { class: lvl }, `${t(`ui.excel.${lvl}`)} ${where(p.location)}: ${p.message}`)),
      ),
    );
    skipLabel.hidden = errors === 0;
    (skipLabel.lastElementChild as HTMLElement).textContent = t("ui.excel.skip_errors", { n: errors });
    apply.disabled = adds + updates === 0 || (errors > 0 && !skip.checked);
  };
  area.addEventListener("input", () => void refresh());
  skip.addEventListener("change", () => void refresh());
  apply.addEventListener("click", async () => {
    try {
      const r = await api.pasteApply(doc(), { text: area.value, columns }, skip.checked);
      commit(r.project, t("ui.paste.title"));
      toast(t("ui.excel.ledger_done", { add: r.added, update: r.updated }));
      close();
    } catch (e) {
      result.prepend(h("p", { class: "error" }, errorText(e)));
    }
  });
  cancel.addEventListener("click", close);
  dialog.addEventListener("cancel", () => {
    open = false;
    dialog.remove();
  });
  dialog.append(
    h("h2", {}, t("ui.paste.title")),
    h("p", { class: "hint" }, t("ui.paste.help")),
    area,
    result,
    h("div", { class: "buttons" }, skipLabel, cancel, apply),
  );
  document.body.append(dialog);
  dialog.showModal();
  area.focus();
  void refresh();
}

/**
 * The paste dialog of the other tables (businesses, threats, countermeasures): the pasted
 * cells read with the table's columns and choices (paste-rows.ts), a preview of the rows and
 * every problem at its pasted row and column; Apply adds the rows.
 */
export function pasteRowsDialog(
  title: string,
  columns: PasteColumn[],
  apply: (rows: Array<Record<string, unknown>>) => void,
  initial = "",
  itemOf: (values: Record<string, unknown>) => Record<string, unknown> = (v) => v,
): void {
  if (open) return;
  open = true;
  const dialog = h("dialog", { id: "paste-dialog", class: "question wide" });
  const area = h("textarea", { id: "paste-text", rows: 5, placeholder: t("ui.paste.placeholder"), spellcheck: false });
  area.value = initial;
  const result = h("div", { id: "paste-preview" });
  const skip = h("input", { type: "checkbox", id: "paste-skip" });
  const skipText = h("span", {}, "");
  const skipLabel = h("label", { class: "check", hidden: true }, skip, skipText);
  const applyBtn = h("button", { id: "btn-paste-apply", disabled: true }, t("ui.paste.apply"));
  const cancel = h("button", { id: "btn-paste-cancel" }, t("ui.cancel"));
  let plan: PastePlan | null = null;
  const close = () => {
    open = false;
    dialog.close();
    dialog.remove();
  };
  const label = (c: PasteColumn, v: unknown) =>
    Array.isArray(v)
      ? v.map((x) => c.choices?.find((o) => o.value === x)?.label ?? String(x)).join(", ")
      : (c.choices?.find((o) => o.value === v)?.label ?? (typeof v === "boolean" ? (v ? "✓" : "−") : String(v ?? "")));
  const refresh = () => {
    clear(result);
    try {
      plan = area.value.trim() ? planPaste(parseTsv(area.value), columns) : null;
    } catch (e) {
      plan = null;
      if (e instanceof UnclosedQuote) result.append(h("p", { class: "error", id: "paste-error" }, t("ui.paste.unclosed", { row: e.row })));
      else throw e;
    }
    applyBtn.disabled = true;
    if (!plan) return;
    // Every field the new rows will hold, defaults included (status: proposed…), so nothing
    // goes in unseen.
    const items = plan.rows.map((r) => itemOf(r.values));
    const get = (item: Record<string, unknown>, field: string) =>
      field.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], item);
    const filled = (v: unknown) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
    const shown = columns.filter((c) => items.some((it) => filled(get(it, c.field))));
    result.append(
      h(
        "p",
        { id: "paste-summary" },
        t(plan.header ? "ui.paste.rows_summary_header" : "ui.paste.rows_summary", { add: plan.rows.length, errors: plan.problems.length }),
      ),
      plan.ignored.length ? h("p", { class: "hint" }, t("ui.paste.ignored", { columns: plan.ignored.join(", ") })) : "",
      h(
        "table",
        { class: "preview" },
        h("thead", {}, h("tr", {}, h("th", {}, t("ui.excel.row")), ...shown.map((c) => h("th", {}, c.title)))),
        h(
          "tbody",
          {},
          ...plan.rows
            .slice(0, 100)
            .map((r, i) =>
              h(
                "tr",
                {},
                h("td", {}, String(r.row)),
                ...shown.map((c) => h("td", { class: r.values[c.field] === undefined ? "default" : "" }, label(c, get(items[i], c.field)))),
              ),
            ),
        ),
      ),
      h(
        "ul",
        { class: "problems", id: "paste-problems" },
        // The first problems are listed (100,000 bad rows drew for a minute); the rest counted.
        ...plan.problems.slice(0, PROBLEMS_SHOWN).map((p) =>
          h(
            "li",
            { class: "error" },
            t("ui.paste.problem", {
              row: p.row,
              column: p.column ? ` · ${t("ui.excel.column")} ${p.column}` : "",
              title: p.title,
              message: t(p.key, p.args),
            }),
          ),
        ),
      ),
    );
    if (plan.problems.length > PROBLEMS_SHOWN)
      result.append(h("p", { class: "hint" }, t("ui.excel.more_rows", { n: plan.problems.length - PROBLEMS_SHOWN })));
    const errorRows = new Set(plan.problems.map((p) => p.row)).size;
    skipLabel.hidden = errorRows === 0;
    skipText.textContent = t("ui.excel.skip_errors", { n: errorRows });
    applyBtn.disabled = plan.rows.length === 0 || (errorRows > 0 && !skip.checked);
  };
  area.addEventListener("input", refresh);
  skip.addEventListener("change", refresh);
  applyBtn.addEventListener("click", () => {
    if (!plan) return;
    apply(plan.rows.map((r) => r.values));
    toast(t("ui.paste.done", { n: plan.rows.length, table: title }));
    close();
  });
  cancel.addEventListener("click", close);
  dialog.addEventListener("cancel", () => {
    open = false;
    dialog.remove();
  });
  dialog.append(
    h("h2", {}, `${t("ui.paste.title")}: ${title}`),
    h("p", { class: "hint" }, t("ui.paste.rows_help")),
    area,
    result,
    h("div", { class: "buttons" }, skipLabel, cancel, applyBtn),
  );
  document.body.append(dialog);
  dialog.showModal();
  area.focus();
  refresh();
}
