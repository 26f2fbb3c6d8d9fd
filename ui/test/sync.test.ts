import { describe, expect, it } from "vitest";
import { sample } from "./fixtures";
import { addItem, endpointId, newAsset, setField } from "../src/model";
import {
  AnswerMisfit,
  applyChanges,
  applyListChanges,
  changes,
  DocumentSync,
  expandPath,
  expandRow,
  merge,
  sameValue,
  type AnalysisUpdate,
  type Change,
} from "../src/sync";
import type { RiskView } from "../src/register";
import type { Analysis } from "../src/api";
import type { Project } from "../src/model";
import type * as W from "../src/generated/wire";

describe("the changes an edit sends", () => {
  const p = sample("food-plant");

  it("are one item for a field edit, at its position", () => {
    const id = p.assets[4].id;
    const next = setField(p, "assets", id, "name", "改名");
    const cs = changes(p, next)!;
    expect(cs).toEqual([{ op: "splice", section: "assets", start: 4, remove: 1, insert: [next.assets[4]] }]);
    expect(applyChanges(p, cs)).toEqual(next);
  });

  it("rebuild the document after an edit of several lists and after an add", () => {
    // A zone taken out with its conduits and threats, as the core's removal answers it.
    const zone = p.zones[1].id;
    const removed = {
      ...p,
      zones: p.zones.filter((z) => z.id !== zone),
      conduits: p.conduits.filter((c) => endpointId(c.from) !== zone && endpointId(c.to) !== zone),
      threats: p.threats.filter((t) => t.zone !== zone),
    };
    const cs = changes(p, removed)!;
    expect(cs.map((c) => c.section)).toContain("zones");
    expect(applyChanges(p, cs)).toEqual(removed);
    const added = addItem(removed, "assets", newAsset("新しいPLC", "plc", p.zones[0].id));
    const cs2 = changes(removed, added)!;
    expect(cs2).toHaveLength(1);
    expect(cs2[0]).toMatchObject({ op: "splice", section: "assets", start: removed.assets.length, remove: 0 });
    expect(applyChanges(removed, cs2)).toEqual(added);
  });

  it("are nothing for an unchanged document, a whole section for settings, and the whole document for a new id", () => {
    expect(changes(p, p)).toEqual([]);
    const s = { ...p, settings: { ...p.settings, tolerable_risk: "B" } };
    expect(changes(p, s)).toEqual([{ op: "set", section: "settings", value: s.settings }]);
    expect(changes(p, { ...p, id: "another" })).toBeNull();
  });
});

const row = (id: string, residual: string): RiskView => ({ id, values: ["A", "B", residual] }) as unknown as RiskView;

