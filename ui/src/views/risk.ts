// Risk views: the register (virtualised, sortable, filterable), each figure's explanation,
// heat maps, roll-ups per zone and party, attack paths.
import { TREATMENTS } from "../generated/wire";
import { api, errorText, type Analysis, type AttackTree, type HeatMap } from "../api";
import { catName, catalogue, commit, doc, setView, state, toast } from "../app";
import { h, clear } from "../dom";
import { t, lang } from "../i18n";
import { emptyQuery, filterRows, RegisterNamer, type Query, type RegisterRow, type RiskView } from "../register";
import { registerGrid, type RegisterGrid } from "./register-grid";
import { pathConduits, type AttackPath } from "../diagram-model";
import {
  readableNumber,
  setPruned,
  setThreatApplicability,
  setTreatments,
  type Project,
  type ThreatApplicability,
  type TreatmentDecision,
} from "../model";
import { describeHop, type ProtocolName } from "../route";
import { installRiskStyles, stepOf, valueClass } from "../risk-colours";

let grid: RegisterGrid | null = null;
const query: Query = { ...emptyQuery };

/** The risk row a finding's link points at, picked once the register is built. */
let pendingRisk: string | null = null;

/** Pick risk row `id` in the register about to be shown (a finding's link). */
export function revealRiskOnNextRender(id: string): void {
  pendingRisk = id;
}

/** Rows already named: an analysis after an edit keeps most row objects (sync.ts). */
const namer = new RegisterNamer();
/** The catalogue's threat names in the language shown (a new map when it changes). */
let threatNames: { lang: string; names: Map<string, string> } | null = null;

/** Register rows with the project's names, the catalogue's threat names and readable ids. */
function namedRows(risks: RiskView[], p: Project): RegisterRow[] {
  if (threatNames?.lang !== lang())
    threatNames = {
      lang: lang(),
      names: new Map((state.info!.catalogue.threats as Array<Record<string, unknown>>).map((x) => [String(x.id), String(x[lang()])])),
    };
  return namer.name(risks, p.assets, p.zones, threatNames.names);
}

