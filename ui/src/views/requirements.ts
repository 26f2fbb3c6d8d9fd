// Step 1-1: project identity, requirements, BCP.
import type { ProjectMeta, Requirements } from "../generated/wire";
import { api, errorText } from "../api";
import { commit, doc, toast } from "../app";
import { clear, h } from "../dom";
import { lang, t } from "../i18n";
import { nextVersion, type Project } from "../model";
import { requireName } from "./field-check";
import { mountRequirementItems } from "./tables";

function field(
  label: string,
  id: string,
  value: string,
  onChange: (v: string) => Project,
  multiline = false,
  required = false,
): HTMLElement {
  const input = multiline ? h("textarea", { id, rows: 3, maxlength: 20000 }) : h("input", { id, type: "text", maxlength: 2000 });
  input.value = value;
  const box = h("label", { class: required ? "field required" : "field" }, h("span", {}, label), input);
  if (required) requireName(input, label, (v) => commit(onChange(v), label, false));
  else input.addEventListener("change", () => commit(onChange(input.value), label, false));
  return box;
}

/** The names of a type's text fields. */
type TextField<T> = { [K in keyof T]-?: T[K] extends string ? K : never }[keyof T] & string;

export function renderRequirements(el: HTMLElement): void {
  const p = doc();
  const meta = (k: TextField<ProjectMeta>, label: string) =>
    field(label, `meta-${k}`, String(p.meta[k] ?? ""), (v) => ({ ...doc(), meta: { ...doc().meta, [k]: v } }), false, k === "name");
  const req = (k: TextField<Requirements>, label: string, multiline = true) =>
    field(
      label,
      `req-${k}`,
      String(p.requirements[k] ?? ""),
      (v) => ({ ...doc(), requirements: { ...doc().requirements, [k]: v } }),
      multiline,
    );
  el.append(
    h("h1", {}, `1-1 ${t("ui.step.1-1")}`),
    h("p", { class: "hint" }, t("ui.help.1-1")),
    h(
      "section",
      { class: "card grid2" },
      meta("name", t("xl.cover.project")),
      meta("customer", t("xl.cover.customer")),
      meta("site", t("xl.cover.site")),
      meta("sier", t("xl.cover.sier")),
      meta("assessor", t("xl.cover.assessor")),
      meta("version", t("xl.cover.version")),
      meta("scope", t("xl.cover.scope")),
    ),
    h(
      "section",
      { class: "card" },
      req("business_goals", t("xl.req.goals")),
      req("smart_factory_purpose", t("xl.req.purpose")),
      req("incident_impact", t("xl.req.impact")),
      req("governance", t("xl.req.governance")),
      field(
        t("xl.req.bcp"),
        "req-bcp",
        p.requirements.bcp.notes,
        (v) => ({
          ...doc(),
          requirements: { ...doc().requirements, bcp: { ...doc().requirements.bcp, notes: v } },
        }),
        true,
      ),
    ),
    h("h2", {}, t("ui.requirements.items")),
  );
  const box = h("div", { class: "table-box" });
  el.append(box);
  mountRequirementItems(box);
  el.append(renderRevisions());
  // A brand-new empty project: its name is the first thing to type (the placeholder selected).
  if (!p.businesses.length && !p.assets.length && !p.zones.length && !p.meta.customer) {
    const name = el.querySelector<HTMLInputElement>("#meta-name");
    window.setTimeout(() => {
      name?.focus();
      name?.select();
    }, 0);
  }
}

/** Show in `into` what changed since recorded version `index`, line by line. */
async function showComparison(index: number, into: HTMLElement): Promise<void> {
  clear(into);
  try {
    const c = await api.compareRevision(doc(), index, lang());
    const head = h("h3", {}, t("ui.rev.compare_title", { v: c.version, date: c.date, n: c.lines.length }));
    if (!c.lines.length) {
      into.append(head, h("p", { class: "hint" }, t("ui.rev.compare_none", { v: c.version })));
      return;
    }
    const cell = (v: string) => h("td", {}, v);
    into.append(
      head,
      h(
        "table",
        { class: "plain", id: "compare-lines" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...[
              "xl.col.change_area",
              "xl.col.change_kind",
              "xl.col.change_item",
              "xl.col.change_field",
              "xl.col.before",
              "xl.col.after",
              "xl.col.change_reason",
            ].map((k) => h("th", {}, t(k))),
          ),
        ),
        h(
          "tbody",
          {},
          ...c.lines.map((l) =>
            h(
              "tr",
              { "data-id": l.id },
              cell(l.area),
              cell(l.kind),
              cell(l.item),
              cell(l.field),
              cell(l.before),
              cell(l.after),
              cell(l.reason),
            ),
          ),
        ),
      ),
    );
    head.scrollIntoView({ block: "start", behavior: "smooth" });
  } catch (e) {
    into.append(h("p", { class: "warn-text" }, errorText(e)));
  }
}

