// The risk register as the UI shows it: rows from the core, names from the project and the
// catalogue, and the filter the user types.
import type * as W from "./generated/wire";
import { readableNumber } from "./model";

/** A register row as the core sends it (generated: core::RiskView). */
export type RiskView = W.RiskView;

export interface RegisterRow extends RiskView {
  /** Readable id next to the stable key: asset number / threat (A-012/T03). */
  ref: string;
  assetName: string;
  zoneName: string;
  threatName: string;
}

export interface Query {
  text: string;
  zone: string;
  residual: string;
  intolerableOnly: boolean;
}

export const emptyQuery: Query = { text: "", zone: "", residual: "", intolerableOnly: false };

/** Rows named from scratch (`RegisterNamer` names the register after an edit). */
export function withNames(
  rows: RiskView[],
  assets: Map<string, string>,
  zones: Map<string, string>,
  threats: Map<string, string>,
  numbers: Map<string, number> = new Map(),
): RegisterRow[] {
  return rows.map((r) =>
    nameRow(r, assets.get(r.asset) ?? r.asset, zones.get(r.zone) ?? r.zone, threats.get(r.threat) ?? r.threat, numbers.get(r.asset)),
  );
}

function nameRow(r: RiskView, assetName: string, zoneName: string, threatName: string, n: number | undefined): RegisterRow {
  const ref = n ? `${readableNumber("A", n)}/${r.threat}` : r.threat;
  return { ...r, ref, assetName, zoneName, threatName };
}

/** What a row's names are taken from: an asset's or a zone's id, name and number. */
interface NameSource {
  id: string;
  name: string;
  number?: number;
}

/**
 * The ids among `now` whose name or number differ from `before` (ids gone included); null
 * when the lists cannot be compared item by item (then every row is named again). An edit
 * keeps every item it did not touch as the same object (history.ts), so this is a pass of
 * identity checks.
 */
function renamed(before: readonly NameSource[], now: readonly NameSource[]): Set<string> | null {
  const out = new Set<string>();
  if (before === now) return out;
  if (before.length !== now.length) return null;
  for (let i = 0; i < now.length; i++) {
    const [b, a] = [before[i], now[i]];
    if (a === b) continue;
    if (a.id !== b.id) return null;
    if (a.name !== b.name || a.number !== b.number) out.add(a.id);
  }
  return out;
}

/**
 * Names the register's rows, reusing the rows it named last: after an edit only the rows
 * whose row object changed, or whose asset or zone was renamed or renumbered, are named
 * again (naming 49k rows anew took 30 ms of each edit at 10k assets).
 */
export class RegisterNamer {
  private risks: RiskView[] = [];
  private rows: RegisterRow[] = [];
  private assets: readonly NameSource[] = [];
  private zones: readonly NameSource[] = [];
  private threats: Map<string, string> | null = null;

  /** `risks` named from `assets`, `zones` and the threat names (a new map: every row anew). */
  name(risks: RiskView[], assets: readonly NameSource[], zones: readonly NameSource[], threats: Map<string, string>): RegisterRow[] {
    const assetsRenamed = this.threats === threats ? renamed(this.assets, assets) : null;
    const zonesRenamed = assetsRenamed && renamed(this.zones, zones);
    const same = (r: RiskView) => assetsRenamed && zonesRenamed && !assetsRenamed.has(r.asset) && !zonesRenamed.has(r.zone);
    let names: { assets: Map<string, NameSource>; zones: Map<string, string> } | null = null;
    const fresh = (r: RiskView) => {
      names ??= {
        assets: new Map(assets.map((x) => [x.id, x])),
        zones: new Map(zones.map((x) => [x.id, x.name])),
      };
      const a = names.assets.get(r.asset);
      return nameRow(r, a?.name ?? r.asset, names.zones.get(r.zone) ?? r.zone, threats.get(r.threat) ?? r.threat, a?.number ?? undefined);
    };
    // Rows are reused only from the list named last (by position, or by row object when the
    // register's order moved), so no name older than that call can come back.
    let moved: Map<RiskView, RegisterRow> | null = null;
    const aligned = risks.length === this.risks.length;
    const rows = risks.map((r, i) => {
      if (!same(r)) return fresh(r);
      if (aligned && this.risks[i] === r) return this.rows[i];
      moved ??= new Map(this.risks.map((x, j) => [x, this.rows[j]]));
      return moved.get(r) ?? fresh(r);
    });
    Object.assign(this, { risks, rows, assets, zones, threats });
    return rows;
  }
}

/** Rows matching every part of the query; words of `text` must all appear (any column). */
export function filterRows(rows: RegisterRow[], q: Query): RegisterRow[] {
  const words = q.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (q.zone && r.zone !== q.zone) return false;
    if (q.residual && r.values[2] !== q.residual) return false;
    if (q.intolerableOnly && r.tolerable) return false;
    if (words.length === 0) return true;
    const hay = `${r.id} ${r.ref} ${r.threat} ${r.threatName} ${r.assetName} ${r.zoneName}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Rows whose residual figure differs between two analyses (for "what changed"). */
export function changedRows(before: RiskView[], after: RiskView[]): string[] {
  const old = new Map(before.map((r) => [r.id, r.values.join("/")]));
  return after.filter((r) => old.get(r.id) !== r.values.join("/")).map((r) => r.id);
}

/** Register columns the user can sort by. */
export type SortKey =
  | "ref"
  | "zoneName"
  | "assetName"
  | "threat"
  | "importance"
  | "threat_level"
  | "inherent"
  | "planned"
  | "residual"
  | "parties"
  | "treatment";

const collator = new Intl.Collator(["ja", "en"], { numeric: true });
const RISK_STATE = { inherent: 0, planned: 1, residual: 2 } as const;

/**
 * A sorted copy (stable: ties keep register order). Risk columns sort by the value's rank on
 * the method's scale, not by its letter.
 */
export function sortRows(rows: RegisterRow[], key: SortKey, ascending: boolean): RegisterRow[] {
  let cmp: (a: RegisterRow, b: RegisterRow) => number;
  if (key === "inherent" || key === "planned" || key === "residual") {
    const i = RISK_STATE[key];
    cmp = (a, b) => a.ranks[i] - b.ranks[i];
  } else if (key === "importance" || key === "threat_level") cmp = (a, b) => a[key] - b[key];
  else if (key === "threat") cmp = (a, b) => collator.compare(a.threat, b.threat);
  else if (key === "parties") cmp = (a, b) => collator.compare(a.parties.join(","), b.parties.join(","));
  else cmp = (a, b) => collator.compare(String(a[key] ?? ""), String(b[key] ?? ""));
  const sign = ascending ? 1 : -1;
  return rows
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => sign * cmp(a, b) || i - j)
    .map(([r]) => r);
}
