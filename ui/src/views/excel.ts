// Excel in and out: export the evidence workbook, import a customer's asset ledger through a
// preview with column mapping and row errors, import the customer's answers with a diff.
import { api, errorText, type LedgerPreview, type ResponseReport, type InspectionResultView } from "../api";
import { commit, doc, state, toast } from "../app";
import { h, clear } from "../dom";
import { t, lang } from "../i18n";
import { readableNumber } from "../model";

export const where = (l: Record<string, string | number>) =>
  [l.sheet, l.row ? `${t("ui.excel.row")} ${l.row}` : "", l.column ? `${t("ui.excel.column")} ${l.column}` : ""]
    .filter(Boolean)
    .join(" · ");

let ledgerFile: string | null = null;
let mapping: Array<[string, string]> = [];
let preview: LedgerPreview | null = null;
let responsesFile: string | null = null;
let report: ResponseReport | null = null;

export function renderExcel(el: HTMLElement): void {
  const exportBox = h("section", { class: "card", id: "export-card" });
  const ledgerBox = h("section", { class: "card", id: "ledger-card" });
  const respBox = h("section", { class: "card", id: "responses-card" });
  el.append(h("h1", {}, t("ui.view.excel")), exportBox, ledgerBox, respBox);
  renderExport(exportBox);
  renderLedger(ledgerBox);
  renderResponses(respBox);
}

function renderExport(box: HTMLElement): void {
  const progress = h("progress", { id: "export-progress", max: 3, value: 0, hidden: true });
  const result = h("p", { id: "export-result" });
  const btn = h("button", { id: "btn-export" }, t("ui.excel.export"));
  btn.addEventListener("click", async () => {
    btn.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    const phases: Record<string, number> = { analyse: 1, write: 2, done: 3 };
    const un = await api.onExportProgress((ph) => {
      progress.value = phases[ph] ?? 0;
      result.textContent = t(`ui.excel.phase.${ph}`);
    });
    try {
      const r = await api.exportWorkbook(doc(), lang());
      result.textContent = r ? t("ui.excel.exported", { file: r.path, rows: r.risks, kb: Math.round(r.bytes / 1024) }) : t("ui.cancelled");
    } catch (e) {
      result.textContent = "";
      toast(`${t("ui.excel.export_failed")}: ${errorText(e)}`, true);
    } finally {
      un();
      btn.disabled = false;
      progress.hidden = true;
    }
  });
  box.append(h("h2", {}, t("ui.excel.export_title")), h("p", { class: "hint" }, t("ui.excel.export_help")), btn, progress, result);
}

