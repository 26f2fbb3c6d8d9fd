// Step 1-6: the zone diagram editor. Cytoscape draws zones as containers holding their
// assets, entry points outside and conduits as edges; ELK (elkjs) lays it out; positions
// the user sets are saved in the project (and feed the Excel diagram).
import { BOUNDARY_KINDS, DIRECTIONS, INITIATORS } from "../generated/wire";
import cytoscape, { type Core, type NodeSingular, type EventObject } from "cytoscape";
import elk from "cytoscape-elk";
import svg from "cytoscape-svg";
import { api, errorText } from "../api";
import { catalogue, commit, doc, removeItems, state, toast } from "../app";
import { h, clear } from "../dom";
import { requireName } from "./field-check";
import { fold } from "../choices";
import { t, lang } from "../i18n";
import {
  addItem,
  conduitName,
  moveAsset,
  renameEnd,
  newAsset,
  newChannel,
  newConduit,
  newEntryPoint,
  newZone,
  setChannel,
  setField,
  setPositions,
  toggleBoundary,
  type Channel,
  type Conduit,
  type Direction,
  type Endpoint,
  type Initiator,
  type Project,
} from "../model";
import {
  elements,
  freeSpot,
  layoutConduits,
  nodeId,
  parseNodeId,
  pathConduits,
  readableFontSize,
  unplaced,
  type AttackPath,
  type Box,
} from "../diagram-model";

cytoscape.use(elk);
cytoscape.use(svg);

export const COLLAPSE_ABOVE = 40;
/** A factory with more assets than this opens as an overview: every zone collapsed. */
export const COLLAPSE_ALL_ABOVE = 1500;
/** With more conduits than this, only a breadth-first tree of them steers the layout. */
const LAYOUT_TREE_ABOVE = 150;
/** With more elements than this, pan and zoom move a snapshot and hide edges meanwhile. */
const LARGE_VIEW_ABOVE = 800;
/** On-screen size of zone and entry-point names, whatever the zoom. */
const ZONE_LABEL_PX = 12;
const ENTRY_LABEL_PX = 11;
let cy: Core | null = null;
let connectFrom: string | null = null;

/** The analysis listener of the diagram on screen (one at a time). */
let analysisListener: (() => void) | null = null;

export function disposeDiagram(): void {
  if (analysisListener) document.removeEventListener("analysis", analysisListener);
  analysisListener = null;
  const c = cy;
  cy = null;
  connectFrom = null;
  if (!c) return;
  // A layout still running (ELK works asynchronously) writes positions when it ends:
  // destroying the graph under it threw "renderer.isHeadless" when the user left the diagram
  // right after an edit. Destroy it once the layout has stopped.
  if (Number(c.scratch("otzLayouts") ?? 0) > 0) c.one("layoutstop", () => c.destroy());
  else c.destroy();
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      "min-zoomed-font-size": 6,
      "font-family": "Noto Sans CJK JP, sans-serif",
      "font-size": 11,
      "text-wrap": "wrap",
      "text-overflow-wrap": "anywhere",
      "text-max-width": "120px",
    },
  },
  {
    selector: "node.asset",
    style: {
      shape: "round-rectangle",
      width: 22,
      height: 22,
      "background-color": "#5b7db1",
      "text-valign": "bottom",
      "text-margin-y": 3,
      color: "#1d2733",
    },
  },
  {
    selector: "node.unzoned",
    style: { "background-color": "#b0b7c3", "border-width": 2, "border-style": "dashed", "border-color": "#c0392b" },
  },
  {
    selector: "node.zone",
    style: {
      shape: "round-rectangle",
      "background-color": "#e8f0fb",
      "background-opacity": 1,
      "border-width": 1.5,
      "border-color": "#3d6fb6",
      "text-valign": "top",
      "text-halign": "center",
      "font-weight": "bold",
      color: "#173a6b",
      "min-zoomed-font-size": 0,
      "text-wrap": "ellipsis",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": "2px",
      "text-margin-y": -2,
      padding: "18px",
      "min-width": "110px",
      "min-height": "50px",
    },
  },
  { selector: "node.zone.collapsed", style: { width: 150, height: 60, "text-valign": "center", "background-color": "#d6e4f7" } },
  { selector: "node.zone.important", style: { "border-width": 3, "border-color": "#8e2c2c" } },
  { selector: "node.zone.external", style: { "border-style": "dashed", "background-color": "#f4f4f4" } },
  {
    selector: "node.entry",
    style: {
      shape: "diamond",
      width: 34,
      height: 34,
      "background-color": "#e67e22",
      "text-valign": "center",
      "text-halign": "right",
      "text-margin-x": 4,
      color: "#7a3e00",
      "min-zoomed-font-size": 0,
      "text-wrap": "ellipsis",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": "1px",
    },
  },
  {
    selector: "edge",
    style: {
      width: 2,
      "line-color": "#6b7785",
      "curve-style": "bezier",
      label: "data(label)",
      "font-size": 9,
      "min-zoomed-font-size": 6,
      color: "#3b4550",
      "text-background-color": "#fff",
      "text-background-opacity": 0.8,
      "target-arrow-shape": "none",
    },
  },
  { selector: "edge.unprotected", style: { "line-color": "#c0392b", "line-style": "dashed" } },
  { selector: "edge.path", style: { width: 5, "line-color": "#f39c12", "z-index": 10 } },
  { selector: ":selected", style: { "overlay-color": "#f1c40f", "overlay-opacity": 0.35, "overlay-padding": 4 } },
  { selector: "node.connect-source", style: { "border-width": 4, "border-color": "#27ae60" } },
];

