// The core holds a copy of the open document between edits (src-tauri/src/sync.rs). After an
// edit the window sends only what changed since that copy, found by reference: an edit makes
// new objects along the path it changed and keeps every other object (history.ts), so an
// unchanged item of a list is the same object. The answer carries only what changed since the
// analysis the window has; `merge` puts it together. The whole document goes when the core
// holds none (a new project, an import, an error) or asks for it ("resync").
import type * as W from "./generated/wire";
import { call, type Analysis } from "./api";
import type { Project } from "./model";

/** A change to one section of the document (generated: `otzone_models::edit::Change`). */
export type Change = W.Change;

/** Sections replaced whole when they change. */
const WHOLE = new Set(["meta", "settings", "requirements", "custom"]);
/** Lists sent as one replaced run (`splice`). */
const LISTS = new Set([
  "businesses",
  "assets",
  "zones",
  "entry_points",
  "conduits",
  "threats",
  "countermeasures",
  "ooda_roles",
  "suppliers",
  "checklist_answers",
  "damages",
  "risk_decisions",
  "customer_responses",
  "revisions",
  "inspection_results",
  "vulnerabilities",
]);

/** The run of `after` that differs from `before`: items equal by reference at both ends are kept. */
export function splice(section: string, before: readonly unknown[], after: readonly unknown[]): Change | null {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  if (start === endBefore && start === endAfter) return null;
  return { op: "splice", section, start, remove: endBefore - start, insert: after.slice(start, endAfter) as W.JsonValue[] };
}

/**
 * What changed from `before` to `after`, or null when only the whole document will do (its id
 * or format changed, or a section the core cannot take alone).
 */
export function changes(before: Project, after: Project): Change[] | null {
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  const out: Change[] = [];
  for (const section of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const was = b[section];
    const now = a[section];
    if (was === now) continue;
    if (LISTS.has(section) && Array.isArray(was) && Array.isArray(now)) {
      const c = splice(section, was, now);
      if (c) out.push(c);
    } else if ((LISTS.has(section) || WHOLE.has(section)) && now !== undefined) {
      out.push({ op: "set", section, value: now as W.JsonValue });
    } else {
      return null;
    }
  }
  return out;
}

/** A list's changes since the one the window has (generated: `sync::ListChanges`). */
export type ListChanges<T> = W.ListChanges<T>;

/** An answer: every section, or (`relative_to` set) only those that changed since then. */
export type AnalysisUpdate = W.Update;

/**
 * The items after `c`, reusing every unchanged item object (and the list itself when nothing
 * changed, so that views can tell); changed items come with their position in the new list.
 */
export function applyListChanges<T>(items: T[], c: ListChanges<T>): T[] {
  if (!c.order && !c.changed.length) return items;
  const out = c.order ? c.order.map((i) => (i < items.length ? items[i] : c.added[i - items.length])) : [...items];
  for (const [i, x] of c.changed) out[i] = x;
  return out;
}

/** A map after `c` (a new object; entries it leaves alone are kept). */
export function applyMapChanges<V>(map: Record<string, V>, c: W.MapChanges<V>): Record<string, V> {
  const out = { ...map };
  for (const k of c.removed) delete out[k];
  return Object.assign(out, c.set);
}

/** The sections the core may send as changes, and the list or map each changes. */
const LIST_CHANGES = {
  risk_changes: "risks",
  attack_path_changes: "attack_paths",
  finding_changes: "findings",
  sl_gap_changes: "sl_gaps",
} as const;
const MAP_CHANGES = {
  asset_importance_changes: "asset_importance",
  business_importance_changes: "business_importance",
  zone_importance_changes: "zone_importance",
} as const;
type ChangeSection = keyof typeof LIST_CHANGES | keyof typeof MAP_CHANGES;

const HOP_KINDS: W.HopKind[] = ["initiate", "data", "response"];

/** An answer that does not fit the document it analysed (the window then sends it whole). */
export class AnswerMisfit extends Error {}
function misfit(what: string): never {
  throw new AnswerMisfit(`the answer does not fit the document: ${what}`);
}
/** The id of item `i` of a list the answer names by position. */
function at(list: readonly { id: string }[], i: number): string {
  return list[i]?.id ?? misfit(`position ${i} of ${list.length}`);
}

