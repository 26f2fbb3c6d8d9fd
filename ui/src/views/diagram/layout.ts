// Where things go on the diagram: the automatic layout (ELK), positions saved, the zone under
// a dropped asset, a free place for a new item, the view fitted to an attack path.
import cytoscape, { type Core, type NodeSingular } from "cytoscape";
import { commit, doc } from "../../app";
import { t } from "../../i18n";
import { setPositions } from "../../model";
import { freeSpot, layoutConduits, parseNodeId, type Box } from "../../diagram-model";
import { fitView } from "./style";

/** With more conduits than this, only a breadth-first tree of them steers the layout. */
const LAYOUT_TREE_ABOVE = 150;

/** ELK layered layout; positions are saved as one undoable edit when `save`. */
export function runLayout(c: Core, save: boolean, isCurrent: () => boolean): Promise<number> {
  const started = performance.now();
  const large = c.edges().length > LAYOUT_TREE_ABOVE;
  const steering = large ? layoutConduits(doc()) : null;
  const eles = steering ? c.nodes().union(c.edges().filter((e) => steering.has(parseNodeId(e.id())?.id ?? ""))) : c.elements();
  return new Promise((resolve) => {
    const layout = eles.layout({
      name: "elk",
      nodeDimensionsIncludeLabels: true,
      fit: false,
      elk: {
        // Conduits join zones and entry points only, so the top level is laid out on its own
        // (layered, in the direction data flows) and each zone packs its assets into a block
        // near the window's aspect ratio instead of one long row.
        algorithm: "layered",
        "elk.direction": "DOWN",
        "elk.hierarchyHandling": "SEPARATE_CHILDREN",
        "elk.spacing.nodeNode": 30,
        // Room between layers for a conduit's name and the next zone's name above its box.
        "elk.layered.spacing.nodeNodeBetweenLayers": 90,
        // Large diagrams: one crossing-minimisation pass and straight edge routing (the
        // diagram draws its own curves; ELK's routes are not used).
        ...(large ? { "elk.layered.thoroughness": 1, "elk.edgeRouting": "POLYLINE" } : {}),
      },
      nodeLayoutOptions: (n: NodeSingular) =>
        n.isParent()
          ? {
              algorithm: "rectpacking",
              "elk.aspectRatio": 1.6,
              "elk.spacing.nodeNode": 12,
              "elk.padding": "[top=12,left=12,bottom=12,right=12]",
            }
          : undefined,
    } as cytoscape.LayoutOptions);
    c.scratch("otzLayouts", Number(c.scratch("otzLayouts") ?? 0) + 1);
    layout.one("layoutstop", () => {
      c.scratch("otzLayouts", Number(c.scratch("otzLayouts") ?? 1) - 1);
      const ms = performance.now() - started;
      (window as unknown as { __lastLayoutMs: number }).__lastLayoutMs = ms;
      // The user may have left the diagram meanwhile: nothing to fit or save then.
      if (isCurrent()) {
        fitView(c);
        if (save) commit(setPositions(doc(), leafPositions(c)), t("ui.diagram.layout"), false);
      }
      resolve(ms);
    });
    layout.run();
  });
}

export function leafPositions(c: Core): Array<{ coll: "assets" | "zones" | "entry_points"; id: string; pos: { x: number; y: number } }> {
  const out: Array<{ coll: "assets" | "zones" | "entry_points"; id: string; pos: { x: number; y: number } }> = [];
  c.nodes().forEach((n) => {
    const r = parseNodeId(n.id());
    if (!r || r.coll === "conduits") return;
    if (r.coll === "zones" && n.isParent()) return;
    out.push({ coll: r.coll, id: r.id, pos: n.position() });
  });
  return out;
}

export function zoneAt(c: Core, pos: { x: number; y: number }, except: string): string | undefined {
  let best: { id: string; area: number } | undefined;
  c.nodes(".zone").forEach((z) => {
    if (z.id() === except) return;
    const b = z.boundingBox();
    if (pos.x >= b.x1 && pos.x <= b.x2 && pos.y >= b.y1 && pos.y <= b.y2) {
      const area = b.w * b.h;
      if (!best || area < best.area) best = { id: z.id(), area };
    }
  });
  return best?.id;
}

/** The highlighted attack path, with the zones and entry points it joins, fills the view. */
export function zoomToPath(c: Core): void {
  const edges = c.edges(".path");
  if (edges.empty()) return;
  c.animate({ fit: { eles: edges.union(edges.connectedNodes()), padding: 48 } }, { duration: 250 });
}

/** Sizes a new item takes on the diagram (an empty zone is drawn as a box of about this size). */
const NEW_SIZE = { zones: { w: 180, h: 110 }, entry_points: { w: 80, h: 70 }, assets: { w: 140, h: 56 } };

/** A free place near the view's centre for a new item: never on top of what is there. */
export function placeNew(c: Core, kind: keyof typeof NEW_SIZE): { x: number; y: number } {
  const occupied: Box[] = c
    .nodes()
    .orphans()
    .map((n) => {
      const b = n.boundingBox({ includeLabels: true });
      return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
    });
  const e = c.extent();
  return freeSpot(occupied, { x: (e.x1 + e.x2) / 2, y: (e.y1 + e.y2) / 2 }, NEW_SIZE[kind]);
}

/**
 * Lay out a small graph off screen once, a few seconds after start: WebKit compiles the
 * layout engine (ELK, 2 MB of generated code) on its first use, which otherwise adds about a
 * second to the first diagram the user opens.
 */
export function warmLayoutEngine(): void {
  window.setTimeout(() => {
    const nodes = Array.from({ length: 30 }, (_, i) => ({ data: { id: `w${i}`, ...(i > 3 ? { parent: `w${i % 4}` } : {}) } }));
    const edges = [0, 1, 2].map((i) => ({ data: { id: `we${i}`, source: `w${i}`, target: `w${i + 1}` } }));
    const c = cytoscape({ headless: true, elements: [...nodes, ...edges] });
    const layout = c.layout({
      name: "elk",
      elk: {
        algorithm: "layered",
        "elk.hierarchyHandling": "SEPARATE_CHILDREN",
        "elk.layered.thoroughness": 1,
        "elk.edgeRouting": "POLYLINE",
      },
      nodeLayoutOptions: (n: NodeSingular) => (n.isParent() ? { algorithm: "rectpacking" } : undefined),
    } as cytoscape.LayoutOptions);
    layout.one("layoutstop", () => c.destroy());
    layout.run();
  }, 1500);
}