function unprotectedSet(): Set<string> {
  const s = new Set<string>();
  for (const p of (state.analysis?.attack_paths ?? []) as AttackPath[]) for (const c of p.unprotected_conduits) s.add(c);
  return s;
}

function build(container: HTMLElement): Core {
  const p = doc();
  const els = elements(p, {
    collapseAbove: COLLAPSE_ABOVE,
    collapseAllAbove: COLLAPSE_ALL_ABOVE,
    expanded: state.expanded,
    highlight: state.highlight,
    zoneImportance: state.analysis?.zone_importance,
    unprotected: unprotectedSet(),
  });
  const needLayout = unplaced(els).length > 0;
  const c = cytoscape({
    container,
    elements: els as cytoscape.ElementDefinition[],
    style: STYLE,
    layout: { name: "preset" },
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 4,
    textureOnViewport: els.length > LARGE_VIEW_ABOVE,
    hideEdgesOnViewport: els.length > LARGE_VIEW_ABOVE,
  });
  keepLabelsReadable(c);
  if (needLayout) runLayout(c, false);
  else if (state.highlight.size)
    zoomToPath(c); // an attack path shown from the risk view
  else fitView(c);
  if (state.selected) {
    // The selected item (a finding's link, a new item) is selected and in view.
    const sel = c.getElementById(state.selected);
    sel.select();
    if (sel.nonempty() && !needLayout) {
      const box = sel.renderedBoundingBox({ includeLabels: true });
      const inView = box.x1 >= 0 && box.y1 >= 0 && box.x2 <= c.width() && box.y2 <= c.height();
      if (!inView) c.center(sel);
    }
  }
  return c;
}

/**
 * Zone and entry-point names are what a reviewer reads first, so they keep a readable size
 * on screen at any zoom (assets' names appear once zoomed in far enough to fit them). Sizes
 * follow the zoom once a frame at most; in a large view once the zoom has settled, because
 * re-styling hundreds of labels on every frame of a zoom made its frames slow.
 */
function keepLabelsReadable(c: Core): void {
  const large = c.elements().length > LARGE_VIEW_ABOVE;
  let pending: number | undefined;
  const apply = () => {
    pending = undefined;
    if (!c.destroyed()) sizeLabels(c, c.zoom());
  };
  c.on("viewport", () => {
    if (Math.abs(c.zoom() / labelZoom(c) - 1) < 0.02) return;
    if (large) {
      window.clearTimeout(pending);
      pending = window.setTimeout(apply, 400);
    } else if (pending === undefined) pending = requestAnimationFrame(apply);
  });
  // Sized once before the first fit as well: the zones' bounds the fit measures depend on them.
  sizeLabels(c, c.zoom());
}

/** The zoom the labels were last sized for. */
function labelZoom(c: Core): number {
  return Number(c.scratch("otzLabelZoom")) || 1;
}

/**
 * Fit the diagram's nodes into the view, with room above for the zone names (which keep
 * their screen size, so they are not part of what is fitted).
 */
function fitView(c: Core, padding = 24): void {
  const bb = c.elements().boundingBox({ includeLabels: false, includeOverlays: false });
  const top = padding + ZONE_LABEL_PX + 8;
  const w = c.width() - 2 * padding;
  const hgt = c.height() - top - padding;
  if (!(bb.w > 0 && bb.h > 0 && w > 0 && hgt > 0)) {
    c.fit(undefined, padding);
    return;
  }
  const zoom = Math.min(c.maxZoom(), Math.max(c.minZoom(), Math.min(w / bb.w, hgt / bb.h, 1.5)));
  // Names sized for the new zoom at once, in the same frame as the fit.
  sizeLabels(c, zoom);
  c.viewport({
    zoom,
    pan: { x: (c.width() - zoom * (bb.x1 + bb.x2)) / 2, y: top + (hgt - zoom * (bb.y1 + bb.y2)) / 2 },
  });
}

