// The side panel: what is selected on the diagram, its fields, and its delete button.
import { BOUNDARY_KINDS } from "../../generated/wire";
import { catalogue, commit, doc, removeItems, state } from "../../app";
import { h, clear } from "../../dom";
import { requireName } from "../field-check";
import { fold } from "../../choices";
import { t, lang } from "../../i18n";
import { moveAsset, renameEnd, setField, toggleBoundary, type Endpoint } from "../../model";
import { parseNodeId } from "../../diagram-model";
import { COLLAPSE_ABOVE } from "./limits";
import { channelEditor } from "./channels";
import { select } from "./fields";

export function clearAndReturn(el: HTMLElement): HTMLElement {
  clear(el);
  return el;
}

/** The item just added from the toolbar: its name field opens selected, ready for typing. */
let nameNew = false;

/** The next panel drawn is for an item just added: its name field opens ready for typing. */
export function nameNextNew(): void {
  nameNew = true;
}

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

export function renderPanel(panel: HTMLElement, redraw: (host: HTMLElement) => void): void {
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
                  redraw(host as HTMLElement);
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
