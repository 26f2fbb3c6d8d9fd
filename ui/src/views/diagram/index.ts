// Step 1-6: the zone diagram editor, one component with a create / update / destroy life
// cycle (ZoneDiagram). Cytoscape draws zones as containers holding their
// assets, entry points outside and conduits as edges; ELK (elkjs) lays it out; positions
// the user sets are saved in the project (and feed the Excel diagram).
import cytoscape, { type Core, type NodeSingular, type EventObject } from "cytoscape";
import elk from "cytoscape-elk";
import svg from "cytoscape-svg";
import { api, errorText } from "../../api";
import { commit, doc, state, toast } from "../../app";
import { h } from "../../dom";
import { t } from "../../i18n";
import {
  addItem,
  conduitName,
  moveAsset,
  newAsset,
  newConduit,
  newEntryPoint,
  newZone,
  setPositions,
  type Endpoint,
  type Project,
} from "../../model";
import { elements, nodeId, parseNodeId, pathConduits, unplaced, type AttackPath } from "../../diagram-model";
import { COLLAPSE_ABOVE, COLLAPSE_ALL_ABOVE } from "./limits";
import { STYLE, LARGE_VIEW_ABOVE, fitView, keepLabelsReadable } from "./style";
import { leafPositions, placeNew, runLayout, zoneAt, zoomToPath } from "./layout";
import { clearAndReturn, nameNextNew, renderPanel } from "./panel";
import { exportImage } from "./image";

export { COLLAPSE_ABOVE, COLLAPSE_ALL_ABOVE } from "./limits";
export { warmLayoutEngine } from "./layout";

cytoscape.use(elk);
cytoscape.use(svg);

function unprotectedSet(): Set<string> {
  const s = new Set<string>();
  for (const p of (state.analysis?.attack_paths ?? []) as AttackPath[]) for (const c of p.unprotected_conduits) s.add(c);
  return s;
}