/**
 * Label sizes for a view at `zoom`: zone names stay as wide as their zone at most (ending in
 * "…" when longer; the whole name is on hover and in the side panel), so that names of zones
 * side by side never run into each other.
 */
function sizeLabels(c: Core, zoom: number): void {
  c.scratch("otzLabelZoom", zoom);
  const zoneFont = readableFontSize(zoom, ZONE_LABEL_PX);
  const entryFont = readableFontSize(zoom, ENTRY_LABEL_PX);
  c.batch(() => {
    c.nodes(".zone").forEach((z) => {
      z.style({ "font-size": zoneFont, "text-max-width": `${Math.max(z.outerWidth(), 2 * zoneFont)}px` });
    });
    c.nodes(".entry").style({ "font-size": entryFont, "text-max-width": `${9 * entryFont}px` });
  });
}

/** ELK layered layout; positions are saved as one undoable edit when `save`. */
export function runLayout(c: Core, save: boolean): Promise<number> {
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
      if (c === cy) {
        fitView(c);
        if (save) commit(setPositions(doc(), leafPositions(c)), t("ui.diagram.layout"), false);
      }
      resolve(ms);
    });
    layout.run();
  });
}

function leafPositions(c: Core): Array<{ coll: "assets" | "zones" | "entry_points"; id: string; pos: { x: number; y: number } }> {
  const out: Array<{ coll: "assets" | "zones" | "entry_points"; id: string; pos: { x: number; y: number } }> = [];
  c.nodes().forEach((n) => {
    const r = parseNodeId(n.id());
    if (!r || r.coll === "conduits") return;
    if (r.coll === "zones" && n.isParent()) return;
    out.push({ coll: r.coll, id: r.id, pos: n.position() });
  });
  return out;
}

