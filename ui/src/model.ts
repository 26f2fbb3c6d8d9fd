// The project document as the core serialises it, and the edits the UI makes. Every edit
// returns a new project (structural sharing), never mutates: the history keeps snapshots.

import type * as W from "./generated/wire";
import blankItems from "./generated/blanks.json";

// The document's types are generated from the Rust model (src-tauri/src/wire_types.rs):
// these are the names the UI uses for them.
export type Id = string;
export type Position = W.Position;
export type Asset = W.ProtectedAsset;
export type Zone = W.Zone;
export type Endpoint = W.Endpoint;
export type Direction = W.Direction;
export type Initiator = W.Initiator;
export type Channel = W.Channel;
export type BoundaryControl = W.BoundaryControl;
export type Conduit = W.Conduit;
export type EntryPoint = W.EntryPoint;
export type Business = W.BusinessProcess;
export type ThreatScenario = W.ThreatScenario;
export type Countermeasure = W.Countermeasure;
export type Project = W.Project;
export type Revision = W.Revision;

/** New items as the core reads them (otzone_models::model::blank): every field at its default. */
const blanks = blankItems as unknown as W.Blanks;
/** A fresh copy of the blank `kind` item with a new id. */
function blank<K extends Exclude<keyof W.Blanks, "channel" | "risk_decision">>(kind: K): W.Blanks[K] {
  return { ...structuredClone(blanks[kind]), id: newId() };
}

/** The lists whose items are added and removed (generated: `edit::Collection`). */
export type Collection = W.Collection;

export function newId(): Id {
  return crypto.randomUUID();
}

export function endpointId(e: Endpoint): Id {
  return "zone" in e ? e.zone : e.entry;
}

/** Replace one field of one item. */
/**
 * The name a conduit gets when drawn: its two ends joined by a dash ("情報ゾーン – 制御ゾーン").
 * Not an arrow: a conduit has no direction (each channel has its own).
 */
export function conduitName(p: Project, c: Conduit, joiner = " – "): string {
  const end = (e: Endpoint) =>
    ("zone" in e ? p.zones.find((z) => z.id === e.zone)?.name : p.entry_points.find((x) => x.id === e.entry)?.name) ?? "";
  return `${end(c.from)}${joiner}${end(c.to)}`;
}

/**
 * Rename a zone or entry point; conduits still named after their ends as drawn
 * ("制御ゾーン → 情報ゾーン") follow the new name. A conduit the user named stays as named.
 */
export function renameEnd(p: Project, coll: "zones" | "entry_points", id: Id, name: string): Project {
  // Drawn names: the dash, or the arrow earlier versions used.
  const auto = new Set(p.conduits.filter((c) => c.name === conduitName(p, c) || c.name === conduitName(p, c, " → ")).map((c) => c.id));
  const next = setField(p, coll, id, "name", name);
  return { ...next, conduits: next.conduits.map((c) => (auto.has(c.id) ? { ...c, name: conduitName(next, c) } : c)) };
}

export function setField(p: Project, coll: Collection, id: Id, field: string, value: unknown): Project {
  const list = (p[coll] as Array<{ id: Id }> | undefined) ?? [];
  const i = list.findIndex((x) => x.id === id);
  if (i < 0) return p;
  const item = { ...list[i], [field]: value } as Record<string, unknown>;
  if (value === undefined || value === null || value === "") {
    // Optional references and dates are left out rather than written empty.
    if (
      [
        "zone",
        "supplier",
        "install_date",
        "support_end",
        "sl_a",
        "parent",
        "template",
        "asset",
        "inspected",
        "cvss",
        "policy_confirmed",
        "due",
        "contract_holder",
      ].includes(field)
    )
      delete item[field];
  }
  const next = list.slice();
  next[i] = item as never;
  return { ...p, [coll]: next };
}

export function addItem<T extends { id: Id }>(p: Project, coll: Collection, item: T): Project {
  const list = (p[coll] as Array<{ number?: number }> | undefined) ?? [];
  // Assets and countermeasures get their readable number (A-…, M-…) once, after the highest.
  if ((coll === "assets" || coll === "countermeasures") && !(item as { number?: number }).number) {
    const next = list.reduce((m, x) => Math.max(m, x.number ?? 0), 0) + 1;
    item = { ...item, number: next };
  }
  return { ...p, [coll]: [...list, item] };
}