function build(container: HTMLElement, isCurrent: (c: Core) => boolean): Core {
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
  if (needLayout) runLayout(c, false, () => isCurrent(c));
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

/**
 * The diagram on screen: created into an element, updated after each analysis (unprotected
 * conduits, important zones, the panel's figures), destroyed when the user leaves it or it is
 * drawn anew. Its graph, the conduit being drawn and its listener live and go with it.
 */
class ZoneDiagram {
  private cy: Core | null = null;
  /** Drawing a conduit: null when not, "" before its first end is chosen, else that end. */
  private connectFrom: string | null = null;
  private analysisListener: (() => void) | null = null;

  /** Draw the diagram, its toolbar and its side panel into `el`. */
  create(el: HTMLElement): void {
    const p = doc();
    const canvas = h("div", { class: "diagram", id: "diagram" });
    const panel = h("aside", { class: "side-panel", id: "side-panel" });
    const connect = h("button", { id: "btn-connect", class: this.connectFrom !== null ? "on" : "" }, t("ui.diagram.connect"));
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
      this.cy?.edges().forEach((e) => {
        const r = parseNodeId(e.id());
        e.toggleClass("path", !!r && state.highlight.has(r.id));
      });
      if (this.cy) zoomToPath(this.cy);
    });
    el.append(
      h(
        "div",
        { class: "toolbar" },
        h("h1", { class: "inline" }, `1-6 ${t("ui.step.1-6")}`),
        h("button", { id: "btn-layout", onclick: () => this.layout() }, t("ui.diagram.auto_layout")),
        h("button", { id: "btn-fit", onclick: () => this.cy && fitView(this.cy) }, t("ui.diagram.fit")),
        h(
          "button",
          {
            onclick: () =>
              this.cy?.zoom({ level: this.cy.zoom() * 1.25, renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 } }),
          },
          "+",
        ),
        h(
          "button",
          {
            onclick: () =>
              this.cy?.zoom({ level: this.cy.zoom() / 1.25, renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 } }),
          },
          "−",
        ),
        h("span", { class: "sep" }),
        h(
          "button",
          {
            id: "btn-add-zone",
            onclick: () => {
              const z = { ...newZone(t("ui.new_zone")), position: this.placeNew("zones") };
              state.selected = nodeId.zone(z.id);
              nameNextNew();
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
              const e = { ...newEntryPoint(t("ui.new_entry"), "internet"), position: this.placeNew("entry_points") };
              state.selected = nodeId.entry(e.id);
              nameNextNew();
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
              const a = { ...newAsset(t("ui.new_asset"), "other"), position: this.placeNew("assets") };
              state.selected = nodeId.asset(a.id);
              nameNextNew();
              commit(addItem(doc(), "assets", a), t("ui.diagram.add_asset"));
            },
          },
          `+ ${t("xl.col.asset")}`,
        ),
        connect,
        h("span", { class: "sep" }),
        pathSelect,
        h("span", { class: "sep" }),
        h("button", { id: "btn-png", onclick: () => this.cy && void exportImage(this.cy, "png") }, "PNG"),
        h("button", { id: "btn-svg", onclick: () => this.cy && void exportImage(this.cy, "svg") }, "SVG"),
      ),
      h("div", { class: "diagram-wrap" }, canvas, panel),
      h("p", { class: "hint" }, t("ui.diagram.help", { n: COLLAPSE_ABOVE, all: COLLAPSE_ALL_ABOVE })),
    );
    connect.addEventListener("click", () => {
      this.connectFrom = this.connectFrom === null ? "" : null;
      connect.classList.toggle("on", this.connectFrom !== null);
      this.cy?.nodes().removeClass("connect-source");
      if (this.connectFrom !== null) toast(t("ui.diagram.connect_hint"));
    });
    requestAnimationFrame(() => {
      if (!canvas.isConnected) return;
      const c = build(canvas, (x) => this.cy === x);
      this.cy = c;
      // The end-to-end test reads rendered positions to click nodes like a user.
      (window as unknown as { __otzoneCy: Core }).__otzoneCy = c;
      c.on("tap", "node", (e: EventObject) => {
        const n = e.target as NodeSingular;
        if (this.connectFrom !== null) {
          if (!this.connectFrom) {
            this.connectFrom = n.id();
            n.addClass("connect-source");
          } else {
            const from = this.connectFrom;
            this.connectFrom = null;
            void addConduitBetween(from, n.id());
          }
          return;
        }
        state.selected = n.id();
        renderPanel(panel, renderDiagram);
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
        renderPanel(panel, renderDiagram);
      });
      c.on("tap", (e: EventObject) => {
        if (e.target === c) {
          state.selected = null;
          renderPanel(panel, renderDiagram);
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
      renderPanel(panel, renderDiagram);
    });
    const onAnalysis = () => this.update(panel);
    this.analysisListener = onAnalysis;
    document.addEventListener("analysis", onAnalysis);
  }

  /** Derived marks follow every analysis: unprotected conduits, zones of importance 3 (red
   * border), and the importance figures in the side panel. */
  update(panel: HTMLElement): void {
    const c = this.cy;
    if (!c) return;
    const un = unprotectedSet();
    c.edges().forEach((e) => {
      const r = parseNodeId(e.id());
      e.toggleClass("unprotected", !!r && un.has(r.id));
    });
    const imp = state.analysis?.zone_importance ?? {};
    c.nodes(".zone").forEach((n) => {
      const r = parseNodeId(n.id());
      n.toggleClass("important", !!r && imp[r.id] === 3);
    });
    // The side panel shows importance only for an asset or a zone: only those are redrawn
    // (redrawing a conduit's panel under the user's next click lost the click).
    const focused = panel.contains(document.activeElement);
    const kind = state.selected ? parseNodeId(state.selected)?.coll : undefined;
    if (!focused && (kind === "assets" || kind === "zones")) renderPanel(panel, renderDiagram);
  }

  /** Remove the graph and the listener. */
  destroy(): void {
    if (this.analysisListener) document.removeEventListener("analysis", this.analysisListener);
    this.analysisListener = null;
    const c = this.cy;
    this.cy = null;
    this.connectFrom = null;
    if (!c) return;
    // A layout still running (ELK works asynchronously) writes positions when it ends:
    // destroying the graph under it threw "renderer.isHeadless" when the user left the diagram
    // right after an edit. Destroy it once the layout has stopped.
    if (Number(c.scratch("otzLayouts") ?? 0) > 0) c.one("layoutstop", () => c.destroy());
    else c.destroy();
  }

  /** The automatic layout, saved as one undoable edit. */
  private layout(): void {
    const c = this.cy;
    if (c) void runLayout(c, true, () => this.cy === c);
  }

  /** A free place near the view's centre for a new item. */
  private placeNew(kind: "zones" | "entry_points" | "assets"): { x: number; y: number } {
    return this.cy ? placeNew(this.cy, kind) : { x: 0, y: 0 };
  }
}

/** The diagram on screen, if any. */
let current: ZoneDiagram | null = null;

/** Draw the diagram into `el` (the one drawn before is destroyed first). */
export function renderDiagram(el: HTMLElement): void {
  disposeDiagram();
  current = new ZoneDiagram();
  current.create(el);
}

/** Destroy the diagram on screen. */
export function disposeDiagram(): void {
  current?.destroy();
  current = null;
}
