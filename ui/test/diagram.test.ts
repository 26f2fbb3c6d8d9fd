import { describe, expect, it } from "vitest";
import { sample } from "./fixtures";
import { elements, layoutConduits, nodeId, parseNodeId, pathConduits, readableFontSize, unplaced } from "../src/diagram-model";
import { endpointId, newAsset, newConduit } from "../src/model";

const opts = { collapseAbove: 40, expanded: new Set<string>(), highlight: new Set<string>() };

describe("diagram elements", () => {
  it("draws zones as containers of their assets, entry points and conduits as edges", () => {
    const p = sample("food-plant");
    const els = elements(p, opts);
    const nodes = els.filter((e) => e.group === "nodes");
    const edges = els.filter((e) => e.group === "edges");
    expect(nodes.length).toBe(p.zones.length + p.assets.length + p.entry_points.length);
    expect(edges.length).toBe(p.conduits.length);
    for (const a of p.assets) {
      const n = nodes.find((x) => x.data.id === nodeId.asset(a.id))!;
      expect(n.data.parent).toBe(a.zone ? nodeId.zone(a.zone) : undefined);
    }
    const ids = new Set(nodes.map((n) => n.data.id));
    for (const e of edges) {
      expect(ids.has(String(e.data.source))).toBe(true);
      expect(ids.has(String(e.data.target))).toBe(true);
    }
  });

  it("collapses a zone with many assets into a count unless expanded", () => {
    const p = sample("food-plant");
    const z = p.zones[0];
    const many = Array.from({ length: 50 }, (_, i) => newAsset(`d${i}`, "plc", z.id));
    const q = { ...p, assets: [...p.assets, ...many] };
    const n = q.assets.filter((a) => a.zone === z.id).length;
    const els = elements(q, opts);
    const zone = els.find((e) => e.data.id === nodeId.zone(z.id))!;
    expect(zone.classes).toContain("collapsed");
    expect(String(zone.data.label)).toContain(`(${n})`);
    expect(els.some((e) => e.data.parent === nodeId.zone(z.id))).toBe(false);
    const open = elements(q, { ...opts, expanded: new Set([z.id]) });
    expect(open.filter((e) => e.data.parent === nodeId.zone(z.id)).length).toBe(n);
  });

  it("marks highlighted and unprotected conduits; reports unplaced nodes", () => {
    const p = sample("food-plant");
    const c = p.conduits[0];
    const els = elements(p, { ...opts, highlight: new Set([c.id]), unprotected: new Set([c.id]) });
    const e = els.find((x) => x.data.id === nodeId.conduit(c.id))!;
    expect(e.classes).toContain("path");
    expect(e.classes).toContain("unprotected");
    const q = { ...p, assets: [...p.assets, newAsset("new", "plc", p.zones[0].id)] };
    expect(unplaced(elements(q, opts))).toContain(nodeId.asset(q.assets.at(-1)!.id));
  });

  it("parses node ids and collects attack-path conduits", () => {
    expect(parseNodeId("a:xyz")).toEqual({ coll: "assets", id: "xyz" });
    expect(parseNodeId("q:xyz")).toBeNull();
    const s = pathConduits([
      {
        entry: "e",
        entry_kind: "internet",
        target_zone: "z",
        targets: [],
        reachable: true,
        hops: 2,
        shortest: [{ zones: ["a", "z"], conduits: ["c1", "c2"], via: [] }],
        simple_paths: 1,
        complete: true,
        unprotected_conduits: [],
        zones_crossed: [],
      },
    ]);
    expect([...s]).toEqual(["c1", "c2"]);
  });

  it("lays out 10k assets as collapsed zones (elements stay few)", () => {
    const p = sample("food-plant");
    const many = Array.from({ length: 10000 }, (_, i) => newAsset(`d${i}`, "plc", p.zones[i % p.zones.length].id));
    const els = elements({ ...p, assets: many }, opts);
    expect(els.length).toBeLessThan(100);
  });

  it("starts a large factory as an overview of collapsed zones that expand one by one", () => {
    const p = sample("food-plant");
    const big = { ...opts, collapseAllAbove: p.assets.length - 1 };
    const collapsed = elements(p, big).filter((e) => String(e.classes).includes("collapsed"));
    const occupied = new Set(p.assets.map((a) => a.zone).filter(Boolean));
    expect(collapsed.length).toBe(occupied.size);
    expect(elements(p, big).some((e) => e.data.id.startsWith("a:"))).toBe(false);
    const z = [...occupied][0]!;
    const one = elements(p, { ...big, expanded: new Set([z]) });
    expect(one.filter((e) => e.data.parent === nodeId.zone(z)).length).toBe(p.assets.filter((a) => a.zone === z).length);
    expect(elements(p, { ...opts, collapseAllAbove: p.assets.length }).some((e) => String(e.classes).includes("collapsed"))).toBe(false);
  });
});