describe("an answer relative to the analysis the window has", () => {
  /** An answer to revision 2 relative to revision 1, with these sections. */
  const relative = (sections: object) =>
    ({
      revision: 2,
      doc: 3,
      relative_to: 1,
      method: "m",
      values: [],
      tolerable: "C",
      timings_ms: [0, 0, 0],
      ...sections,
    }) as unknown as AnalysisUpdate;

  it("puts the register together from the changed rows and the new order", () => {
    // As in src-tauri/src/sync.rs: the window has a, b, c; b went, c changed, d is new.
    const [a, b, c] = [row("a", "B"), row("b", "C"), row("c", "D")];
    const c2 = row("c", "C");
    const d = row("d", "D");
    // c is at position 1 of the new list.
    const out = applyListChanges([a, b, c], { changed: [[1, c2]], added: [d], order: [0, 2, 3] });
    expect(out).toEqual([a, c2, d]);
    expect(out[0]).toBe(a);
    const rows = [a, b];
    expect(applyListChanges(rows, { changed: [], added: [], order: null })).toBe(rows);
  });

  it("puts the findings and importances together from their changes", () => {
    const f = (rule: string, message_en: string) => ({ rule, message_en }) as unknown as W.Finding;
    const [f1, f2, f3] = [f("a", "one"), f("b", "two"), f("c", "three")];
    const had = {
      revision: 1,
      risks: [],
      findings: [f1, f2, f3],
      asset_importance: { x: 1, y: 2 },
      zone_importance: { z: 3 },
    } as unknown as Analysis;
    // f2's message changed (a renamed asset): it went and a new one came, placed first.
    const f2b = f("b", "two′");
    const u = relative({
      finding_changes: { changed: [], added: [f2b], order: [3, 0, 2] },
      asset_importance_changes: { set: { y: 3, w: 1 }, removed: ["x"] },
    });
    const out = merge(had, u, {} as Project);
    expect(out.findings).toEqual([f2b, f1, f3]);
    expect(out.findings[1]).toBe(f1);
    expect(out.asset_importance).toEqual({ y: 3, w: 1 });
    expect(had.asset_importance).toEqual({ x: 1, y: 2 });
    expect(out.zone_importance).toBe(had.zone_importance);
    expect(out).not.toHaveProperty("finding_changes");
    expect(out).not.toHaveProperty("asset_importance_changes");
  });

  it("replaces the attack paths that changed, at their positions, expanded", () => {
    const none = { shortest: [], targets: [], unprotected_conduits: [], zones_crossed: [] };
    const p1 = { entry: "e1", target_zone: "z1", hops: 2, ...none };
    const p2 = { entry: "e1", target_zone: "z2", hops: 3, ...none };
    const had = { revision: 1, risks: [], attack_paths: [p1, p2] } as unknown as Analysis;
    const doc = { assets: [{ id: "a1" }], zones: [{ id: "z1" }, { id: "z2" }], conduits: [{ id: "c1" }] } as unknown as Project;
    // As the core sends it: zone 1 (z2) entered over conduit 0 (c1), initiated on no channel,
    // for asset 0 (a1); the conduit is unprotected.
    const p2b = { ...p2, hops: 1, shortest: [{ z: [1], c: [0], v: [0] }], targets: [0], unprotected_conduits: [0] };
    const u = relative({ attack_path_changes: { changed: [[1, p2b]], added: [], order: null } });
    const out = merge(had, u, doc);
    expect(out.attack_paths).toEqual([
      p1,
      {
        ...p2,
        hops: 1,
        shortest: [{ zones: ["z2"], conduits: ["c1"], via: [{ channel: null, kind: "initiate", reverse: false, controlled: false }] }],
        targets: ["a1"],
        unprotected_conduits: ["c1"],
      },
    ]);
    expect(out.attack_paths[0]).toBe(p1);
    expect(out).not.toHaveProperty("attack_path_changes");
  });

  it("makes a register row of the array the core sends (sync::RowTuple)", () => {
    const doc = { assets: [{ id: "a0" }, { id: "a1" }], zones: [{ id: "z0" }, { id: "z1" }] } as unknown as Project;
    const sent: W.RowTuple = [
      "T03",
      1,
      0,
      3,
      2,
      ["A", "B", "C"],
      [0, 1, 2],
      [0, 1, 2],
      [2, 1],
      false,
      ["sier", "customer"],
      "accept",
      true,
    ];
    expect(expandRow(sent, doc)).toEqual({
      id: "T03@a1",
      threat: "T03",
      asset: "a1",
      zone: "z0",
      importance: 3,
      threat_level: 2,
      values: ["A", "B", "C"],
      ranks: [0, 1, 2],
      countermeasure: [0, 1, 2],
      measures: [2, 1],
      tolerable: false,
      parties: ["sier", "customer"],
      treatment: "accept",
      reconstructed: true,
    });
  });

  it("expands a path's crossings from their numbers (sync::StepsView)", () => {
    const doc = {
      zones: [{ id: "za" }, { id: "zb" }, { id: "zc" }],
      conduits: [{ id: "c0" }, { id: "c1" }, { id: "c2" }],
    } as unknown as Project;
    // (channel + 1) << 4 | kind << 2 | reverse << 1 | controlled, worked out by hand:
    // 39 = 2 << 4 | 1 << 2 | 1 << 1 | 1: channel 1, data, reversed, controlled;
    // 24 = 1 << 4 | 2 << 2: channel 0, response-only; 0: no channel, initiated.
    const p = {
      entry: "e",
      target_zone: "zc",
      shortest: [
        { z: [1, 2], c: [2, 0], v: [39, 24] },
        { z: [2], c: [1], v: [0] },
      ],
      targets: [],
      unprotected_conduits: [0],
      zones_crossed: [1],
    };
    const out = expandPath(p as unknown as W.PathView, doc);
    expect(out.shortest).toEqual([
      {
        zones: ["zb", "zc"],
        conduits: ["c2", "c0"],
        via: [
          { channel: 1, kind: "data", reverse: true, controlled: true },
          { channel: 0, kind: "response", reverse: false, controlled: false },
        ],
      },
      { zones: ["zc"], conduits: ["c1"], via: [{ channel: null, kind: "initiate", reverse: false, controlled: false }] },
    ]);
    expect(out.entry).toBe("e");
    expect(out.unprotected_conduits).toEqual(["c0"]);
    expect(out.zones_crossed).toEqual(["zb"]);
  });

  it("keeps every section the answer leaves out", () => {
    const had = { revision: 1, risks: [row("a", "B")], findings: [{ code: "x" }], attack_paths: [1] } as unknown as Analysis;
    const u = {
      revision: 2,
      doc: 5,
      relative_to: 1,
      method: "m",
      values: [],
      tolerable: "C",
      findings: [],
      timings_ms: [0, 0, 0],
    } as unknown as AnalysisUpdate;
    const out = merge(had, u, {} as Project);
    expect(out.revision).toBe(2);
    expect(out.findings).toEqual([]);
    expect(out.attack_paths).toBe(had.attack_paths);
    expect(out.risks).toBe(had.risks);
    expect(out).not.toHaveProperty("doc");
  });
});