function renderLedger(box: HTMLElement): void {
  clear(box);
  box.append(h("h2", {}, t("ui.excel.ledger_title")), h("p", { class: "hint" }, t("ui.excel.ledger_help")));
  const pick = h("button", { id: "btn-pick-ledger" }, t("ui.excel.pick_ledger"));
  pick.addEventListener("click", async () => {
    const f = await api.pickLedger();
    if (!f) return;
    ledgerFile = f;
    mapping = [];
    await refreshPreview(box);
  });
  box.append(pick, ledgerFile ? h("span", { class: "hint" }, ` ${ledgerFile}`) : "");
  if (!preview) return;
  const fields = state.info!.ledger_fields;
  const errors = preview.problems.filter(([l]) => l === "error").length;
  const adds = preview.rows.filter((r) => r.action.kind === "add" && !r.has_error).length;
  const updates = preview.rows.filter((r) => r.action.kind === "update" && !r.has_error).length;
  box.append(
    h(
      "p",
      { id: "ledger-summary" },
      t("ui.excel.ledger_summary", { sheet: preview.sheet || "CSV", header: preview.header_row, add: adds, update: updates, errors }),
    ),
    h(
      "table",
      { class: "mapping", id: "ledger-mapping" },
      h("thead", {}, h("tr", {}, h("th", {}, t("ui.excel.column")), h("th", {}, t("ui.excel.header")), h("th", {}, t("ui.excel.field")))),
      h(
        "tbody",
        {},
        ...preview.columns.map((c) => {
          const sel = h(
            "select",
            { "data-column": c.column },
            h("option", { value: "" }, "—"),
            ...fields.map((f) => h("option", { value: f, selected: (c.field ?? "") === f }, t(`ui.field.${f}`))),
          );
          sel.addEventListener("change", async () => {
            mapping = mapping.filter(([col]) => col !== c.column);
            if (sel.value) mapping.push([c.column, sel.value]);
            await refreshPreview(box);
          });
          // Why the column got its field: a contained word or a guessed name is a proposal to check.
          const why =
            c.reason?.kind === "contains"
              ? t("ledger.reason_contains", { word: c.reason.word ?? "" })
              : c.reason?.kind === "guessed_name"
                ? t("ledger.reason_guessed_name")
                : "";
          return h(
            "tr",
            { class: why ? "proposed" : "" },
            h("td", {}, c.column),
            h("td", {}, c.header),
            h("td", {}, sel, why ? h("div", { class: "hint" }, why) : ""),
          );
        }),
      ),
    ),
    h(
      "table",
      { class: "preview", id: "ledger-rows" },
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
            t("xl.col.address"),
            t("xl.col.location"),
          ].map((x) => h("th", {}, x)),
        ),
      ),
      h(
        "tbody",
        {},
        ...preview.rows
          .slice(0, 200)
          .map((r) =>
            h(
              "tr",
              { class: r.has_error ? "bad" : "" },
              h("td", {}, String(r.row)),
              h("td", {}, t(`ui.excel.${r.action.kind}`)),
              h("td", {}, String(r.asset.name ?? "")),
              h("td", {}, String(r.asset.asset_type ?? "")),
              h("td", {}, String(r.asset.address ?? "")),
              h("td", {}, String(r.asset.location ?? "")),
            ),
          ),
      ),
    ),
    preview.rows.length > 200 ? h("p", { class: "hint" }, t("ui.excel.more_rows", { n: preview.rows.length - 200 })) : "",
    h(
      "ul",
      { class: "problems", id: "ledger-problems" },
      ...preview.problems.map(([lvl, p]) => h("li", { class: lvl }, `${t(`ui.excel.${lvl}`)} ${where(p.location)}: ${p.message}`)),
    ),
  );
  const skip = h("input", { type: "checkbox", id: "ledger-skip" });
  const apply = h("button", { id: "btn-ledger-apply" }, t("ui.excel.apply"));
  apply.addEventListener("click", async () => {
    try {
      const r = await api.ledgerApply(doc(), { sheet: preview?.sheet || null, mapping }, skip.checked);
      commit(r.project, t("ui.excel.ledger_title"));
      toast(t("ui.excel.ledger_done", { add: r.added, update: r.updated }));
      preview = null;
      ledgerFile = null;
    } catch (e) {
      toast(errorText(e), true);
    }
  });
  box.append(errors ? h("label", { class: "check" }, skip, t("ui.excel.skip_errors", { n: errors })) : "", apply);
}

async function refreshPreview(box: HTMLElement): Promise<void> {
  try {
    preview = await api.ledgerPreview(doc(), { sheet: null, mapping });
  } catch (e) {
    preview = null;
    toast(errorText(e), true);
  }
  renderLedger(box);
}