function zoneAt(c: Core, pos: { x: number; y: number }, except: string): string | undefined {
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

function endpointOf(id: string): Endpoint | null {
  const r = parseNodeId(id);
  if (r?.coll === "zones") return { zone: r.id };
  if (r?.coll === "entry_points") return { entry: r.id };
  return null;
}

async function addConduitBetween(a: string, b: string): Promise<void> {
  const from = endpointOf(a);
  const to = endpointOf(b);
  if (!from || !to || a === b) {
    toast(t("ui.diagram.connect_invalid"), true);
    return;
  }
  const conduit = newConduit("", from, to);
  conduit.name = conduitName(doc(), conduit);
  try {
    const w = await api.whatIf(doc(), { kind: "add_conduit", conduit });
    toast(t("ui.whatif.conduit", { risks: w.risks.length, paths: w.paths.length }));
  } catch (e) {
    toast(errorText(e), true);
  }
  state.selected = nodeId.conduit(conduit.id);
  commit(addItem(doc(), "conduits", conduit), t("ui.diagram.add_conduit"));
}

function centre(): { x: number; y: number } {
  if (!cy) return { x: 0, y: 0 };
  const e = cy.extent();
  return { x: (e.x1 + e.x2) / 2, y: (e.y1 + e.y2) / 2 };
}

/** The highlighted attack path, with the zones and entry points it joins, fills the view. */
function zoomToPath(c: Core): void {
  const edges = c.edges(".path");
  if (edges.empty()) return;
  c.animate({ fit: { eles: edges.union(edges.connectedNodes()), padding: 48 } }, { duration: 250 });
}

/** Sizes a new item takes on the diagram (an empty zone is drawn as a box of about this size). */
const NEW_SIZE = { zones: { w: 180, h: 110 }, entry_points: { w: 80, h: 70 }, assets: { w: 140, h: 56 } };

/** A free place near the view's centre for a new item: never on top of what is there. */
function placeNew(kind: keyof typeof NEW_SIZE): { x: number; y: number } {
  if (!cy) return { x: 0, y: 0 };
  const occupied: Box[] = cy
    .nodes()
    .orphans()
    .map((n) => {
      const b = n.boundingBox({ includeLabels: true });
      return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
    });
  return freeSpot(occupied, centre(), NEW_SIZE[kind]);
}

export function renderDiagram(el: HTMLElement): void {
  disposeDiagram();
  const p = doc();
  const canvas = h("div", { class: "diagram", id: "diagram" });
  const panel = h("aside", { class: "side-panel", id: "side-panel" });
  const connect = h("button", { id: "btn-connect", class: connectFrom ? "on" : "" }, t("ui.diagram.connect"));
  const pathSelect = h("select", { id: "path-select", "aria-label": t("ui.paths") }, h("option", { value: "" }, t("ui.diagram.no_path")));
  const paths = (state.analysis?.attack_paths ?? []) as AttackPath[];
  const zoneName = (id: string) => p.zones.find((z) => z.id === id)?.name ?? id;
  const entryName = (id: string) => p.entry_points.find((z) => z.id === id)?.name ?? id;
  paths.forEach((ap, i) => {
    if (!ap.reachable) return;
    const key = `${ap.entry}>${ap.target_zone}`;
    pathSelect.append(
      h(
        "option",
        { value: String(i), selected: key === state.pathKey },
        `${entryName(ap.entry)} → ${zoneName(ap.target_zone)} (${ap.hops ?? "-"})`,
      ),
    );
  });
  pathSelect.addEventListener("change", () => {
    const i = pathSelect.value;
    const ap = i === "" ? null : paths[Number(i)];
    state.highlight = ap ? pathConduits([ap]) : new Set();
    state.pathKey = ap ? `${ap.entry}>${ap.target_zone}` : null;
    cy?.edges().forEach((e) => {
      const r = parseNodeId(e.id());
      e.toggleClass("path", !!r && state.highlight.has(r.id));
    });
    if (cy) zoomToPath(cy);
  });
  el.append(
    h(
      "div",
      { class: "toolbar" },
      h("h1", { class: "inline" }, `1-6 ${t("ui.step.1-6")}`),
      h("button", { id: "btn-layout", onclick: () => cy && void runLayout(cy, true) }, t("ui.diagram.auto_layout")),
      h("button", { id: "btn-fit", onclick: () => cy && fitView(cy) }, t("ui.diagram.fit")),
      h(
        "button",
        {
          onclick: () => cy?.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 } }),
        },
        "+",
      ),
      h(
        "button",
        {
          onclick: () => cy?.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 } }),
        },
        "−",
      ),
      h("span", { class: "sep" }),
      h(
        "button",
        {
          id: "btn-add-zone",
          onclick: () => {
            const z = { ...newZone(t("ui.new_zone")), position: placeNew("zones") };
            state.selected = nodeId.zone(z.id);
            nameNew = true;
            commit(addItem(doc(), "zones", z), t("ui.diagram.add_zone"));
          },
        },
        `+ ${t("xl.col.zone")}`,
      ),
      h(
        "button",
        {
          id: "btn-add-entry",
          onclick: () => {
            const e = { ...newEntryPoint(t("ui.new_entry"), "internet"), position: placeNew("entry_points") };
            state.selected = nodeId.entry(e.id);
            nameNew = true;
            commit(addItem(doc(), "entry_points", e), t("ui.diagram.add_entry"));
          },
        },
        `+ ${t("xl.col.entry")}`,
      ),
      h(
        "button",
        {
          id: "btn-add-asset",
          onclick: () => {
            const a = { ...newAsset(t("ui.new_asset"), "other"), position: placeNew("assets") };
            state.selected = nodeId.asset(a.id);
            nameNew = true;
            commit(addItem(doc(), "assets", a), t("ui.diagram.add_asset"));
          },
        },
        `+ ${t("xl.col.asset")}`,
      ),
      connect,
      h("span", { class: "sep" }),
      pathSelect,
      h("span", { class: "sep" }),
      h("button", { id: "btn-png", onclick: () => void exportImage("png") }, "PNG"),
      h("button", { id: "btn-svg", onclick: () => void exportImage("svg") }, "SVG"),
    ),
    h("div", { class: "diagram-wrap" }, canvas, panel),
    h("p", { class: "hint" }, t("ui.diagram.help", { n: COLLAPSE_ABOVE, all: COLLAPSE_ALL_ABOVE })),
  );
  connect.addEventListener("click", () => {
    connectFrom = connectFrom === null ? "" : null;
    connect.classList.toggle("on", connectFrom !== null);
    cy?.nodes().removeClass("connect-source");
    if (connectFrom !== null) toast(t("ui.diagram.connect_hint"));
  });
  requestAnimationFrame(() => {
    if (!canvas.isConnected) return;
    cy = build(canvas);
    const c = cy;
    // The end-to-end test reads rendered positions to click nodes like a user.
    (window as unknown as { __otzoneCy: Core }).__otzoneCy = c;
    c.on("tap", "node", (e: EventObject) => {
      const n = e.target as NodeSingular;
      if (connectFrom !== null) {
        if (!connectFrom) {
          connectFrom = n.id();
          n.addClass("connect-source");
        } else {
          const from = connectFrom;
          connectFrom = null;
          void addConduitBetween(from, n.id());
        }
        return;
      }
      state.selected = n.id();
      renderPanel(panel);
    });
    // Names too small to draw at this zoom (assets, conduits) show on hover.
    c.on("mouseover", "node, edge", (e: EventObject) => {
      canvas.title = String(e.target.data("label") ?? "");
    });
    c.on("mouseout", "node, edge", () => {
      canvas.title = "";
    });
    c.on("tap", "edge", (e: EventObject) => {
      state.selected = e.target.id();
      renderPanel(panel);
    });
    c.on("tap", (e: EventObject) => {
      if (e.target === c) {
        state.selected = null;
        renderPanel(panel);
      }
    });
    c.on("dbltap", "node.zone", (e: EventObject) => {
      const r = parseNodeId(e.target.id());
      if (!r) return;
      if (state.expanded.has(r.id)) state.expanded.delete(r.id);
      else state.expanded.add(r.id);
      renderDiagram(clearAndReturn(el));
    });
    c.on("dragfree", "node", (e: EventObject) => {
      const n = e.target as NodeSingular;
      const r = parseNodeId(n.id());
      if (!r) return;
      const moved = new Set<string>([n.id(), ...n.descendants().map((x) => x.id())]);
      const nodeKey = (x: { coll: string; id: string }) =>
        x.coll === "assets" ? nodeId.asset(x.id) : x.coll === "zones" ? nodeId.zone(x.id) : nodeId.entry(x.id);
      let next: Project = setPositions(
        doc(),
        leafPositions(c).filter((x) => moved.has(nodeKey(x))),
      );
      let label = t("ui.diagram.move");
      if (r.coll === "assets") {
        const target = zoneAt(c, n.position(), n.id());
        const current = n.parent().length ? n.parent().first().id() : undefined;
        if (target && target !== current) {
          next = moveAsset(next, r.id, parseNodeId(target)!.id);
          label = t("ui.diagram.move_into", { zone: String(c.getElementById(target).data("label")) });
          state.selected = n.id();
          commit(next, label);
          return;
        }
      }
      commit(next, label, false);
    });
    renderPanel(panel);
  });
  // Derived marks follow every analysis: unprotected conduits, zones of importance 3 (red
  // border), and the importance figures in the side panel.
  const onAnalysis = () => {
    if (!cy) return;
    const un = unprotectedSet();
    cy.edges().forEach((e) => {
      const r = parseNodeId(e.id());
      e.toggleClass("unprotected", !!r && un.has(r.id));
    });
    const imp = state.analysis?.zone_importance ?? {};
    cy.nodes(".zone").forEach((n) => {
      const r = parseNodeId(n.id());
      n.toggleClass("important", !!r && imp[r.id] === 3);
    });
    // The side panel shows importance only for an asset or a zone: only those are redrawn
    // (redrawing a conduit's panel under the user's next click lost the click).
    const focused = panel.contains(document.activeElement);
    const kind = state.selected ? parseNodeId(state.selected)?.coll : undefined;
    if (!focused && (kind === "assets" || kind === "zones")) renderPanel(panel);
  };
  analysisListener = onAnalysis;
  document.addEventListener("analysis", onAnalysis);
}