describe("the window's side of the held document", () => {
  const p = sample("electronics-line");
  const answer = (revision: number, doc: number, relative_to: number | null) =>
    ({
      revision,
      doc,
      relative_to,
      method: "m",
      values: [],
      tolerable: "C",
      risks: [],
      timings_ms: [1, 2, 3],
    }) as unknown as AnalysisUpdate;

  it("keeps the ids of the rows it has when positions move, and reads new rows against the new document", async () => {
    const tuple = (asset: number, v: string): W.RowTuple => [
      "T01",
      asset,
      0,
      1,
      1,
      [v, v, v],
      [2, 2, 2],
      [0, 0, 0],
      [0, 0],
      true,
      [],
      null,
      false,
    ];
    const [a0, a1] = [p.assets[0].id, p.assets[1].id];
    // After the edit, an asset is put first: every position moves by one.
    const q = { ...p, assets: [{ ...p.assets[2], id: "new-asset" }, ...p.assets] };
    const answers = [
      { ...answer(1, 5, null), risks: [tuple(0, "C"), tuple(1, "C")] },
      // Relative to revision 1: the first row unchanged (not sent), the second changed, named
      // by its position in q (a1 is now at 2).
      { ...answer(2, 6, 1), risks: undefined, risk_changes: { changed: [[1, tuple(2, "B")]], added: [], order: null } },
    ];
    const sync = new DocumentSync(false, async () => answers.shift() as unknown as AnalysisUpdate);
    sync.reset(p, 3);
    await sync.analyze(p, 1);
    const after = await sync.analyze(q, 2);
    expect(after?.risks.map((r) => [r.id, r.values[2]])).toEqual([
      [`T01@${a0}`, "C"],
      [`T01@${a1}`, "B"],
    ]);
  });

  it("sends the whole document when an answer names a row past the end of the document's lists", async () => {
    const sent: Array<Record<string, unknown>> = [];
    const sync = new DocumentSync(false, async (r) => {
      sent.push(r as unknown as Record<string, unknown>);
      // Answering the changes, the core names asset 999 (the window has fewer): a core and
      // window that disagree on the document. Answering the whole document, it fits.
      const asset = r.base !== undefined ? 999 : 0;
      const row: W.RowTuple = ["T01", asset, 0, 1, 1, ["C", "C", "C"], [2, 2, 2], [0, 0, 0], [0, 0], true, [], null, false];
      return { ...answer(r.revision, 20 + sent.length, null), risks: [row] };
    });
    sync.reset(p, 3);
    const a = await sync.analyze(p, 1);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ base: 3 });
    expect(sent[1]).toEqual({ revision: 1, project: p });
    expect(a?.risks[0].id).toBe(`T01@${p.assets[0].id}`);
    expect(() => expandRow(["T01", 0, 999, 1, 1, ["C", "C", "C"], [2, 2, 2], [0, 0, 0], [0, 0], true, [], null, false], p)).toThrow(
      AnswerMisfit,
    );
    const path = { shortest: [{ z: [0], c: [0], v: [3 << 2] }], targets: [], unprotected_conduits: [], zones_crossed: [] };
    expect(() => expandPath(path as unknown as W.PathView, p)).toThrow("crossing 12");
  });

  it("sends changes to a held document, and the whole one when the core asks for it", async () => {
    const sent: Array<Record<string, unknown>> = [];
    let refuse = false;
    const sync = new DocumentSync(false, async (r) => {
      sent.push(r as unknown as Record<string, unknown>);
      if (refuse && r.base !== undefined) {
        refuse = false;
        throw { code: "resync", message: "send the whole document" };
      }
      return answer(r.revision, 10 + sent.length, r.known ?? null);
    });
    // Opened from a file: the core holds it as document 3; nothing changed yet.
    sync.reset(p, 3);
    await sync.analyze(p, 1);
    expect(sent[0]).toEqual({ revision: 1, base: 3, changes: [] });
    // An edit: only the edited asset goes, relative to the answer the window has.
    const q = setField(p, "assets", p.assets[0].id, "name", "x");
    await sync.analyze(q, 2);
    expect(sent[1]).toMatchObject({ revision: 2, base: 11, known: 1 });
    expect(sent[1].changes).toHaveLength(1);
    expect(sent[1].project).toBeUndefined();
    // The core lost the document: it asks, and the window sends it whole at once.
    refuse = true;
    const r = setField(q, "assets", p.assets[1].id, "name", "y");
    await sync.analyze(r, 3);
    expect(sent[2].base).toBe(12);
    expect(sent[3]).toEqual({ revision: 3, project: r });
    // A new document not from the core (a recovery copy): whole.
    sync.reset(p, null);
    await sync.analyze(p, 4);
    expect(sent[4]).toEqual({ revision: 4, project: p });
  });

  it("drops an answer that arrives after the window changed documents", async () => {
    let release: (u: AnalysisUpdate) => void = () => undefined;
    const sync = new DocumentSync(false, () => new Promise((r) => (release = r)));
    sync.reset(p, 1);
    const pending = sync.analyze(p, 1);
    sync.reset(p, 2);
    release(answer(1, 9, null));
    expect(await pending).toBeNull();
  });

  it("sends the whole document too when checking every edit", async () => {
    const sent: Array<Record<string, unknown>> = [];
    const sync = new DocumentSync(true, async (r) => {
      sent.push(r as unknown as Record<string, unknown>);
      return answer(r.revision, 1, null);
    });
    sync.reset(p, 7);
    await sync.analyze(p, 1);
    expect(sent[0].check).toBe(p);
  });
});

