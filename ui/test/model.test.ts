import { describe, expect, it } from "vitest";
import { sample } from "./fixtures";
import {
  addItem,
  moveAsset,
  newAsset,
  newChannel,
  newConduit,
  newFinding,
  setChannel,
  setField,
  nextVersion,
  newDamage,
  setPositions,
  setPruned,
  setThreatApplicability,
  toggleBoundary,
  readableNumber,
} from "../src/model";

describe("project edits", () => {
  it("never mutate the project they are given", () => {
    const p = sample("food-plant");
    const before = JSON.stringify(p);
    const a = p.assets[0];
    setField(p, "assets", a.id, "name", "X");
    moveAsset(p, a.id, p.zones[1].id);
    expect(JSON.stringify(p)).toBe(before);
  });

  it("moving an asset changes only that asset", () => {
    const p = sample("food-plant");
    const a = p.assets[0];
    const z = p.zones.find((x) => x.id !== a.zone)!;
    const q = moveAsset(p, a.id, z.id);
    expect(q.assets[0].zone).toBe(z.id);
    expect(q.assets.slice(1)).toEqual(p.assets.slice(1));
    expect(q.zones).toBe(p.zones);
    // Out of every zone: the field is left out, not written empty.
    const r = moveAsset(q, a.id, undefined);
    expect("zone" in r.assets[0]).toBe(false);
  });

  it("adds new items with fresh ids and keeps positions rounded", () => {
    const p = sample("electronics-line");
    const a = newAsset("PLC-9", "plc", p.zones[0].id);
    const c = newConduit("x", { zone: p.zones[0].id }, { entry: p.entry_points[0].id });
    let q = addItem(addItem(p, "assets", a), "conduits", c);
    expect(q.assets.at(-1)!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(q.assets.map((x) => x.id)).size).toBe(q.assets.length);
    q = setPositions(q, [{ coll: "assets", id: a.id, pos: { x: 10.6, y: -3.2 } }]);
    expect(q.assets.at(-1)!.position).toEqual({ x: 11, y: -3 });
  });
});

describe("conduit channels and boundary controls", () => {
  it("adds, edits and removes a channel without touching the others or the original", () => {
    const p = sample("food-plant");
    const c = p.conduits.find((x) => (x.channels ?? []).length >= 2)!;
    const before = structuredClone(c.channels);
    const n = c.channels!.length;
    let q = setChannel(p, c.id, n, { ...newChannel(), protocol: "opc_ua", port: "4840" });
    expect(q.conduits.find((x) => x.id === c.id)!.channels).toHaveLength(n + 1);
    q = setChannel(q, c.id, n, { ...newChannel(), protocol: "opc_ua", port: "4840", direction: "both", encrypted: true });
    const edited = q.conduits.find((x) => x.id === c.id)!.channels!;
    expect(edited[n]).toMatchObject({ protocol: "opc_ua", port: "4840", direction: "both", initiator: "from", encrypted: true });
    expect(edited.slice(0, n)).toEqual(before);
    q = setChannel(q, c.id, 0, null);
    expect(q.conduits.find((x) => x.id === c.id)!.channels).toEqual([...before!.slice(1), edited[n]]);
    expect(c.channels).toEqual(before);
    // Out of range: nothing changes.
    expect(setChannel(p, c.id, n + 5, newChannel())).toBe(p);
    expect(setChannel(p, c.id, n, null)).toBe(p);
    expect(setChannel(p, "no-such-conduit", 0, newChannel())).toBe(p);
  });

  it("switches boundary controls on and off one by one, keeping the others' notes", () => {
    let p = sample("food-plant");
    const c = p.conduits[0];
    p = setField(p, "conduits", c.id, "boundary", [{ kind: "firewall", note: "FG-60F, rule set v3" }]);
    let q = toggleBoundary(p, c.id, "ids", true);
    expect(q.conduits[0].boundary).toEqual([
      { kind: "firewall", note: "FG-60F, rule set v3" },
      { kind: "ids", note: "" },
    ]);
    expect(toggleBoundary(q, c.id, "ids", true)).toBe(q);
    q = toggleBoundary(q, c.id, "firewall", false);
    expect(q.conduits[0].boundary).toEqual([{ kind: "ids", note: "" }]);
    expect(p.conduits[0].boundary).toEqual([{ kind: "firewall", note: "FG-60F, rule set v3" }]);
  });
});