function clearAndReturn(el: HTMLElement): HTMLElement {
  clear(el);
  return el;
}

function input(id: string, value: string, onChange: (v: string) => void): HTMLInputElement {
  const i = h("input", { id, type: "text", value, maxlength: 2000 });
  i.addEventListener("change", () => onChange(i.value));
  return i;
}
/** The item just added from the toolbar: its name field opens selected, ready for typing. */
let nameNew = false;

/**
 * A required name (zone, asset, entry point, conduit): blank is refused at the field, and so is
 * a name another item of `coll` has (names are how items are chosen and pasted).
 */
function nameInput(
  label: string,
  value: string,
  onChange: (v: string) => void,
  coll?: "zones" | "assets" | "entry_points",
  id?: string,
): HTMLElement {
  const i = h("input", { id: "panel-name", type: "text", value, maxlength: 2000 });
  const box = h("label", { class: "required" }, h("span", {}, label), i);
  const taken = (v: string) =>
    !!coll &&
    ((doc()[coll] as Array<{ id: string; name?: unknown }>) ?? []).some((x) => x.id !== id && fold(String(x.name ?? "")) === fold(v));
  requireName(i, label, onChange, taken);
  if (nameNew) {
    nameNew = false;
    // The field on screen then: an analysis arriving first redraws the panel with a new one.
    window.setTimeout(() => {
      const now = (i.id && document.getElementById(i.id)) || i;
      if (now instanceof HTMLInputElement) {
        now.focus();
        now.select();
      }
    }, 0);
  }
  return box;
}
function select(id: string, options: Array<[string, string]>, value: string, onChange: (v: string) => void): HTMLSelectElement {
  const s = h("select", { id }, ...options.map(([v, l]) => h("option", { value: v, selected: v === value }, l)));
  s.addEventListener("change", () => onChange(s.value));
  return s;
}

