// The zone diagram as graph elements: zones are containers holding their assets, entry
// points stand outside, conduits are edges. Large zones start collapsed (a zone with
// thousands of assets is a number, not a picture) and expand on request.
import type * as W from "./generated/wire";
import type { Project, Id } from "./model";
import { endpointId } from "./model";

export interface ElementDef {
  group: "nodes" | "edges";
  data: Record<string, unknown> & { id: string };
  classes?: string;
  position?: { x: number; y: number };
}

export interface DiagramOptions {
  /** Zones with more assets than this are drawn collapsed unless expanded. */
  collapseAbove: number;
  /** A project with more assets than this starts with every zone collapsed (an overview). */
  collapseAllAbove?: number;
  expanded: ReadonlySet<Id>;
  /** Conduits to highlight (an attack path). */
  highlight: ReadonlySet<Id>;
  zoneImportance?: Record<string, number>;
  /** Conduits without a blocking boundary or counted measure. */
  unprotected?: ReadonlySet<Id>;
}

export const nodeId = {
  zone: (id: Id) => `z:${id}`,
  asset: (id: Id) => `a:${id}`,
  entry: (id: Id) => `e:${id}`,
  conduit: (id: Id) => `c:${id}`,
};

export function parseNodeId(s: string): { coll: "zones" | "assets" | "entry_points" | "conduits"; id: Id } | null {
  const [k, id] = [s.slice(0, 2), s.slice(2)];
  const coll = ({ "z:": "zones", "a:": "assets", "e:": "entry_points", "c:": "conduits" } as const)[k];
  return coll ? { coll, id } : null;
}

export function isCollapsed(zone: Id, counts: Map<Id, number>, o: DiagramOptions, total = 0): boolean {
  if (o.expanded.has(zone) || !counts.get(zone)) return false;
  return (counts.get(zone) ?? 0) > o.collapseAbove || total > (o.collapseAllAbove ?? Infinity);
}

export function elements(p: Project, o: DiagramOptions): ElementDef[] {
  const counts = new Map<Id, number>();
  for (const a of p.assets) if (a.zone) counts.set(a.zone, (counts.get(a.zone) ?? 0) + 1);
  const out: ElementDef[] = [];
  for (const z of p.zones) {
    const collapsed = isCollapsed(z.id, counts, o, p.assets.length);
    const n = counts.get(z.id) ?? 0;
    const parent = typeof z.parent === "string" ? nodeId.zone(z.parent) : undefined;
    const imp = o.zoneImportance?.[z.id];
    out.push({
      group: "nodes",
      data: {
        id: nodeId.zone(z.id),
        label: collapsed ? `${z.name}\n(${n})` : z.name,
        kind: "zone",
        ...(parent ? { parent } : {}),
      },
      classes: ["zone", collapsed ? "collapsed" : "", z.external ? "external" : "", imp === 3 ? "important" : ""].filter(Boolean).join(" "),
      // Copies: the diagram moves its nodes' positions in place, the document changes only by commit.
      ...(collapsed || n === 0 ? (z.position ? { position: { ...z.position } } : {}) : {}),
    });
  }
  for (const a of p.assets) {
    if (a.zone && isCollapsed(a.zone, counts, o, p.assets.length)) continue;
    out.push({
      group: "nodes",
      data: { id: nodeId.asset(a.id), label: a.name, kind: "asset", ...(a.zone ? { parent: nodeId.zone(a.zone) } : {}) },
      classes: a.zone ? "asset" : "asset unzoned",
      ...(a.position ? { position: { ...a.position } } : {}),
    });
  }
  for (const e of p.entry_points) {
    out.push({
      group: "nodes",
      data: { id: nodeId.entry(e.id), label: e.name, kind: "entry" },
      classes: "entry",
      ...(e.position ? { position: { ...e.position } } : {}),
    });
  }
  const node = (ep: { zone: Id } | { entry: Id }) => ("zone" in ep ? nodeId.zone(ep.zone) : nodeId.entry(ep.entry));
  for (const c of p.conduits) {
    const cls = ["conduit"];
    if (o.unprotected?.has(c.id)) cls.push("unprotected");
    if (o.highlight.has(c.id)) cls.push("path");
    out.push({
      group: "edges",
      data: { id: nodeId.conduit(c.id), source: node(c.from), target: node(c.to), label: c.name },
      classes: cls.join(" "),
    });
  }
  return out;
}