/** `A-012` / `M-003`: an asset's or countermeasure's readable number. */
export function readableNumber(prefix: "A" | "M", n: number | undefined): string {
  return n ? `${prefix}-${String(n).padStart(3, "0")}` : "";
}

export function newAsset(name: string, assetType: string, zone?: Id): Asset {
  return { ...blank("asset"), name, asset_type: assetType, ...(zone ? { zone } : {}) };
}
export function newZone(name: string): Zone {
  return { ...blank("zone"), name };
}
export function newEntryPoint(name: string, kind: W.EntryKind): EntryPoint {
  return { ...blank("entry_point"), name, kind };
}
export function newConduit(name: string, from: Endpoint, to: Endpoint): Conduit {
  return { ...blank("conduit"), name, from, to };
}
export function newBusiness(name: string): Business {
  return { ...blank("business"), name };
}
export function newThreat(zone: Id, threat: string): ThreatScenario {
  return { ...blank("threat"), zone, threat };
}
export function newMeasure(measure: string, threats: string[], responsibility: W.Responsibility): Countermeasure {
  return { ...blank("measure"), measure, threats, responsibility };
}

/** Move an asset into a zone (or out of every zone). */
export function moveAsset(p: Project, asset: Id, zone: Id | undefined): Project {
  return setField(p, "assets", asset, "zone", zone);
}

/** Save diagram positions (rounded: positions are layout, not precision data). */
export function setPositions(p: Project, moves: Array<{ coll: "assets" | "zones" | "entry_points"; id: Id; pos: Position }>): Project {
  let q = p;
  for (const m of moves) {
    const pos = { x: Math.round(m.pos.x), y: Math.round(m.pos.y) };
    q = setField(q, m.coll, m.id, "position", pos);
  }
  return q;
}

export function byId<T extends { id: Id }>(list: T[]): Map<Id, T> {
  return new Map(list.map((x) => [x.id, x]));
}

/** A new channel as a user adds it: data flows from → to, started at the from end. */
export function newChannel(): Channel {
  return structuredClone(blanks.channel);
}

/** The conduit's channels with channel `i` changed (`null`: removed; `i` = length: added). */
export function setChannel(p: Project, conduit: Id, i: number, channel: Channel | null): Project {
  const c = p.conduits.find((x) => x.id === conduit);
  if (!c) return p;
  const list = (c.channels ?? []).slice();
  if (channel === null) {
    if (i < 0 || i >= list.length) return p;
    list.splice(i, 1);
  } else if (i === list.length) list.push(channel);
  else if (i >= 0 && i < list.length) list[i] = channel;
  else return p;
  return setField(p, "conduits", conduit, "channels", list);
}

/**
 * The conduit's boundary controls with `kind` switched on or off. Controls already there keep
 * their notes and their order; a new one goes last.
 */
export function toggleBoundary(p: Project, conduit: Id, kind: W.BoundaryKind, on: boolean): Project {
  const c = p.conduits.find((x) => x.id === conduit);
  if (!c) return p;
  const list = c.boundary ?? [];
  const has = list.some((b) => b.kind === kind);
  if (on === has) return p;
  const next = on ? [...list, { kind, note: "" }] : list.filter((b) => b.kind !== kind);
  return setField(p, "conduits", conduit, "boundary", next);
}

/**
 * The version label to suggest after `last`: its last number one up (`1.2` → `1.3`,
 * `v2` → `v3`, `1.9` → `1.10`), or `last` with ".1" when it ends in no number; "1.0" when
 * there is none yet.
 */
export function nextVersion(last: string | undefined): string {
  const v = (last ?? "").trim();
  if (!v) return "1.0";
  const m = /^(.*?)(\d+)(\D*)$/.exec(v);
  if (!m) return `${v}.1`;
  return `${m[1]}${String(Number(m[2]) + 1)}${m[3]}`;
}

/** A new business damage (事業被害) whose attack target is `target`. */
export function newDamage(name: string, target: Id): W.BusinessDamage {
  return { ...blank("damage"), name, target };
}

/** The damage's pruned attack trees with `key` pruned (`on`) or taken back into the analysis. */
export function setPruned(p: Project, damage: Id, key: string, on: boolean): Project {
  const d = p.damages.find((x) => x.id === damage);
  if (!d) return p;
  const list = (d.pruned as string[] | undefined) ?? [];
  if (list.includes(key) === on) return p;
  return setField(p, "damages", damage, "pruned", on ? [...list, key] : list.filter((k) => k !== key));
}

