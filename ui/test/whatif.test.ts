import { describe, expect, it } from "vitest";
import { figureChanges, tally, withThreatToggled, type WhatIf } from "../src/whatif";
import { newMeasure, type Countermeasure } from "../src/model";

const m: Countermeasure = {
  ...newMeasure("C-NW-01", ["T01", "T05"], "sier"),
  id: "m1",
  scope: { zones: ["z"], conduits: [], assets: [] },
  status: "agreed",
};
const fig = (threat: number, inherent: string, planned: string, residual: string) => ({ threat, inherent, planned, residual });

describe("what-if", () => {
  it("toggles a threat on a countermeasure without touching the original", () => {
    const on = withThreatToggled(m, "T03");
    expect(on.threats).toEqual(["T01", "T03", "T05"]);
    expect(withThreatToggled(on, "T03").threats).toEqual(["T01", "T05"]);
    expect(m.threats).toEqual(["T01", "T05"]);
    expect(on.scope).toBe(m.scope);
  });
  it("lists only the figures that move", () => {
    const c = figureChanges({ id: "T03@a", before: fig(3, "A", "A", "A"), after: fig(3, "A", "B", "B") });
    expect(c).toEqual([
      { figure: "planned", before: "A", after: "B" },
      { figure: "residual", before: "A", after: "B" },
    ]);
    const gone = figureChanges({ id: "T03@a", before: fig(2, "B", "C", "C"), after: null });
    expect(gone.map((x) => x.figure)).toEqual(["threat", "inherent", "planned", "residual"]);
    expect(gone.every((x) => x.after === null)).toBe(true);
  });
  it("counts lower and higher residual risk on the method's scale", () => {
    const w: WhatIf = {
      risks: [
        { id: "1", before: fig(3, "A", "A", "A"), after: fig(3, "A", "B", "B") },
        { id: "2", before: fig(2, "B", "B", "C"), after: fig(3, "A", "A", "B") },
        { id: "3", before: fig(2, "B", "B", "C"), after: fig(2, "B", "C", "C") },
        { id: "4", before: null, after: fig(1, "D", "D", "D") },
      ],
      paths: [],
    };
    expect(tally(w, ["A", "B", "C", "D"])).toEqual({ better: 1, worse: 1, other: 2 });
  });
});