describe("layout conduits", () => {
  it("keep one conduit per zone reached, breadth first from the entry points", () => {
    const p = sample("electronics-line");
    const tree = layoutConduits(p);
    const ends = new Set([...p.zones.map((z) => z.id), ...p.entry_points.map((e) => e.id)]);
    // A spanning forest: every zone touched by a conduit is reached once, no cycles.
    const touched = new Set(p.conduits.flatMap((c) => [endpointId(c.from), endpointId(c.to)]));
    expect(tree.size).toBeLessThan(p.conduits.length + 1);
    expect([...touched].every((x) => ends.has(x))).toBe(true);
    const parent = new Map<string, string>();
    const find = (x: string): string => (parent.has(x) ? find(parent.get(x)!) : x);
    for (const c of p.conduits.filter((c) => tree.has(c.id))) {
      const [a, b] = [find(endpointId(c.from)), find(endpointId(c.to))];
      expect(a).not.toBe(b);
      parent.set(a, b);
    }
    const components = new Set([...touched].map(find));
    expect(tree.size).toBe(touched.size - components.size);
  });
  it("prefers the shorter route from an entry point", () => {
    const p = sample("food-plant");
    const [e] = p.entry_points;
    const [z1, z2, z3] = p.zones;
    const q = {
      ...p,
      conduits: [
        newConduit("e-z1", { entry: e.id }, { zone: z1.id }),
        newConduit("z1-z2", { zone: z1.id }, { zone: z2.id }),
        newConduit("z2-z3", { zone: z2.id }, { zone: z3.id }),
        newConduit("e-z3", { entry: e.id }, { zone: z3.id }),
      ],
    };
    const names = [...layoutConduits(q)].map((id) => q.conduits.find((c) => c.id === id)!.name).sort();
    expect(names).toEqual(["e-z1", "e-z3", "z1-z2"]);
  });
});

describe("readable label sizes", () => {
  it("keeps zone names at their screen size when zoomed out, grows them with the diagram when zoomed in", () => {
    expect(readableFontSize(0.5, 13) * 0.5).toBeCloseTo(13);
    expect(readableFontSize(0.25, 12) * 0.25).toBeCloseTo(12);
    expect(readableFontSize(2, 13)).toBe(13);
    expect(readableFontSize(1, 13)).toBe(13);
  });

  it("caps the size far zoomed out and survives a zoom of zero or NaN", () => {
    expect(readableFontSize(0.01, 13)).toBe(64);
    expect(readableFontSize(0.01, 13, 40)).toBe(40);
    expect(readableFontSize(0, 13)).toBe(13);
    expect(readableFontSize(Number.NaN, 11)).toBe(11);
  });
});

import { freeSpot } from "../src/diagram-model";

describe("a new item goes to free space", () => {
  const size = { w: 100, h: 60 };
  const overlaps = (p: { x: number; y: number }, b: { x1: number; y1: number; x2: number; y2: number }) =>
    !(p.x + size.w / 2 <= b.x1 || p.x - size.w / 2 >= b.x2 || p.y + size.h / 2 <= b.y1 || p.y - size.h / 2 >= b.y2);

  it("takes the centre of the view when nothing is there", () => {
    expect(freeSpot([], { x: 10, y: 20 }, size)).toEqual({ x: 10, y: 20 });
  });

  it("never lands on an existing zone (the trap: new zones on top of old ones)", () => {
    const zone = { x1: -200, y1: -150, x2: 200, y2: 150 };
    const p = freeSpot([zone], { x: 0, y: 0 }, size);
    expect(overlaps(p, zone)).toBe(false);
    // The nearest free place: the gap is kept, and it is the closest ring.
    expect(Math.abs(p.x) <= 400 && Math.abs(p.y) <= 300).toBe(true);
  });

  it("adding several in a row spreads them out", () => {
    const occupied: Array<{ x1: number; y1: number; x2: number; y2: number }> = [];
    for (let i = 0; i < 12; i++) {
      const p = freeSpot(occupied, { x: 0, y: 0 }, size);
      for (const b of occupied) expect(overlaps(p, b)).toBe(false);
      occupied.push({ x1: p.x - size.w / 2, y1: p.y - size.h / 2, x2: p.x + size.w / 2, y2: p.y + size.h / 2 });
    }
  });
});