/**
 * An attack path as the core sends it (`sync::PathView`: assets, zones and conduits as
 * positions in `doc`'s lists, each crossing as one number) made the path it is
 * (`AttackPath`). `doc` is the document the answer analysed.
 */
export function expandPath(p: W.PathView, doc: Project): W.AttackPath {
  const { shortest, targets, unprotected_conduits, zones_crossed, ...rest } = p;
  const zone = (i: number) => at(doc.zones, i);
  const conduit = (i: number) => at(doc.conduits, i);
  return {
    ...rest,
    targets: targets.map((i) => at(doc.assets, i)),
    unprotected_conduits: unprotected_conduits.map(conduit),
    zones_crossed: zones_crossed.map(zone),
    shortest: shortest.map((s) => ({
      zones: s.z.map(zone),
      conduits: s.c.map(conduit),
      via: s.v.map((v) => ({
        channel: v >>> 4 ? (v >>> 4) - 1 : null,
        kind: HOP_KINDS[(v >>> 2) & 3] ?? misfit(`crossing ${v}`),
        reverse: (v & 2) !== 0,
        controlled: (v & 1) !== 0,
      })),
    })),
  };
}

/**
 * A register row as the core sends it (`sync::RowTuple`: an array, its asset and zone as
 * positions in `doc`'s lists) made the row it is (`RiskView`; the id is `threat@asset`).
 */
export function expandRow(r: W.RowTuple, doc: Project): W.RiskView {
  const [threat, a, z, importance, threat_level, values, ranks, countermeasure, measures, tolerable, parties, treatment, reconstructed] = r;
  const asset = at(doc.assets, a);
  return {
    id: `${threat}@${asset}`,
    threat,
    asset,
    zone: at(doc.zones, z),
    importance,
    threat_level,
    values,
    ranks,
    countermeasure,
    measures,
    tolerable,
    parties,
    treatment,
    reconstructed,
  };
}

/** A list section's changes with each item sent made what the window keeps. */
function expandChanges<S, T>(c: ListChanges<S>, f: (x: S) => T): ListChanges<T> {
  return { changed: c.changed.map(([i, x]) => [i, f(x)]), added: c.added.map(f), order: c.order };
}

/**
 * The analysis after an answer for `doc`: a new object; sections not in the answer are the
 * ones had.
 */
export function merge(had: Analysis | null, u: AnalysisUpdate, doc: Project): Analysis {
  const { doc: _doc, relative_to, timings_ms: _t, whole: _w, ...rest } = u;
  const sections: Record<string, unknown> = { ...rest };
  // Rows and paths come with positions in `doc`'s lists: made what the window keeps.
  const path = (p: W.PathView) => expandPath(p, doc);
  const row = (r: W.RowTuple) => expandRow(r, doc);
  if (u.attack_paths) sections.attack_paths = u.attack_paths.map(path);
  if (u.attack_path_changes) sections.attack_path_changes = expandChanges(u.attack_path_changes, path);
  if (u.risks) sections.risks = u.risks.map(row);
  if (u.risk_changes) sections.risk_changes = expandChanges(u.risk_changes, row);
  const changes: Partial<Record<ChangeSection, unknown>> = {};
  for (const k of [...Object.keys(LIST_CHANGES), ...Object.keys(MAP_CHANGES)] as ChangeSection[]) {
    if (sections[k] !== undefined) changes[k] = sections[k];
    delete sections[k];
  }
  if (relative_to === null || relative_to === undefined || !had) {
    if (relative_to !== null && relative_to !== undefined) throw new Error("an answer relative to an analysis the window does not have");
    return sections as unknown as Analysis;
  }
  const out = { ...had } as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(sections)) if (v !== undefined && v !== null) out[k] = v;
  for (const [k, list] of Object.entries(LIST_CHANGES)) {
    const c = changes[k as ChangeSection] as ListChanges<unknown> | undefined;
    if (c) out[list] = applyListChanges(out[list] as unknown[], c);
  }
  for (const [k, map] of Object.entries(MAP_CHANGES)) {
    const c = changes[k as ChangeSection] as W.MapChanges<number> | undefined;
    if (c) out[map] = applyMapChanges(out[map] as Record<string, number>, c);
  }
  return out as unknown as Analysis;
}

type Request = W.AnalyzeRequest;

/**
 * `p` with the core's changes applied in order (`edit::difference`): whole sections set, runs
 * of lists spliced. Every item the changes leave alone stays the same object.
 */
