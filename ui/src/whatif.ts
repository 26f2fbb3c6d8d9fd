// "What if": the difference an edit would make, shown before it is applied.
import type * as W from "./generated/wire";
import type { Countermeasure } from "./model";

export type RiskFigures = W.RiskFigures;
export type WhatIf = W.WhatIf;

/** The countermeasure covering `threat` when it did not, or no longer covering it when it did. */
export function withThreatToggled(m: Countermeasure, threat: string): Countermeasure {
  const threats = m.threats.includes(threat) ? m.threats.filter((x) => x !== threat) : [...m.threats, threat].sort();
  return { ...m, threats };
}

export type Figure = keyof RiskFigures;
const FIGURES: Figure[] = ["threat", "inherent", "planned", "residual"];

/** Per changed register row: which figures move, from what to what (`null` = row appears/disappears). */
export function figureChanges(r: WhatIf["risks"][number]): Array<{ figure: Figure; before: string | null; after: string | null }> {
  return FIGURES.filter((f) => String(r.before?.[f] ?? "") !== String(r.after?.[f] ?? "")).map((f) => ({
    figure: f,
    before: r.before ? String(r.before[f]) : null,
    after: r.after ? String(r.after[f]) : null,
  }));
}

/**
 * Rows whose residual risk gets lower, higher, or where only other figures move. `values` is
 * the method's scale as the analysis reports it, highest risk first (e.g. ["A","B","C","D"]).
 */
export function tally(w: WhatIf, values: string[]): { better: number; worse: number; other: number } {
  const rank = (v: string | undefined) => (v === undefined ? -1 : values.indexOf(v));
  let better = 0;
  let worse = 0;
  let other = 0;
  for (const r of w.risks) {
    const b = rank(r.before?.residual);
    const a = rank(r.after?.residual);
    if (b >= 0 && a >= 0 && a > b) better++;
    else if (b >= 0 && a >= 0 && a < b) worse++;
    else other++;
  }
  return { better, worse, other };
}
