// Step 1-1: project identity, requirements, BCP.
import { commit, doc } from "../app";
import { h } from "../dom";
import { t } from "../i18n";
import type { Project } from "../model";
import { mountRequirementItems } from "./tables";

function field(label: string, id: string, value: string, onChange: (v: string) => Project, multiline = false): HTMLElement {
  const input = multiline
    ? h("textarea", { id, rows: 3, maxlength: 20000 })
    : h("input", { id, type: "text", maxlength: 2000 });
  input.value = value;
  input.addEventListener("change", () => commit(onChange(input.value), label, false));
  return h("label", { class: "field" }, h("span", {}, label), input);
}

export function renderRequirements(el: HTMLElement): void {
  const p = doc();
  const meta = (k: string, label: string) =>
    field(label, `meta-${k}`, String(p.meta[k] ?? ""), (v) => ({ ...doc(), meta: { ...doc().meta, [k]: v } }));
  const req = (k: string, label: string, multiline = true) =>
    field(label, `req-${k}`, String(p.requirements[k] ?? ""), (v) => ({ ...doc(), requirements: { ...doc().requirements, [k]: v } }), multiline);
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
      field(t("xl.req.bcp"), "req-bcp", String((p.requirements.bcp as { notes?: string })?.notes ?? ""), (v) => ({
        ...doc(),
        requirements: { ...doc().requirements, bcp: { ...(doc().requirements.bcp as object), notes: v } },
      }), true),
    ),
    h("h2", {}, t("ui.requirements.items")),
  );
  const box = h("div", { class: "table-box" });
  el.append(box);
  mountRequirementItems(box);
}