/**
 * 改訂履歴: the versions recorded so far, whether the model changed since the last one, and
 * recording the current state as the next version (the workbook's revision sheet and cover
 * show the same).
 */
function renderRevisions(): HTMLElement {
  const p = doc();
  const list = p.revisions ?? [];
  const last = list.at(-1);
  const status = h("p", { id: "baseline-status", class: "hint" }, "…");
  const version = h("input", {
    id: "rev-version",
    type: "text",
    maxlength: 100,
    value: nextVersion(last?.version ?? (String(p.meta.version ?? "") || undefined)),
  });
  const summary = h("input", { id: "rev-summary", type: "text", maxlength: 2000, placeholder: t("ui.rev.summary_hint") });
  const author = h("input", { id: "rev-author", type: "text", maxlength: 200, value: String(p.meta.assessor ?? "") });
  const record = h("button", { id: "btn-record-revision" }, t("ui.rev.record"));
  record.addEventListener("click", async () => {
    record.disabled = true;
    try {
      const next = await api.recordRevision(doc(), { version: version.value, summary: summary.value, author: author.value });
      commit(next, t("ui.rev.recorded", { v: version.value.trim() }));
      toast(t("ui.rev.recorded", { v: version.value.trim() }));
    } catch (e) {
      toast(errorText(e), true);
      record.disabled = false;
    }
  });
  api.baseline(p).then(
    (b) => {
      status.textContent = b.changed
        ? last
          ? t("ui.rev.changed", { hash: b.hash, v: last.version })
          : t("ui.rev.unrecorded", { hash: b.hash })
        : t("ui.rev.same", { hash: b.hash, v: last?.version ?? "" });
      status.classList.toggle("warn-text", b.changed);
    },
    (e) => {
      status.textContent = errorText(e);
    },
  );
  const cell = (v: unknown) => h("td", {}, String(v ?? ""));
  const signed = (now: number, before: number | undefined) =>
    before === undefined ? "" : now === before ? "±0" : now > before ? `+${now - before}` : `-${before - now}`;
  const table = h(
    "table",
    { class: "plain", id: "revisions" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ...[
          "xl.col.version",
          "xl.col.date",
          "xl.col.summary",
          "xl.col.author",
          "xl.col.risk_count",
          "xl.col.above_tolerable",
          "xl.col.delta_above",
          "xl.col.baseline",
        ].map((k) => h("th", {}, t(k))),
        h("th", {}, ""),
      ),
    ),
    h(
      "tbody",
      {},
      ...list.map((r, i) => {
        // 比較: what changed since this version (the workbook's 変更点 against it).
        const compare = h("button", { class: "btn-compare", "data-version": r.version }, t("ui.rev.compare"));
        compare.addEventListener("click", () => void showComparison(i, result));
        return h(
          "tr",
          {},
          cell(r.version),
          cell(r.date),
          cell(r.summary),
          cell(r.author),
          cell(r.risks),
          cell(r.above_tolerable),
          cell(signed(r.above_tolerable, list[i - 1]?.above_tolerable)),
          h("td", { class: "mono", title: t("ui.revision.baseline_hint") }, r.baseline),
          h("td", {}, compare),
        );
      }),
    ),
  );
  const result = h("div", { id: "revision-compare" });
  return h(
    "section",
    { class: "card", id: "revision-history" },
    h("h2", {}, t("xl.sheet.revisions")),
    status,
    list.length ? table : h("p", { class: "hint" }, t("ui.rev.none")),
    result,
    h(
      "div",
      { class: "rev-form" },
      h("label", { class: "field" }, h("span", {}, t("xl.col.version")), version),
      h("label", { class: "field grow" }, h("span", {}, t("xl.col.summary")), summary),
      h("label", { class: "field" }, h("span", {}, t("xl.col.author")), author),
      record,
    ),
  );
}