function renderPanel(panel: HTMLElement): void {
  clear(panel);
  const sel = state.selected ? parseNodeId(state.selected) : null;
  const p = doc();
  if (!sel) {
    panel.append(h("h3", {}, t("ui.diagram.nothing_selected")), h("p", { class: "hint" }, t("ui.diagram.select_hint")));
    return;
  }
  const del = (coll: "assets" | "zones" | "entry_points" | "conduits") =>
    h(
      "button",
      {
        class: "danger",
        id: "btn-delete",
        onclick: () => {
          state.selected = null;
          void removeItems(coll, [sel.id]);
        },
      },
      t("ui.delete"),
    );
  const zoneOpts: Array<[string, string]> = [["", "—"], ...p.zones.map((z) => [z.id, z.name] as [string, string])];
  const endOpts: Array<[string, string]> = [
    ...p.zones.map((z) => [`zone:${z.id}`, z.name] as [string, string]),
    ...p.entry_points.map((e) => [`entry:${e.id}`, `◆ ${e.name}`] as [string, string]),
  ];
  const endVal = (e: Endpoint) => ("zone" in e ? `zone:${e.zone}` : `entry:${e.entry}`);
  const endParse = (v: string): Endpoint => (v.startsWith("zone:") ? { zone: v.slice(5) } : { entry: v.slice(6) });
  if (sel.coll === "assets") {
    const a = p.assets.find((x) => x.id === sel.id);
    if (!a) return;
    const imp = state.analysis?.asset_importance[a.id];
    panel.append(
      h("h3", {}, t("xl.col.asset")),
      nameInput(t("xl.col.asset"), a.name, (v) => commit(setField(doc(), "assets", a.id, "name", v), t("xl.col.asset")), "assets", a.id),
      h(
        "label",
        {},
        t("xl.col.asset_type"),
        select(
          "panel-type",
          (catalogue().asset_types as Array<Record<string, unknown>>).map((x) => [String(x.id), String(x[lang()])]),
          a.asset_type,
          (v) => commit(setField(doc(), "assets", a.id, "asset_type", v), t("xl.col.asset_type")),
        ),
      ),
      h(
        "label",
        {},
        t("xl.col.zone"),
        select("panel-zone", zoneOpts, a.zone ?? "", (v) =>
          commit(moveAsset(doc(), a.id, v || undefined), t("ui.diagram.move_into", { zone: p.zones.find((z) => z.id === v)?.name ?? "—" })),
        ),
      ),
      h("p", {}, `${t("xl.col.importance")}: ${imp ?? "—"}`),
      del("assets"),
    );
  } else if (sel.coll === "zones") {
    const z = p.zones.find((x) => x.id === sel.id);
    if (!z) return;
    const n = p.assets.filter((a) => a.zone === z.id).length;
    panel.append(
      h("h3", {}, t("xl.col.zone")),
      nameInput(t("xl.col.zone"), z.name, (v) => commit(renameEnd(doc(), "zones", z.id, v), t("xl.col.zone")), "zones", z.id),
      // SL-T as recorded (unset shows "—", as on 2-1 and in the file; not a made-up 2).
      h(
        "label",
        {},
        t("xl.col.sl_t"),
        select(
          "panel-slt",
          [["", "—"], ...["1", "2", "3", "4"].map((x) => [x, x] as [string, string])],
          z.sl_t === undefined || z.sl_t === null ? "" : String(Array.isArray(z.sl_t) ? Math.max(...z.sl_t) : z.sl_t),
          (v) => commit(setField(doc(), "zones", z.id, "sl_t", v === "" ? undefined : Number(v)), t("xl.col.sl_t")),
        ),
      ),
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          id: "panel-external",
          checked: !!z.external,
          onchange: (e: Event) =>
            commit(setField(doc(), "zones", z.id, "external", (e.target as HTMLInputElement).checked), t("xl.col.external")),
        }),
        t("xl.col.external"),
      ),
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          id: "panel-safety",
          checked: !!z.safety,
          onchange: (e: Event) =>
            commit(setField(doc(), "zones", z.id, "safety", (e.target as HTMLInputElement).checked), t("ui.zone.safety")),
        }),
        t("ui.zone.safety"),
      ),
      h("p", {}, `${t("xl.col.asset_count")}: ${n} · ${t("xl.col.importance")}: ${state.analysis?.zone_importance[z.id] ?? "—"}`),
      n > COLLAPSE_ABOVE
        ? h(
            "button",
            {
              onclick: () => {
                if (state.expanded.has(z.id)) state.expanded.delete(z.id);
                else state.expanded.add(z.id);
                const host = panel.closest("main");
                if (host) {
                  clear(host);
                  renderDiagram(host as HTMLElement);
                }
              },
            },
            state.expanded.has(z.id) ? t("ui.diagram.collapse") : t("ui.diagram.expand"),
          )
        : "",
      del("zones"),
    );
  } else if (sel.coll === "entry_points") {
    const e = p.entry_points.find((x) => x.id === sel.id);
    if (!e) return;
    panel.append(
      h("h3", {}, t("xl.col.entry")),
      nameInput(
        t("xl.col.entry"),
        e.name,
        (v) => commit(renameEnd(doc(), "entry_points", e.id, v), t("xl.col.entry")),
        "entry_points",
        e.id,
      ),
      h(
        "label",
        {},
        t("xl.col.entry_kind"),
        select(
          "panel-kind",
          (catalogue().entry_kinds as Array<Record<string, unknown>>).map((x) => [String(x.id), String(x[lang()] ?? x.id)]),
          e.kind,
          (v) => commit(setField(doc(), "entry_points", e.id, "kind", v), t("xl.col.entry_kind")),
        ),
      ),
      del("entry_points"),
    );
  } else if (sel.coll === "conduits") {
    const c = p.conduits.find((x) => x.id === sel.id);
    if (!c) return;
    const on = new Set((c.boundary ?? []).map((b) => b.kind));
    panel.append(
      h("h3", {}, t("xl.col.conduit")),
      nameInput(t("xl.col.conduit"), c.name, (v) => commit(setField(doc(), "conduits", c.id, "name", v), t("xl.col.conduit"))),
      h(
        "label",
        {},
        t("xl.col.from"),
        select("panel-from", endOpts, endVal(c.from), (v) =>
          commit(setField(doc(), "conduits", c.id, "from", endParse(v)), t("xl.col.from")),
        ),
      ),
      h(
        "label",
        {},
        t("xl.col.to"),
        select("panel-to", endOpts, endVal(c.to), (v) => commit(setField(doc(), "conduits", c.id, "to", endParse(v)), t("xl.col.to"))),
      ),
      h(
        "fieldset",
        { class: "boundary", id: "panel-boundary" },
        h("legend", {}, t("xl.col.boundary")),
        ...BOUNDARY_KINDS.map((k) =>
          h(
            "label",
            { class: "check" },
            h("input", {
              type: "checkbox",
              "data-kind": k,
              checked: on.has(k),
              onchange: (e: Event) => commit(toggleBoundary(doc(), c.id, k, (e.target as HTMLInputElement).checked), t("xl.col.boundary")),
            }),
            t(`xl.boundary.${k}`),
          ),
        ),
      ),
      // What the engine and the workbook use: a temporary or wireless link, and one the
      // delivery introduces (the customer's network-impact check, 顧客NW影響確認).
      h(
        "fieldset",
        { class: "boundary", id: "panel-conduit-flags" },
        h("legend", {}, t("ui.conduit.flags")),
        ...(["temporary", "wireless", "introduced_by_delivery"] as const).map((k) =>
          h(
            "label",
            { class: "check" },
            h("input", {
              type: "checkbox",
              "data-flag": k,
              checked: !!(c as unknown as Record<string, unknown>)[k],
              onchange: (e: Event) =>
                commit(setField(doc(), "conduits", c.id, k, (e.target as HTMLInputElement).checked), t(`ui.conduit.${k}`)),
            }),
            t(`ui.conduit.${k}`),
          ),
        ),
      ),
      channelEditor(c),
      del("conduits"),
    );
  }
}