export function applyChanges(p: Project, changes: Change[]): Project {
  const out = { ...p } as unknown as Record<string, unknown>;
  for (const c of changes) {
    if (c.op === "set") out[c.section] = c.value;
    else {
      const list = ((out[c.section] as unknown[] | undefined) ?? []).slice();
      list.splice(c.start, c.remove, ...c.insert);
      out[c.section] = list;
    }
  }
  return out as unknown as Project;
}

/** Deep equality of JSON values (the same keys, in any order, with equal values). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameValue(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The window's side of the shared document and analysis. */
export class DocumentSync {
  /** The document the core holds, as the window last sent (or received) it. */
  private held: Project | null = null;
  private heldId: number | null = null;
  private had: Analysis | null = null;
  private generation = 0;
  /**
   * Last answer's timings (the edit benchmark reads them): the core's, the round trip (ms), then
   * when the request went and when the answer was merged (`performance.now()`).
   */
  lastTimings: number[] | null = null;

  /** Builds with debug assertions send the whole document too, and the core compares. */
  constructor(
    private readonly checkEveryEdit = false,
    private readonly send: (r: Request) => Promise<AnalysisUpdate> = (request) => call("analyze", request),
    private readonly sendRemoval: (r: W.RemoveRequest) => Promise<Change[]> = (request) => call("remove_items", request),
  ) {}

  /**
   * The changes that remove `ids` from `doc`, with every reference to them: the core's one
   * cascade (`edit::remove`). `doc` goes as its changes since the document the core holds, or
   * whole when the core holds none or asks for it.
   */
  async removeItems(doc: Project, collection: W.Collection, ids: string[]): Promise<Change[]> {
    const delta = this.held && this.heldId !== null ? changes(this.held, doc) : null;
    const request: W.RemoveRequest =
      delta && this.heldId !== null ? { base: this.heldId, changes: delta, collection, ids } : { project: doc, collection, ids };
    try {
      return await this.sendRemoval(request);
    } catch (e) {
      if ((e as { code?: string })?.code === "resync" && request.base !== undefined)
        return this.sendRemoval({ project: doc, collection, ids });
      throw e;
    }
  }

  /** A new document in the window: held by the core under `heldId` when it came from there. */
  reset(project: Project | null, heldId: number | null): void {
    this.generation++;
    this.held = heldId === null ? null : project;
    this.heldId = heldId;
    this.had = null;
  }

  /** Analyse `doc`; null when the window changed documents meanwhile. */
  async analyze(doc: Project, revision: number): Promise<Analysis | null> {
    const generation = this.generation;
    const delta = this.held && this.heldId !== null ? changes(this.held, doc) : null;
    const request: Request = { revision };
    if (this.had) request.known = this.had.revision;
    if (delta && this.heldId !== null) {
      request.base = this.heldId;
      request.changes = delta;
    } else request.project = doc;
    if (this.checkEveryEdit) request.check = doc;
    let u: AnalysisUpdate;
    const sentAt = performance.now();
    try {
      u = await this.send(request);
    } catch (e) {
      if (generation !== this.generation) return null;
      // The core holds nothing now; the next request sends the whole document.
      this.held = null;
      this.heldId = null;
      this.had = null;
      if ((e as { code?: string })?.code === "resync" && request.base !== undefined) return this.analyze(doc, revision);
      throw e;
    }
    if (generation !== this.generation) return null;
    let merged: Analysis;
    try {
      merged = merge(this.had, u, doc);
    } catch (e) {
      // The core and the window disagree on the document: start again from the whole one.
      this.held = null;
      this.heldId = null;
      this.had = null;
      if (e instanceof AnswerMisfit && request.base !== undefined) return this.analyze(doc, revision);
      throw e;
    }
    this.held = doc;
    this.heldId = u.doc;
    this.had = merged;
    // Check mode: what the window merged must be the whole analysis the core also sent.
    if (this.checkEveryEdit && u.whole && !sameValue(this.had, merge(null, u.whole, doc))) {
      this.had = null;
      throw new Error("the merged analysis differs from the whole analysis");
    }
    // With the moments (page clock) the request went and the answer was merged.
    this.lastTimings = [...u.timings_ms, performance.now() - sentAt, sentAt, performance.now()];
    return this.had;
  }
}
