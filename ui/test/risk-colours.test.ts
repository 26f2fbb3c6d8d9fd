import { describe, expect, it } from "vitest";
import { STEPS, stepOf, valueClass } from "../src/risk-colours";
import scale from "../../models/catalogue/risk-colours.json";

describe("one colour scale for risk values", () => {
  it("maps A–E one to one onto the shared five steps", () => {
    expect(STEPS).toEqual(scale.steps);
    expect(["A", "B", "C", "D", "E"].map((v) => valueClass(["A", "B", "C", "D", "E"], v))).toEqual([
      "risk-0",
      "risk-1",
      "risk-2",
      "risk-3",
      "risk-4",
    ]);
    expect(STEPS[0].fill).toBe("#C00000");
    expect(STEPS[1].fill).toBe("#ED7D31");
  });
  it("spreads a three-value method over the ends and the middle, as the core does", () => {
    expect([0, 1, 2].map((r) => stepOf(r, 3))).toEqual([0, 2, 4]);
  });
});
