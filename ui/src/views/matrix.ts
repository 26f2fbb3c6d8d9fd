// Step 2-2's threat × countermeasure matrix. Clicking a cell previews what covering (or no
// longer covering) the threat with that countermeasure does to the register and the attack
// paths ("what if"), and applies it only when the user says so.
import { MEASURE_STATUSES } from "../generated/wire";
import { api, errorText } from "../api";
import { catName, commit, doc, state, toast } from "../app";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { setField, type Countermeasure } from "../model";
import { figureChanges, tally, withThreatToggled, type WhatIf } from "../whatif";

/** Changed rows listed in the preview; the rest are counted. */
const LIST_AT_MOST = 12;

export function renderMatrix(): HTMLElement {
  const p = doc();
  const threats = [...new Set(p.threats.filter((x) => x.applicable).map((x) => x.threat))].sort();
  const measures = p.countermeasures;
  const preview = h("div", { class: "whatif", id: "whatif", "aria-live": "polite" });
  const party = (m: Countermeasure) => t(`responsibility.${m.responsibility ?? "sier"}`);
  const cell = (m: Countermeasure, th: string) => {
    const covered = m.threats.includes(th);
    return h(
      "td",
      {
        class: covered ? `cell status-${m.status}` : "cell",
        "data-measure": m.id,
        "data-threat": th,
        title: covered ? `${t(`status.${m.status}`)} · ${party(m)}` : t("ui.whatif.cell_hint"),
        onclick: (e: Event) => {
          // The cell being previewed stays marked while its what-if is shown.
          (e.currentTarget as HTMLElement)
            .closest("table")
            ?.querySelectorAll("td.previewing")
            .forEach((x) => x.classList.remove("previewing"));
          (e.currentTarget as HTMLElement).classList.add("previewing");
          void showWhatIf(preview, m, th);
        },
      },
      covered ? party(m) : "",
    );
  };
  return h(
    "section",
    { class: "table-section matrix-section" },
    h("h2", {}, t("ui.matrix")),
    h("p", { class: "hint" }, t("ui.whatif.matrix_hint")),
    h(
      "p",
      { class: "legend", id: "matrix-legend" },
      ...MEASURE_STATUSES.map((st) => h("span", { class: `swatch status-${st}` }, t(`status.${st}`))),
    ),
    h(
      "div",
      { class: "matrix-box" },
      h(
        "table",
        { class: "matrix", id: "matrix" },
        h("thead", {}, h("tr", {}, h("th", {}, ""), ...measures.map((m) => h("th", { title: catName("measures", m.measure) }, m.measure)))),
        h(
          "tbody",
          {},
          ...threats.map((th) =>
            h("tr", {}, h("th", { title: catName("threats", th) }, `${th} ${catName("threats", th)}`), ...measures.map((m) => cell(m, th))),
          ),
        ),
      ),
    ),
    preview,
  );
}

/** Zone, asset and threat of a register row id (`threat@asset`). */
function rowNames(id: string): HTMLElement[] {
  const row = state.analysis?.risks.find((r) => r.id === id);
  const [threat, asset] = row ? [row.threat, row.asset] : id.split("@");
  const p = doc();
  const a = p.assets.find((x) => x.id === asset);
  const zone = p.zones.find((z) => z.id === (row?.zone ?? a?.zone));
  return [h("td", {}, zone?.name ?? ""), h("td", {}, a?.name ?? asset ?? ""), h("td", {}, `${threat} ${catName("threats", threat)}`)];
}

async function showWhatIf(box: HTMLElement, m: Countermeasure, threat: string): Promise<void> {
  const edited = withThreatToggled(m, threat);
  const covering = edited.threats.includes(threat);
  const vars = { measure: `${m.measure} ${catName("measures", m.measure)}`, threat: `${threat} ${catName("threats", threat)}` };
  let w: WhatIf;
  try {
    w = await api.whatIf(doc(), { kind: "replace_measure", measure: edited });
  } catch (e) {
    toast(errorText(e), true);
    return;
  }
  const values = state.analysis?.values ?? [];
  const n = tally(w, values);
  const label = t(covering ? "ui.whatif.cover" : "ui.whatif.uncover", vars);
  clear(box);
  box.append(
    h("h3", {}, label),
    h(
      "p",
      { id: "whatif-summary" },
      w.risks.length || w.paths.length
        ? t("ui.whatif.summary", { risks: w.risks.length, lower: n.better, higher: n.worse, paths: w.paths.length })
        : t("ui.whatif.none"),
    ),
    w.risks.length
      ? h(
          "table",
          { class: "whatif-rows" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", {}, t("xl.col.zone")),
              h("th", {}, t("xl.col.asset")),
              h("th", {}, t("xl.col.threat")),
              h("th", {}, t("ui.whatif.changes")),
            ),
          ),
          h(
            "tbody",
            {},
            ...w.risks.slice(0, LIST_AT_MOST).map((r) =>
              h(
                "tr",
                {},
                ...rowNames(r.id),
                h(
                  "td",
                  {},
                  figureChanges(r)
                    .map(
                      (c) => `${t(`xl.col.${c.figure === "threat" ? "threat_level" : c.figure}`)} ${c.before ?? "—"} → ${c.after ?? "—"}`,
                    )
                    .join("、"),
                ),
              ),
            ),
          ),
        )
      : "",
    w.risks.length > LIST_AT_MOST ? h("p", { class: "hint" }, t("ui.whatif.more", { n: w.risks.length - LIST_AT_MOST })) : "",
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          id: "btn-whatif-apply",
          class: "primary",
          onclick: () => commit(setField(doc(), "countermeasures", m.id, "threats", edited.threats), label),
        },
        t("ui.whatif.apply"),
      ),
      h("button", { id: "btn-whatif-cancel", onclick: () => clear(box) }, t("ui.whatif.cancel")),
    ),
  );
  box.scrollIntoView({ block: "nearest" });
}