interface CatalogueProtocol {
  id: string;
  name: string;
  ports: string;
}

/**
 * A channel's protocol: the catalogue's protocols offered by name (Modbus/TCP), typed as the
 * name or the id in any case or width, and stored as the id (modbus_tcp) with its usual port
 * filled in when the channel has none yet. A protocol the catalogue lacks is kept as typed.
 */
function protocolInput(i: number, ch: Channel, known: CatalogueProtocol[], onChange: (next: Channel) => void): HTMLElement {
  const shown = known.find((x) => x.id === ch.protocol)?.name ?? ch.protocol ?? "";
  // Matched ignoring case, width and punctuation: "Modbus TCP", "modbus_tcp", "ＭＯＤＢＵＳ/ＴＣＰ".
  const key = (s: string) => fold(s).replace(/[^\p{L}\p{N}]/gu, "");
  const el = input(`panel-ch-${i}-protocol`, shown, (v) => {
    const hit = known.find((x) => key(x.name) === key(v) || key(x.id) === key(v));
    const protocol = hit?.id ?? v.trim();
    // The port follows the protocol while it is the previous protocol's usual one (or empty);
    // a port the user typed stays.
    const before = known.find((x) => x.id === ch.protocol)?.ports ?? "";
    const port = (ch.port ?? "").trim();
    onChange({ ...ch, protocol, port: !port || port === before ? (hit?.ports ?? "") : ch.port });
    if (!hit && protocol) toast(t("ui.channel.unknown_protocol", { name: protocol }));
  });
  el.setAttribute("list", PROTOCOL_LIST);
  if (focusProtocol === i) {
    // The channel just added: its protocol is what the user types next.
    focusProtocol = null;
    window.setTimeout(() => el.focus(), 0);
  }
  return h("span", { class: "protocol" }, el);
}