describe("removing items", () => {
  const p = sample("food-plant");

  it("applies the core's changes in order and keeps every item they leave alone", () => {
    // The core's answer for a conduit removed (edit::difference): the conduit taken out at 1,
    // the measure that covered it replaced at 0.
    const measure = { ...p.countermeasures[0], scope: { ...p.countermeasures[0].scope, conduits: [] } };
    const cs: Change[] = [
      { op: "splice", section: "conduits", start: 1, remove: 1, insert: [] },
      { op: "splice", section: "countermeasures", start: 0, remove: 1, insert: [measure] },
    ];
    const q = applyChanges(p, cs);
    expect(q.conduits).toEqual([p.conduits[0], ...p.conduits.slice(2)]);
    expect(q.conduits[1]).toBe(p.conduits[2]);
    expect(q.countermeasures[0]).toEqual(measure);
    expect(q.countermeasures[1]).toBe(p.countermeasures[1]);
    expect(q.assets).toBe(p.assets);
    expect(p.conduits).toHaveLength(q.conduits.length + 1);
  });

  it("sends the window's changes since the held document, and the whole document when the core asks", async () => {
    const sent: unknown[] = [];
    const answer: AnalysisUpdate = {
      revision: 1,
      doc: 7,
      relative_to: null,
      method: "m",
      values: [],
      tolerable: "",
      timings_ms: [0, 0, 0],
    };
    const s = new DocumentSync(
      false,
      async () => answer,
      async (r) => {
        sent.push(r);
        if (r.base !== undefined) throw { code: "resync", message: "send the whole document" };
        return [];
      },
    );
    s.reset(p, 3);
    const edited = setField(p, "assets", p.assets[0].id, "name", "改名");
    expect(await s.removeItems(edited, "assets", [p.assets[1].id])).toEqual([]);
    expect(sent[0]).toMatchObject({ base: 3, collection: "assets", ids: [p.assets[1].id] });
    expect((sent[0] as { changes: Change[] }).changes).toHaveLength(1);
    expect(sent[1]).toEqual({ project: edited, collection: "assets", ids: [p.assets[1].id] });
  });
});

describe("check mode", () => {
  it("compares what the window merged with the whole analysis the core sends beside it", async () => {
    const p = sample("food-plant");
    // Rows as the core sends them (sync::RowTuple): r1 is asset 0's T01 row, r2 asset 1's.
    const row = (asset: number, v: string): W.RowTuple => [
      "T01",
      asset,
      0,
      2,
      2,
      [v, v, v],
      [0, 0, 0],
      [1, 1, 1],
      [0, 0],
      true,
      [],
      null,
      false,
    ];
    const base = { method: "m", values: ["A"], tolerable: "A", timings_ms: [0, 0, 0] as [number, number, number] };
    const first: AnalysisUpdate = { ...base, revision: 1, doc: 1, relative_to: null, risks: [row(0, "A"), row(1, "B")] };
    // The delta changes r2 to C; the whole answer beside it says r2 is B: they disagree.
    const wrong: AnalysisUpdate = {
      ...base,
      revision: 2,
      doc: 2,
      relative_to: 1,
      risk_changes: { changed: [[1, row(1, "C")]], added: [], order: null },
      whole: { ...base, revision: 2, doc: 2, relative_to: null, risks: [row(0, "A"), row(1, "B")] },
    };
    const answers = [first, wrong];
    const s = new DocumentSync(true, async () => answers.shift()!);
    s.reset(p, null);
    await s.analyze(p, 1);
    await expect(s.analyze(p, 2)).rejects.toThrow("merged analysis differs");
    expect(sameValue({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});
