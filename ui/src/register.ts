// The risk register as the UI shows it: rows from the core, names from the project and the
// catalogue, and the filter the user types.

export interface RiskView {
  id: string;
  threat: string;
  asset: string;
  zone: string;
  importance: number;
  threat_level: number;
  values: [string, string, string];
  ranks: [number, number, number];
  countermeasure: [number, number, number];
  measures: [number, number];
  tolerable: boolean;
  parties: string[];
  treatment: string | null;
  reconstructed: boolean;
}

export interface RegisterRow extends RiskView {
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

export function withNames(
  rows: RiskView[],
  assets: Map<string, string>,
  zones: Map<string, string>,
  threats: Map<string, string>,
): RegisterRow[] {
  return rows.map((r) => ({
    ...r,
    assetName: assets.get(r.asset) ?? r.asset,
    zoneName: zones.get(r.zone) ?? r.zone,
    threatName: threats.get(r.threat) ?? r.threat,
  }));
}

/** Rows matching every part of the query; words of `text` must all appear (any column). */
export function filterRows(rows: RegisterRow[], q: Query): RegisterRow[] {
  const words = q.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (q.zone && r.zone !== q.zone) return false;
    if (q.residual && r.values[2] !== q.residual) return false;
    if (q.intolerableOnly && r.tolerable) return false;
    if (words.length === 0) return true;
    const hay = `${r.id} ${r.threat} ${r.threatName} ${r.assetName} ${r.zoneName}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Rows whose residual figure differs between two analyses (for "what changed"). */
export function changedRows(before: RiskView[], after: RiskView[]): string[] {
  const old = new Map(before.map((r) => [r.id, r.values.join("/")]));
  return after.filter((r) => old.get(r.id) !== r.values.join("/")).map((r) => r.id);
}