/** The channel just added, whose protocol field takes the focus once drawn. */
let focusProtocol: number | null = null;

/** Id of the one list of catalogue protocols every channel's protocol field offers. */
const PROTOCOL_LIST = "panel-protocols";

/** The conduit's channels, each editable: protocol, port, direction, who starts, purpose. */
function channelEditor(c: Conduit): HTMLElement {
  const channels = c.channels ?? [];
  const edit = (i: number, ch: Channel | null) => commit(setChannel(doc(), c.id, i, ch), t("ui.channel.edit"));
  const known = (catalogue().protocols ?? []) as CatalogueProtocol[];
  const box = h(
    "fieldset",
    { class: "channels", id: "panel-channels" },
    h("legend", {}, t("xl.col.channels")),
    h("datalist", { id: PROTOCOL_LIST }, ...known.map((x) => h("option", { value: x.name }, x.ports ? `${x.name} (${x.ports})` : x.name))),
  );
  if (channels.length === 0) box.append(h("p", { class: "hint" }, t("ui.channel.none")));
  channels.forEach((ch, i) => {
    const field = <K extends keyof Channel>(k: K, v: Channel[K]) => edit(i, { ...ch, [k]: v });
    const tick = (k: "encrypted" | "authenticated") =>
      h(
        "label",
        { class: "check" },
        h("input", { type: "checkbox", checked: !!ch[k], onchange: (e: Event) => field(k, (e.target as HTMLInputElement).checked) }),
        t(`ui.channel.${k}`),
      );
    box.append(
      h(
        "div",
        { class: "channel", "data-index": String(i) },
        h(
          "div",
          { class: "channel-row" },
          h(
            "label",
            {},
            t("xl.col.protocols"),
            protocolInput(i, ch, known, (next) => edit(i, next)),
          ),
          h(
            "label",
            { class: "port" },
            t("ui.channel.port"),
            input(`panel-ch-${i}-port`, ch.port ?? "", (v) => field("port", v.trim())),
          ),
        ),
        h(
          "div",
          { class: "channel-row" },
          h(
            "label",
            {},
            t("ui.channel.direction"),
            select(
              `panel-ch-${i}-direction`,
              DIRECTIONS.map((d) => [d, t(`ui.channel.dir.${d}`)]),
              ch.direction ?? "forward",
              (v) => field("direction", v as Direction),
            ),
          ),
          h(
            "label",
            {},
            t("ui.channel.initiator"),
            select(
              `panel-ch-${i}-initiator`,
              INITIATORS.map((d) => [d, t(`xl.init.${d}`)]),
              ch.initiator ?? "from",
              (v) => field("initiator", v as Initiator),
            ),
          ),
        ),
        h(
          "label",
          {},
          t("xl.col.purpose"),
          input(`panel-ch-${i}-purpose`, ch.purpose ?? "", (v) => field("purpose", v)),
        ),
        h(
          "div",
          { class: "channel-row" },
          tick("encrypted"),
          tick("authenticated"),
          h("button", { class: "link danger", title: t("ui.channel.remove"), onclick: () => edit(i, null) }, t("ui.channel.remove")),
        ),
      ),
    );
  });
  box.append(
    h(
      "button",
      {
        id: "panel-add-channel",
        onclick: () => {
          focusProtocol = channels.length;
          edit(channels.length, newChannel());
        },
      },
      `+ ${t("ui.channel.add")}`,
    ),
  );
  return box;
}

async function exportImage(kind: "png" | "svg"): Promise<void> {
  if (!cy) return;
  const c = cy;
  try {
    let bytes: Uint8Array;
    // The image shows the whole diagram at its own scale, so names at their own size too.
    sizeLabels(c, 1);
    try {
      if (kind === "png") {
        const blob = c.png({ full: true, output: "blob", bg: "#ffffff", scale: 2 }) as unknown as Blob;
        bytes = new Uint8Array(await blob.arrayBuffer());
      } else {
        const text = (c as unknown as { svg: (o: object) => string }).svg({ full: true, bg: "#ffffff" });
        bytes = new TextEncoder().encode(text);
      }
    } finally {
      if (!c.destroyed()) sizeLabels(c, c.zoom());
    }
    const path = await api.saveImage(kind, Array.from(bytes));
    if (path) toast(t("ui.saved", { file: path }));
  } catch (e) {
    toast(errorText(e), true);
  }
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
