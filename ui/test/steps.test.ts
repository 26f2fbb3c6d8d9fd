import { describe, expect, it } from "vitest";
import { findingsByStep, stepOfKind, type Finding } from "../src/steps";

describe("findings per step", () => {
  const f = (step: string): Finding => ({
    rule: "R",
    step,
    severity: "warning",
    item: { kind: "asset", id: "1", name: "n" },
    message_ja: "",
    message_en: "",
  });
  it("counts a finding for each step it names", () => {
    const m = findingsByStep([f("1-4/1-5"), f("1-6"), f("1-6")]);
    expect(m.get("1-4")?.length).toBe(1);
    expect(m.get("1-5")?.length).toBe(1);
    expect(m.get("1-6")?.length).toBe(2);
  });
  it("links item kinds to the step that edits them", () => {
    expect(stepOfKind("conduit")).toBe("1-6");
    expect(stepOfKind("countermeasure")).toBe("2-2");
    expect(stepOfKind("business")).toBe("1-3");
  });
});