describe("next version label", () => {
  it("counts the last number up and keeps what surrounds it", () => {
    expect(nextVersion("1.2")).toBe("1.3");
    expect(nextVersion("1.9")).toBe("1.10");
    expect(nextVersion("v2")).toBe("v3");
    expect(nextVersion("第2版")).toBe("第3版");
    expect(nextVersion(" 2.0.7 ")).toBe("2.0.8");
  });
  it("starts at 1.0 and appends .1 to a label without a number", () => {
    expect(nextVersion(undefined)).toBe("1.0");
    expect(nextVersion("  ")).toBe("1.0");
    expect(nextVersion("draft")).toBe("draft.1");
  });
});

describe("business damages and pruned attack trees", () => {
  it("prunes a tree once and takes it back, leaving the other keys and the original alone", () => {
    let p = sample("food-plant");
    const d = addItem(p, "damages", newDamage("供給停止", p.assets[0].id));
    p = d;
    const id = String(p.damages.at(-1)!.id);
    expect(p.damages.at(-1)).toMatchObject({ name: "供給停止", level: 2, target: p.assets[0].id, pruned: [], criteria: [] });
    const q = setPruned(setPruned(p, id, "k1", true), id, "k2", true);
    expect(q.damages.at(-1)!.pruned).toEqual(["k1", "k2"]);
    expect(setPruned(q, id, "k1", true)).toBe(q);
    expect(setPruned(q, id, "k1", false).damages.at(-1)!.pruned).toEqual(["k2"]);
    expect(p.damages.at(-1)!.pruned).toEqual([]);
    expect(setPruned(p, "no-such-damage", "k1", true)).toBe(p);
  });
});

describe("vulnerability findings", () => {
  it("are added to a project that had none", () => {
    const p = sample("food-plant");
    expect(p.vulnerabilities).toBeUndefined();
    const a = p.assets[0].id;
    let q = addItem(p, "vulnerabilities", { ...newFinding("既定パスワードのまま"), asset: a, cvss: 9.8 });
    expect(q.vulnerabilities).toHaveLength(1);
    const id = q.vulnerabilities![0].id;
    q = setField(q, "vulnerabilities", id, "cvss", undefined);
    expect("cvss" in q.vulnerabilities![0]).toBe(false);
    expect(q.vulnerabilities![0]).toMatchObject({ id, title: "既定パスワードのまま", status: "open", asset: a });
  });
});

describe("threat applicability per asset", () => {
  it("records, replaces and takes back a decision with its reason", () => {
    const p = sample("food-plant");
    const gw = p.assets.find((a) => a.name === "クラウドMES連携ゲートウェイ")!;
    const q = setThreatApplicability(p, gw.id, "T24", true, " 旧OSの管理画面が残る ");
    expect(q.assets.find((a) => a.id === gw.id)!.threat_applicability).toEqual([
      { threat: "T24", applies: true, reason: "旧OSの管理画面が残る" },
    ]);
    const r = setThreatApplicability(q, gw.id, "T24", false, "延長サポート契約");
    expect(r.assets.find((a) => a.id === gw.id)!.threat_applicability).toEqual([
      { threat: "T24", applies: false, reason: "延長サポート契約" },
    ]);
    const back = setThreatApplicability(r, gw.id, "T24", null, "");
    expect("threat_applicability" in back.assets.find((a) => a.id === gw.id)!).toBe(false);
    expect(p.assets.find((a) => a.id === gw.id)!.threat_applicability).toBeUndefined();
  });
});

describe("readable numbers", () => {
  it("gives an added asset or countermeasure the next number once, and keeps a given one", () => {
    const p = sample("food-plant");
    const max = Math.max(...p.assets.map((a) => (a.number as number | undefined) ?? 0));
    const q = addItem(p, "assets", newAsset("新PLC", "plc"));
    expect(q.assets.at(-1)!.number).toBe(max + 1);
    const r = addItem(q, "assets", { ...newAsset("旧番号", "plc"), number: 900 });
    expect(r.assets.at(-1)!.number).toBe(900);
    expect(readableNumber("A", 7)).toBe("A-007");
    expect(readableNumber("M", undefined)).toBe("");
    const businesses = addItem(p, "businesses", { id: "b-x", name: "x" } as never);
    expect("number" in businesses.businesses.at(-1)!).toBe(false);
  });
});