/** Every node without a saved position (then the diagram needs an automatic layout). */
export function unplaced(els: ElementDef[]): string[] {
  const parents = new Set(els.map((e) => e.data.parent as string | undefined).filter(Boolean));
  return els.filter((e) => e.group === "nodes" && !parents.has(e.data.id) && !e.position).map((e) => e.data.id);
}

/** An attack path as the core sends it (generated: graph::AttackPath). */
export type AttackPath = W.AttackPath;

/**
 * The conduits that steer the automatic layout of a large diagram: a breadth-first tree from
 * the entry points (then from each zone not reached), so layers show how many conduits a
 * zone is from an entry point. The other conduits are drawn but do not steer the layout:
 * layered layout time grows with the edges' lengths, and a dense conduit graph took ELK
 * 3–10 s where the tree takes well under 2 (docs/benchmarks.md).
 */
export function layoutConduits(p: Project): Set<Id> {
  const adj = new Map<Id, Array<[Id, Id]>>();
  const link = (a: Id, b: Id, c: Id) => {
    if (!adj.has(a)) adj.set(a, []);
    adj.get(a)!.push([b, c]);
  };
  for (const c of p.conduits) {
    const [a, b] = [endpointId(c.from), endpointId(c.to)];
    link(a, b, c.id);
    link(b, a, c.id);
  }
  const tree = new Set<Id>();
  const seen = new Set<Id>();
  const walk = (roots: Id[]) => {
    let layer = roots.filter((r) => !seen.has(r));
    layer.forEach((r) => seen.add(r));
    while (layer.length) {
      const next: Id[] = [];
      for (const a of layer)
        for (const [b, c] of adj.get(a) ?? [])
          if (!seen.has(b)) {
            seen.add(b);
            tree.add(c);
            next.push(b);
          }
      layer = next;
    }
  };
  walk(p.entry_points.map((e) => e.id));
  for (const z of p.zones) walk([z.id]);
  return tree;
}

/** Conduits of the shortest attack paths given. */
export function pathConduits(paths: AttackPath[]): Set<Id> {
  const s = new Set<Id>();
  for (const p of paths) for (const sp of p.shortest) for (const c of sp.conduits) s.add(c);
  return s;
}

export { endpointId };

/**
 * Font size, in diagram units, that draws a label `screenPx` pixels high at `zoom`: zoomed
 * out, zone and entry-point names keep a readable size on screen instead of shrinking with
 * the diagram; zoomed in they grow with it. At most `maxUnits`, so that a far zoomed-out
 * overview does not turn each name into a banner over its neighbours.
 */
export function readableFontSize(zoom: number, screenPx: number, maxUnits = 64): number {
  if (!(zoom > 0)) return screenPx;
  return Math.min(maxUnits, Math.max(screenPx, screenPx / zoom));
}

/** A node's extent on the diagram (model coordinates). */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Where a new item of `size` goes: the free place nearest `start` (the view's centre) that
 * keeps `gap` from every occupied box, searched ring by ring on a grid of the item's size.
 * New zones, entry points and assets no longer land on top of what is there.
 */
export function freeSpot(
  occupied: Box[],
  start: { x: number; y: number },
  size: { w: number; h: number },
  gap = 30,
): { x: number; y: number } {
  const stepX = size.w + gap;
  const stepY = size.h + gap;
  const free = (x: number, y: number) =>
    occupied.every(
      (b) => x + size.w / 2 + gap <= b.x1 || x - size.w / 2 - gap >= b.x2 || y + size.h / 2 + gap <= b.y1 || y - size.h / 2 - gap >= b.y2,
    );
  for (let ring = 0; ring <= 40; ring++) {
    // The cells of this ring, nearest the start first.
    const cells: Array<[number, number]> = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) === ring) cells.push([i, j]);
      }
    }
    cells.sort((a, b) => Math.hypot(a[0] * stepX, a[1] * stepY) - Math.hypot(b[0] * stepX, b[1] * stepY));
    for (const [i, j] of cells) {
      const x = start.x + i * stepX;
      const y = start.y + j * stepY;
      if (free(x, y)) return { x, y };
    }
  }
  // Everything near is taken: below all of it.
  const bottom = Math.max(start.y, ...occupied.map((b) => b.y2));
  return { x: start.x, y: bottom + gap + size.h / 2 };
}
