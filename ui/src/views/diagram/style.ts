// How the diagram looks: its stylesheet, and names that keep a readable size at any zoom.
import cytoscape, { type Core } from "cytoscape";
import { readableFontSize } from "../../diagram-model";

/** With more elements than this, pan and zoom move a snapshot and hide edges meanwhile. */
export const LARGE_VIEW_ABOVE = 800;
/** On-screen size of zone and entry-point names, whatever the zoom. */
const ZONE_LABEL_PX = 12;
const ENTRY_LABEL_PX = 11;

export const STYLE: cytoscape.StylesheetJson = [
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

/**
 * Zone and entry-point names are what a reviewer reads first, so they keep a readable size
 * on screen at any zoom (assets' names appear once zoomed in far enough to fit them). Sizes
 * follow the zoom once a frame at most; in a large view once the zoom has settled, because
 * re-styling hundreds of labels on every frame of a zoom made its frames slow.
 */
export function keepLabelsReadable(c: Core): void {
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
export function fitView(c: Core, padding = 24): void {
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
export function sizeLabels(c: Core, zoom: number): void {
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
