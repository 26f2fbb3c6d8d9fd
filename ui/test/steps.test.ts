import { describe, expect, it } from "vitest";
import { sample } from "./fixtures";
import { STEPS, completion, findingsByStep, stepOfKind, type Finding } from "../src/steps";
import type { Project } from "../src/model";

const empty: Project = {
  format_version: 1,
  id: "00000000-0000-4000-8000-000000000001",
  meta: { name: "x" },
  settings: {},
  requirements: {},
  businesses: [],
  assets: [],
  zones: [],
  entry_points: [],
  conduits: [],
  threats: [],
  countermeasures: [],
  ooda_roles: [],
  suppliers: [],
  checklist_answers: [],
  damages: [],
  risk_decisions: [],
  customer_responses: [],
  custom: {},
};

describe("step completion", () => {
  it("is 0 for an empty project and in 0..1 for every step", () => {
    for (const s of STEPS) expect(completion(empty, s)).toBe(0);
    const p = sample("food-plant");
    for (const s of STEPS) {
      const c = completion(p, s);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });

  it("follows what the project records", () => {
    const p = sample("food-plant");
    expect(completion(p, "1-2")).toBe(1);
    const noPolicy = { ...p, zones: p.zones.map((z, i) => (i === 0 ? { ...z, policy: "" } : z)) };
    expect(completion(noPolicy, "2-1")).toBeCloseTo((p.zones.filter((z) => z.policy).length - 1) / p.zones.length);
    const unzoned = { ...p, assets: p.assets.map((a) => ({ ...a, zone: undefined })) };
    expect(completion(unzoned, "1-6")).toBe(0.5);
  });
});

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