/** The analyst's decision on one threat for one asset (step 1-7), winning over the catalogue. */
export type ThreatApplicability = W.ThreatApplicability;

/**
 * Record that `threat` applies (true) or does not apply (false) to an asset, with its reason;
 * `null` takes the decision back (the catalogue's rules decide again).
 */
export function setThreatApplicability(p: Project, asset: Id, threat: string, applies: boolean | null, reason: string): Project {
  const a = p.assets.find((x) => x.id === asset);
  if (!a) return p;
  const list = (a.threat_applicability ?? []).filter((o) => o.threat !== threat);
  if (applies !== null) list.push({ threat, applies, reason: reason.trim() });
  list.sort((x, y) => x.threat.localeCompare(y.threat));
  const next = setField(p, "assets", asset, "threat_applicability", list);
  if (list.length === 0) {
    const assets = next.assets.map((x) => {
      if (x.id !== asset) return x;
      const { threat_applicability: _, ...rest } = x;
      return rest as typeof x;
    });
    return { ...next, assets };
  }
  return next;
}

/** A new vulnerability-inspection finding, open. */
export function newFinding(title: string): W.VulnerabilityFinding {
  return { ...blank("finding"), title };
}

export function newOodaRole(): W.OodaRole {
  return blank("ooda_role");
}
export function newSupplier(name: string): W.Supplier {
  return { ...blank("supplier"), name };
}
export function newChecklistAnswer(item: string): W.ChecklistAnswer {
  return { ...blank("checklist_answer"), item };
}
export function newRequirement(title: string): W.Requirement {
  return { ...blank("requirement"), title };
}

/** A risk row's treatment decision (リスク対応) as the app edits it: the fields it sets. */
export type TreatmentDecision = Partial<Omit<W.RiskDecision, "risk_id">>;

/**
 * Set the treatment decision of the risk rows `ids` (one, or a selection of many) to `fields`:
 * each row keeps what `fields` leaves out; a row left with nothing decided (no treatment,
 * reason, owner, due date or measures) has its decision removed.
 */
export function setTreatments(p: Project, ids: string[], fields: TreatmentDecision): Project {
  const list = (p.risk_decisions ?? []).slice();
  for (const id of ids) {
    const i = list.findIndex((d) => d.risk_id === id);
    const merged: W.RiskDecision = {
      ...(i >= 0 ? list[i] : { ...blanks.risk_decision, risk_id: id }),
      ...fields,
      risk_id: id,
    };
    // Left out rather than written empty, as the core writes them.
    if (!merged.treatment) delete merged.treatment;
    if (!merged.due) delete merged.due;
    if (!merged.date) delete merged.date;
    if (merged.relies_on?.length === 0) delete merged.relies_on;
    const empty = !merged.treatment && !merged.justification && !merged.owner && !merged.due && !merged.relies_on;
    if (i >= 0 && empty) list.splice(i, 1);
    else if (i >= 0) list[i] = merged;
    else if (!empty) list.push(merged);
  }
  list.sort((a, b) => String(a.risk_id).localeCompare(String(b.risk_id)));
  return { ...p, risk_decisions: list };
}

/**
 * The readable ids (A-012/T03) of the treatment decisions kept by a removal that relied on a
 * countermeasure it removed: a reduction may no longer hold, so the user is told to look again.
 */
export function decisionsThatLostMeasures(before: Project, after: Project): string[] {
  const kept = new Map(after.risk_decisions.map((d) => [d.risk_id, d]));
  const assets = new Map(after.assets.map((a) => [a.id, a]));
  return (
    before.risk_decisions
      // A decision kept whose list shrank. The core leaves an empty list out of its JSON, so a
      // decision that lost its last measure has none at all: that is zero, not "unknown".
      .filter((d) => {
        const now = kept.get(d.risk_id);
        return now !== undefined && (d.relies_on?.length ?? 0) > (now.relies_on?.length ?? 0);
      })
      .map((d) => {
        const [threat, asset] = d.risk_id.split("@");
        const n = assets.get(asset)?.number;
        return n ? `${readableNumber("A", n)}/${threat}` : d.risk_id;
      })
  );
}