export function renderRisk(el: HTMLElement): void {
  // Followed from a finding, the register shows every row (the filter could hide it).
  if (pendingRisk !== null) Object.assign(query, emptyQuery);
  installRiskStyles();
  grid?.destroy();
  grid = null;
  const a = state.analysis;
  el.append(h("h1", {}, t("ui.view.risk")));
  if (!a) {
    el.append(h("p", {}, state.analysisError ?? t("ui.analysing")));
    document.addEventListener("analysis", () => state.view === "risk" && (clear(el), renderRisk(el)), { once: true });
    return;
  }
  const p = doc();
  const zoneNames = new Map(p.zones.map((x) => [x.id, x.name]));
  let rows = namedRows(a.risks, p);
  // The counts above the register, drawn again with every analysis while the view is open.
  const summaryOf = (an: Analysis) => {
    const intolerable = an.risks.filter((r) => !r.tolerable).length;
    return h(
      "div",
      { class: "summary" },
      h("span", { class: "pill" }, t("ui.risk.rows", { n: an.risks.length })),
      h("span", { class: `pill ${intolerable ? "bad" : "ok"}` }, t("ui.risk.intolerable", { n: intolerable, tol: an.tolerable })),
      h("span", { class: "pill" }, `${t("xl.cover.method")}: ${an.method}`),
    );
  };
  let summary = summaryOf(a);
  const explain = h("aside", { class: "explain", id: "explain" }, h("p", { class: "hint" }, t("ui.risk.click_row")));
  const count = h("span", { class: "hint", id: "register-count" });
  const text = h("input", { id: "risk-filter", type: "search", "aria-label": t("ui.risk.filter"), value: query.text });
  const zoneSel = h(
    "select",
    { id: "risk-zone" },
    h("option", { value: "" }, t("ui.risk.all_zones")),
    ...p.zones.map((z) => h("option", { value: z.id, selected: query.zone === z.id }, z.name)),
  );
  const resSel = h(
    "select",
    { id: "risk-residual" },
    h("option", { value: "" }, t("ui.risk.all_values")),
    ...a.values.map((v) => h("option", { value: v, selected: query.residual === v }, v)),
  );
  const intol = h("input", { type: "checkbox", id: "risk-intolerable", checked: query.intolerableOnly });
  el.append(
    summary,
    h("div", { class: "toolbar" }, text, zoneSel, resSel, h("label", { class: "check" }, intol, t("ui.risk.only_intolerable")), count),
    h("div", { class: "register-wrap" }, h("div", { class: "table", id: "register" }), explain),
  );
  const box = el.querySelector<HTMLElement>("#register")!;
  const apply = (keepPlace = false) => {
    const f = filterRows(rows, query);
    grid?.setRows(f, keepPlace);
    count.textContent = t("ui.rows", { n: f.length });
  };
  let timer: number | undefined;
  text.addEventListener("input", () => {
    query.text = text.value;
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 120);
  });
  zoneSel.addEventListener("change", () => ((query.zone = zoneSel.value), apply()));
  resSel.addEventListener("change", () => ((query.residual = resSel.value), apply()));
  intol.addEventListener("change", () => ((query.intolerableOnly = intol.checked), apply()));
  const pick = async (r: RegisterRow) => {
    try {
      // The analysis now, not the one the view was drawn with: a decision recorded in this
      // panel re-analyses without redrawing the view, and the core explains only its latest.
      const x = await api.explain(state.analysis?.revision ?? a.revision, r.id, lang());
      clear(explain);
      if (!x) return;
      explain.append(
        h("h3", {}, `${r.threat} ${catName("threats", r.threat)}`),
        h("p", {}, `${r.assetName} · ${r.zoneName}`),
        h("h4", {}, t("xl.col.importance_basis")),
        h("p", {}, x.importance),
        ...(["inherent", "planned", "residual"] as const).flatMap((s, i) => [
          h("h4", {}, `${t(`xl.col.${s}`)}: ${r.values[i]}`),
          h("p", { class: "explain-text" }, x.states[i]),
        ]),
        // A decision that relies on the customer's or a vendor's measures says what the risk
        // stays at if they are not carried out.
        x.unless_others ? h("p", { class: "warn-text", id: "unless-others" }, x.unless_others) : "",
        treatmentForm(r, () => filterRows(rows, query).map((x) => x.id)),
        applicabilityForm(r.asset, r.threat),
        // The confidence tags the explanation uses, said in words (they were bare jargon).
        x.states.some((st) => st.includes(t("ui.explain.reconstructed_tag")))
          ? h("p", { class: "hint", id: "reconstructed-note" }, t("ui.explain.reconstructed_note"))
          : "",
        h("p", { class: "hint method-note" }, t("method.proposal_note")),
      );
    } catch (e) {
      toast(errorText(e), true);
    }
  };
  grid = registerGrid(box, a.values, valueClass, (r) => void pick(r));
  apply();
  // A finding's link: its risk row scrolled to and picked, its treatment form open beside it.
  if (pendingRisk !== null) {
    grid.reveal(pendingRisk);
    pendingRisk = null;
  }
  let exclusions = exclusionSection(p, zoneNames);
  let shown = { risks: a.risks, exclusions: a.exclusions, assets: p.assets, zones: p.zones };
  el.append(exclusions);
  // A decision recorded here (or an edit elsewhere) changes the register: rows, counts and
  // the list of threats left out follow each new analysis while this view is open.
  const refresh = () => {
    if (!el.isConnected || state.view !== "risk") {
      document.removeEventListener("analysis", refresh);
      return;
    }
    const now = state.analysis;
    if (!now) return;
    const q = doc();
    // An analysis after an edit keeps the lists that did not change (sync.ts): what they
    // and the names they show come from are compared before redrawing.
    const names = q.assets === shown.assets && q.zones === shown.zones;
    if (!names || now.risks !== shown.risks) {
      rows = namedRows(now.risks, q);
      // The user stays where they are in the register (a treatment recorded on row 500).
      apply(true);
      const next = summaryOf(now);
      summary.replaceWith(next);
      summary = next;
    }
    if (!names || now.exclusions !== shown.exclusions) {
      const next = exclusionSection(q, new Map(q.zones.map((x) => [x.id, x.name])));
      exclusions.replaceWith(next);
      exclusions = next;
    }
    shown = { risks: now.risks, exclusions: now.exclusions, assets: q.assets, zones: q.zones };
  };
  document.addEventListener("analysis", refresh);

  // Heat maps.
  el.append(
    h("h2", {}, t("xl.chart.heatmap")),
    h("div", { class: "heatmaps offscreen-skip", id: "heatmaps" }, ...a.rollups.heatmaps.map((m) => heatmap(m, a.values.length))),
  );
  // Roll-ups.
  const counts = (c: { rows: number; residual?: number[] }) =>
    a.values.map((v, i) => h("td", { class: c.residual?.[i] ? valueClass(a.values, v) : "" }, String(c.residual?.[i] ?? 0)));
  const rollTable = (id: string, title: string, list: Array<{ name: string; counts: { rows: number } }>) =>
    h(
      "section",
      { class: "card" },
      h("h3", {}, title),
      h(
        "table",
        { class: "rollup", id },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", {}, ""),
            h("th", {}, t("ui.risk.rows_short")),
            ...a.values.map((v) => h("th", {}, `${t("xl.col.residual")} ${v}`)),
          ),
        ),
        h(
          "tbody",
          {},
          ...list.map((r) => h("tr", {}, h("th", {}, r.name), h("td", {}, String(r.counts.rows)), ...counts(r.counts as never))),
        ),
      ),
    );
  el.append(
    h(
      "div",
      { class: "grid2 offscreen-skip" },
      rollTable(
        "rollup-zones",
        t("ui.risk.by_zone"),
        a.rollups.zones.map((z) => ({ name: zoneNames.get(z.zone) ?? z.zone, counts: z })),
      ),
      rollTable(
        "rollup-parties",
        t("ui.risk.by_party"),
        a.rollups.parties.map((z) => ({ name: z.party ? t(`responsibility.${z.party}`) : t("ui.risk.no_party"), counts: z })),
      ),
    ),
  );
  // Attack paths.
  const paths = a.attack_paths as AttackPath[];
  // Thousands of path rows in a large factory: names by map, not by a search per cell.
  const entryNames = new Map(p.entry_points.map((e) => [e.id, e.name]));
  const entry = (id: string) => entryNames.get(id) ?? id;
  const zone = (id: string) => zoneNames.get(id) ?? id;
  // The damage-based scenarios first: a few dozen rows, above thousands of path rows.
  el.append(scenarioSection(p, a.values, zone, entry));
  el.append(
    h("h2", {}, t("xl.sheet.paths")),
    h(
      "div",
      { class: "offscreen-skip" },
      h(
        "table",
        { class: "paths", id: "paths" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...[
              t("xl.col.entry"),
              t("xl.col.target_zone"),
              t("xl.col.hops"),
              t("xl.col.paths"),
              t("xl.col.route"),
              t("xl.col.unprotected"),
              "",
            ].map((x) => h("th", {}, x)),
          ),
        ),
        h(
          "tbody",
          {},
          ...paths.map((ap) =>
            h(
              "tr",
              { class: ap.reachable ? "" : "muted" },
              h("td", {}, entry(ap.entry)),
              h("td", {}, zone(ap.target_zone)),
              h("td", {}, ap.reachable ? String(ap.hops) : t("xl.unreachable")),
              h("td", {}, `${ap.simple_paths}${ap.complete ? "" : "+"}`),
              h(
                "td",
                { class: "route" },
                ap.shortest[0]
                  ? routeCell(
                      p,
                      entry(ap.entry),
                      ap.shortest[0].zones.map((z, i) => ({
                        zone: zone(z),
                        hop: { conduit: ap.shortest[0].conduits[i], ...ap.shortest[0].via[i] },
                      })),
                    )
                  : "",
              ),
              h("td", { class: ap.unprotected_conduits.length ? "bad" : "" }, String(ap.unprotected_conduits.length)),
              h(
                "td",
                {},
                ap.reachable
                  ? h(
                      "button",
                      {
                        class: "show-path",
                        onclick: () => {
                          state.highlight = pathConduits([ap]);
                          state.pathKey = `${ap.entry}>${ap.target_zone}`;
                          setView("1-6");
                        },
                      },
                      t("ui.risk.show_path"),
                    )
                  : "",
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * The analyst's decision whether this row's threat applies to its asset (step 1-7), with the
 * reason the workbook shows the customer: "does not apply" removes the row (listed below the
 * register with its reason), "applies" keeps it whatever the catalogue's rules say.
 */
/**
 * リスク対応 of a register row: treatment (未決 / 低減 / 受容 / 移転 / 回避), risk owner, due date,
 * justification and the countermeasures the decision relies on; for this row, or for every row
 * the register shows now (filter by zone, residual value or "above tolerable only" first). An
 * acceptance, transfer or avoidance needs its justification, as in the returned workbook.
 */
function treatmentForm(r: RegisterRow, shownIds: () => string[]): HTMLElement {
  const d = (doc().risk_decisions ?? []).find((x) => x.risk_id === r.id) as TreatmentDecision | undefined;
  const choice = h(
    "select",
    { id: "treatment-choice", "aria-label": t("xl.col.treatment") },
    ...["", ...TREATMENTS].map((k) =>
      h("option", { value: k, selected: (d?.treatment ?? "") === k }, t(`xl.treatment.${k || "undecided"}`)),
    ),
  ) as HTMLSelectElement;
  const owner = h("input", {
    id: "treatment-owner",
    type: "text",
    value: d?.owner ?? "",
    placeholder: t("xl.col.risk_owner"),
    maxlength: 2000,
  }) as HTMLInputElement;
  const due = h("input", { id: "treatment-due", type: "date", value: d?.due ?? "" }) as HTMLInputElement;
  const why = h("textarea", { id: "treatment-justification", rows: 2, placeholder: t("xl.col.justification") }) as HTMLTextAreaElement;
  why.value = d?.justification ?? "";
  const note = h("span", { class: "field-error", role: "alert" });
  // The countermeasures against this row's threat: the ones a decision may rely on.
  const covering = doc().countermeasures.filter((m) => m.threats.includes(r.threat));
  const relies = new Set(d?.relies_on ?? []);
  const boxes = covering.map((m) =>
    h(
      "label",
      { class: "check" },
      h("input", { type: "checkbox", "data-measure": m.id, checked: relies.has(m.id) }),
      `${readableNumber("M", m.number as number | undefined)} ${m.measure} ${catName("measures", m.measure)} (${t(`responsibility.${m.responsibility ?? "sier"}`)})`,
    ),
  );
  const all = h("input", { type: "checkbox", id: "treatment-all" }) as HTMLInputElement;
  const allLabel = h("label", { class: "check" }, all, t("ui.treatment.all_shown", { n: shownIds().length }));
  const save = h("button", { id: "treatment-save" }, t("ui.treatment.record"));
  save.addEventListener("click", () => {
    const treatment = choice.value as TreatmentDecision["treatment"] | "";
    if ((treatment === "accept" || treatment === "transfer" || treatment === "avoid") && !why.value.trim()) {
      note.textContent = t("ui.treatment.justification_needed");
      why.classList.add("invalid");
      why.focus();
      return;
    }
    why.classList.remove("invalid");
    note.textContent = "";
    const ids = all.checked ? shownIds() : [r.id];
    const fields: TreatmentDecision = {
      treatment: treatment || undefined,
      owner: owner.value.trim(),
      due: due.value || undefined,
      justification: why.value.trim(),
      date: new Date().toISOString().slice(0, 10),
    };
    // Relied-on measures are per row (another row's threat has other measures).
    if (!all.checked)
      fields.relies_on = [...boxes.map((b) => b.querySelector("input") as HTMLInputElement)]
        .filter((i) => i.checked)
        .map((i) => String(i.dataset.measure));
    // The register and this panel stay; the next analysis refreshes the rows' figures.
    commit(setTreatments(doc(), ids, fields), t("xl.col.treatment"), false);
    toast(t("ui.treatment.recorded", { n: ids.length }));
  });
  return h(
    "section",
    { class: "treatment", "data-risk": r.id },
    h("h4", {}, t("ui.treatment.title")),
    h("label", {}, t("xl.col.treatment"), choice),
    h("label", {}, t("xl.col.risk_owner"), owner),
    h("label", {}, t("xl.col.due"), due),
    h("label", {}, t("xl.col.justification"), why, note),
    covering.length ? h("fieldset", { class: "relies" }, h("legend", {}, t("ui.treatment.relies_on")), ...boxes) : "",
    allLabel,
    save,
  );
}

function applicabilityForm(asset: string, threat: string): HTMLElement {
  const a = doc().assets.find((x) => x.id === asset);
  const current = ((a?.threat_applicability as ThreatApplicability[] | undefined) ?? []).find((o) => o.threat === threat);
  const choice = h(
    "select",
    { id: "applicability-choice", "aria-label": t("xl.col.applicability") },
    h("option", { value: "", selected: !current }, t("ui.applicability.catalogue")),
    h("option", { value: "applies", selected: current?.applies === true }, t("xl.applicability.applies")),
    h("option", { value: "excluded", selected: current?.applies === false }, t("xl.applicability.excluded")),
  );
  const reason = h("textarea", { id: "applicability-reason", rows: 2, placeholder: t("ui.applicability.reason") }) as HTMLTextAreaElement;
  reason.value = current?.reason ?? "";
  const save = h("button", { id: "applicability-save" }, t("ui.applicability.record"));
  save.addEventListener("click", () => {
    const v = (choice as HTMLSelectElement).value;
    if (v && !reason.value.trim()) {
      toast(t("ui.applicability.reason_needed"), true);
      reason.focus();
      return;
    }
    commit(setThreatApplicability(doc(), asset, threat, v === "" ? null : v === "applies", reason.value), t("xl.col.applicability"), false);
  });
  return h(
    "section",
    { class: "applicability", "data-asset": asset, "data-threat": threat },
    h("h4", {}, t("xl.sheet.applicability")),
    choice,
    reason,
    save,
  );
}

/** The (threat, asset) pairs without a row, with the decision; the analyst's can be taken back. */
function exclusionSection(p: Project, zoneNames: Map<string, string>): HTMLElement {
  const list = state.analysis?.exclusions ?? [];
  const assetNames = new Map(p.assets.map((x) => [x.id, x.name]));
  const ja = lang() === "ja";
  return h(
    "section",
    { class: "card", id: "exclusions" },
    h("h3", {}, `${t("xl.applicability.excluded")} (${list.length})`),
    list.length === 0
      ? h("p", { class: "hint" }, t("ui.applicability.none"))
      : h(
          "table",
          { class: "paths" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...[t("xl.col.threat"), t("xl.col.asset"), t("xl.col.zone"), t("xl.col.applicability_reason"), ""].map((x) => h("th", {}, x)),
            ),
          ),
          h(
            "tbody",
            {},
            ...list.map((x) =>
              h(
                "tr",
                { "data-id": x.id },
                h("td", {}, `${x.threat} ${catName("threats", x.threat)}`),
                h("td", {}, assetNames.get(x.asset) ?? x.asset),
                h("td", {}, zoneNames.get(x.zone) ?? x.zone),
                h("td", {}, ja ? x.reason_ja : x.reason_en),
                h(
                  "td",
                  {},
                  x.analyst
                    ? h(
                        "button",
                        {
                          class: "undo-exclusion",
                          onclick: () =>
                            commit(setThreatApplicability(doc(), x.asset, x.threat, null, ""), t("xl.col.applicability"), false),
                        },
                        t("ui.applicability.take_back"),
                      )
                    : "",
                ),
              ),
            ),
          ),
        ),
  );
}

/**
 * A route zone by zone, each step with the conduit and channel that carried it (protocol, who
 * opens the session, data direction, response-only, boundary control).
 */
function routeCell(p: Project, entryName: string, steps: Array<{ zone: string; hop: import("../route").Hop | undefined }>): HTMLElement {
  const protocols: ProtocolName[] = catalogue().protocols;
  const ja = lang() === "ja";
  return h(
    "div",
    {},
    h("div", {}, entryName),
    ...steps.map((s) =>
      h(
        "div",
        { class: s.hop?.kind === "response" ? "route-step response" : "route-step" },
        `→ ${s.zone}`,
        s.hop ? h("span", { class: "route-hop" }, ` (${describeHop(p, protocols, s.hop, ja)})`) : "",
      ),
    ),
  );
}

/**
 * 攻撃シナリオ (IPA 事業被害ベース): per business damage, the attack trees from each entry point
 * to its target, with their risk in the three states. Pruning a tree the analyst judges not
 * credible leaves it listed (and in the workbook) but out of the damage's worst case.
 */
function scenarioSection(p: Project, values: string[], zone: (id: string) => string, entry: (id: string) => string): HTMLElement {
  const trees = state.analysis?.scenarios ?? [];
  const damages = new Map(p.damages.map((d) => [String(d.id), d]));
  const risk = (v: AttackTree["inherent"]) => h("td", { class: `risk-cell ${valueClass(values, v.risk.value)}` }, v.risk.value);
  const body = trees.map((tr) =>
    h(
      "tr",
      { class: tr.pruned ? "muted" : "", "data-key": tr.key },
      h("td", {}, String(damages.get(tr.damage)?.name ?? "")),
      h("td", {}, entry(tr.entry)),
      // Zone by zone, with the conduit taken: trees over parallel conduits differ only there.
      h(
        "td",
        { class: "route" },
        routeCell(
          p,
          entry(tr.entry),
          tr.steps.map((s) => ({ zone: zone(s.zone), hop: s.hop })),
        ),
        tr.response_hop ? h("div", { class: "route-note" }, t("scenario.response_hop")) : "",
      ),
      risk(tr.inherent),
      risk(tr.planned),
      risk(tr.residual),
      h(
        "td",
        {},
        h("input", {
          type: "checkbox",
          class: "prune",
          title: t("ui.scenario.prune_hint"),
          checked: tr.pruned,
          onchange: (e: Event) => {
            // The page stays where the user is: no re-render for a tick, only the row's look.
            const box = e.target as HTMLInputElement;
            box.closest("tr")?.classList.toggle("muted", box.checked);
            commit(setPruned(doc(), tr.damage, tr.key, box.checked), t("xl.col.pruned"), false);
          },
        }),
      ),
    ),
  );
  return h(
    "section",
    { id: "scenarios-section" },
    h("h2", {}, t("xl.sheet.scenarios")),
    trees.length
      ? h(
          "div",
          { class: "offscreen-skip" },
          h(
            "table",
            { class: "paths", id: "scenarios" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ...[
                  t("xl.col.damage"),
                  t("xl.col.entry"),
                  t("xl.col.attack_route"),
                  t("xl.col.inherent"),
                  t("xl.col.planned"),
                  t("xl.col.residual"),
                  t("xl.col.pruned"),
                ].map((x) => h("th", {}, x)),
              ),
            ),
            h("tbody", {}, ...body),
          ),
        )
      : h("p", { class: "hint" }, t("ui.scenario.none")),
  );
}

/** Counts per (importance, likelihood) cell, each cell coloured by the highest risk value among its rows. */
function heatmap(m: HeatMap, values: number): HTMLElement {
  const cell = (n: number, worst: number | null | undefined) =>
    h("td", { class: n && worst !== null && worst !== undefined ? `risk-${stepOf(worst, values)}` : "empty" }, String(n));
  return h(
    "div",
    { class: "heatmap" },
    h("h4", {}, t(`state.${m.state}`)),
    h(
      "table",
      {},
      h(
        "tbody",
        {},
        ...[2, 1, 0].map((i) =>
          h("tr", {}, h("th", {}, `${t("xl.col.importance")} ${i + 1}`), ...m.grid[i].map((n, l) => cell(n, m.worst?.[i]?.[l]))),
        ),
      ),
      h("tfoot", {}, h("tr", {}, h("th", {}, ""), ...[1, 2, 3, 4, 5].map((l) => h("th", {}, `L${l}`)))),
    ),
  );
}