function renderResponses(box: HTMLElement): void {
  clear(box);
  box.append(h("h2", {}, t("ui.excel.responses_title")), h("p", { class: "hint" }, t("ui.excel.responses_help")));
  const pick = h("button", { id: "btn-pick-responses" }, t("ui.excel.pick_responses"));
  pick.addEventListener("click", async () => {
    const f = await api.pickResponses();
    if (!f) return;
    responsesFile = f;
    try {
      report = await api.responsesPreview(doc());
    } catch (e) {
      report = null;
      toast(errorText(e), true);
    }
    renderResponses(box);
  });
  box.append(pick, responsesFile ? h("span", { class: "hint" }, ` ${responsesFile}`) : "");
  if (!report) return;
  const ag = (r: Record<string, unknown> | null) => (r && r.agreement ? t(`ui.agreement.${r.agreement}`) : "—");
  const outcome: Record<string, string> = { ok: "OK", ng: "NG", not_applicable: "N/A" };
  const treated = (d: Record<string, unknown> | null) =>
    d
      ? [t(`xl.treatment.${String(d.treatment ?? "undecided")}`), String(d.owner ?? ""), String(d.due ?? "")].filter(Boolean).join(" · ")
      : "—";
  const decided = (d: { applies: boolean } | null) => (d ? t(d.applies ? "xl.applicability.applies" : "xl.applicability.excluded") : "—");
  const inspected = (r: InspectionResultView | null) =>
    r ? [r.outcome ? outcome[r.outcome] : "", r.date ?? ""].filter(Boolean).join(" ") || "—" : "—";
  box.append(
    h(
      "p",
      { id: "responses-summary" },
      t("ui.excel.responses_summary", {
        changed: report.changes.length + report.inspections.length + report.applicability.length + (report.treatments?.length ?? 0),
        unchanged: report.unchanged,
        problems: report.problems.length,
      }),
    ),
    report.model_changed
      ? h(
          "p",
          { id: "responses-model-changed", class: "card warn" },
          t("responses.model_changed", {
            version: report.model_changed.workbook_version,
            from: report.model_changed.workbook_baseline,
            to: report.model_changed.project_baseline,
          }),
        )
      : "",
    h(
      "table",
      { class: "preview", id: "responses-diff" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...[t("xl.cover.sheets"), t("ui.excel.row"), "ID", t("ui.excel.before"), t("ui.excel.after"), t("xl.col.notes")].map((x) =>
            h("th", {}, x),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        ...report.changes.map((c) =>
          h(
            "tr",
            {},
            h("td", {}, c.sheet),
            h("td", {}, String(c.row)),
            h("td", { title: c.row_id }, rowLabel(c.row_id)),
            h("td", {}, ag(c.before)),
            h("td", {}, ag(c.after)),
            h("td", {}, String(c.after.comment ?? "")),
          ),
        ),
        ...report.inspections.map((c) =>
          h(
            "tr",
            {},
            h("td", {}, c.sheet),
            h("td", {}, String(c.row)),
            h("td", { title: c.row_id }, rowLabel(c.row_id)),
            h("td", {}, inspected(c.before)),
            h("td", {}, inspected(c.after)),
            h("td", {}, [c.after.evidence, c.after.inspector].filter(Boolean).join(" · ")),
          ),
        ),
        ...(report.treatments ?? []).map((c) =>
          h(
            "tr",
            {},
            h("td", {}, c.sheet),
            h("td", {}, String(c.row)),
            h("td", { title: c.row_id }, rowLabel(c.row_id)),
            h("td", {}, treated(c.before)),
            h("td", {}, treated(c.after)),
            h("td", {}, String(c.after.justification ?? "")),
          ),
        ),
        ...report.applicability.map((c) =>
          h(
            "tr",
            {},
            h("td", {}, c.sheet),
            h("td", {}, String(c.row)),
            h("td", { title: c.row_id }, rowLabel(c.row_id)),
            h("td", {}, decided(c.before)),
            h("td", {}, decided(c.after)),
            h("td", {}, c.after.reason),
          ),
        ),
      ),
    ),
    h("ul", { class: "problems" }, ...report.problems.map((p) => h("li", { class: "warning" }, `${where(p.location)}: ${p.message}`))),
  );
  const accept = h(
    "button",
    {
      id: "btn-responses-apply",
      disabled: report.changes.length + report.inspections.length + report.applicability.length + (report.treatments?.length ?? 0) === 0,
    },
    t("ui.excel.accept"),
  );
  accept.addEventListener("click", async () => {
    try {
      const r = await api.responsesApply(doc());
      commit(r.project, t("ui.excel.responses_title"));
      toast(t("ui.excel.responses_done", { n: r.updated }));
      report = null;
      responsesFile = null;
    } catch (e) {
      toast(errorText(e), true);
    }
  });
  box.append(accept);
}

/**
 * A returned workbook's row as the reader knows it: a register row by its number and asset
 * (A-010/T21 調合ライン操作端末), any other item by its name; the row id when nothing matches.
 */
function rowLabel(id: string): string {
  const p = doc();
  const risk = /^(?:applicability:)?([^@]+)@(.+)$/.exec(id);
  if (risk) {
    const a = p.assets.find((x) => x.id === risk[2]) as { name?: string; number?: number } | undefined;
    if (a) return `${a.number ? `${readableNumber("A", a.number)}/` : ""}${risk[1]} ${String(a.name ?? "")}`;
    return id;
  }
  for (const coll of ["assets", "zones", "conduits", "businesses", "countermeasures", "suppliers", "ooda_roles"] as const) {
    const item = (
      (p as unknown as Record<string, Array<{ id: string; name?: unknown; measure?: unknown; number?: number }>>)[coll] ?? []
    ).find((x) => x.id === id);
    if (item) {
      const prefix =
        coll === "assets" && item.number
          ? `${readableNumber("A", item.number)} `
          : coll === "countermeasures" && item.number
            ? `${readableNumber("M", item.number)} `
            : "";
      return `${prefix}${String(item.name ?? item.measure ?? id)}`;
    }
  }
  return id;
}