describe("renaming a zone", () => {
  it("conduits named after their ends as drawn follow; one the user named stays", async () => {
    const { renameEnd, conduitName } = await import("../src/model");
    const p = sample("food-plant");
    const c0 = p.conduits[0];
    const named = {
      ...p,
      conduits: p.conduits.map((c, i) => (i === 0 ? { ...c, name: conduitName(p, c) } : i === 1 ? { ...c, name: "保守回線" } : c)),
    };
    const zone = "zone" in c0.from ? c0.from.zone : "zone" in c0.to ? c0.to.zone : null;
    expect(zone).not.toBeNull();
    const next = renameEnd(named, "zones", zone!, "新しい名前");
    expect(next.conduits[0].name).toContain("新しい名前");
    expect(next.conduits[0].name).toBe(conduitName(next, next.conduits[0]));
    expect(next.conduits[1].name).toBe("保守回線");
    expect(next.zones.find((z) => z.id === zone)!.name).toBe("新しい名前");
  });
});

describe("treatment decisions", () => {
  it("set one row or many, keep what is not given, and drop a decision left empty", async () => {
    const { setTreatments } = await import("../src/model");
    const p = {
      ...sample("food-plant"),
      risk_decisions: [{ risk_id: "T01@a", treatment: "reduce" as const, justification: "パッチ", owner: "生技", date: "2026-11-01" }],
    };
    const q = setTreatments(p, ["T01@a", "T02@b"], { treatment: "accept", justification: "閉域網" });
    expect(q.risk_decisions).toEqual([
      { risk_id: "T01@a", treatment: "accept", justification: "閉域網", owner: "生技", date: "2026-11-01" },
      { risk_id: "T02@b", treatment: "accept", justification: "閉域網", owner: "" },
    ]);
    expect(p.risk_decisions.length).toBe(1); // the project given is not changed
    const r = setTreatments(q, ["T02@b"], { treatment: undefined, justification: "" });
    expect(r.risk_decisions.map((d) => d.risk_id)).toEqual(["T01@a"]);
  });
});

describe("a removal and the decisions that relied on what went", () => {
  it("names, by readable id, the decisions kept that lost a countermeasure they relied on", async () => {
    const { decisionsThatLostMeasures } = await import("../src/model");
    const p = sample("food-plant");
    const [a, b] = p.assets.filter((x) => x.number);
    const [m1, m2] = p.countermeasures;
    const before = {
      ...p,
      risk_decisions: [
        // Relied on m1 and m2; m1 goes: named.
        { risk_id: `T01@${a.id}`, treatment: "reduce" as const, justification: "", owner: "", relies_on: [m1.id, m2.id] },
        // Relied on m2 only, which stays: not named.
        { risk_id: `T02@${b.id}`, treatment: "reduce" as const, justification: "", owner: "", relies_on: [m2.id] },
        // Relied on nothing: not named.
        { risk_id: `T03@${b.id}`, treatment: "accept" as const, justification: "", owner: "" },
      ],
    };
    // What the core's cascade gives when m1 is removed (edit::remove).
    const after = {
      ...before,
      countermeasures: before.countermeasures.filter((m) => m.id !== m1.id),
      risk_decisions: before.risk_decisions.map((d) => ({ ...d, relies_on: d.relies_on?.filter((m) => m !== m1.id) })),
    };
    expect(decisionsThatLostMeasures(before, after)).toEqual([`${readableNumber("A", a.number!)}/T01`]);
    // A decision that went with its row (its asset removed) is not named.
    const rowGone = { ...after, risk_decisions: after.risk_decisions.slice(1) };
    expect(decisionsThatLostMeasures(before, rowGone)).toEqual([]);
    expect(decisionsThatLostMeasures(before, before)).toEqual([]);
  });

  it("names a decision whose only measure went, as the core sends it (no list at all)", async () => {
    const { decisionsThatLostMeasures } = await import("../src/model");
    const p = sample("food-plant");
    const a = p.assets.find((x) => x.number)!;
    const m = p.countermeasures[0];
    const decision = { risk_id: `T01@${a.id}`, treatment: "reduce" as const, justification: "", owner: "" };
    const before = { ...p, risk_decisions: [{ ...decision, relies_on: [m.id] }] };
    // edit::remove empties the list, and serde leaves an empty list out (skip_serializing_if).
    const after = { ...before, countermeasures: p.countermeasures.slice(1), risk_decisions: [decision] };
    expect(decisionsThatLostMeasures(before, after)).toEqual([`${readableNumber("A", a.number!)}/T01`]);
  });
});
