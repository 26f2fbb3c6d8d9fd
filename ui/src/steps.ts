// The guided steps of the guideline and how complete each one is.
import type { Project } from "./model";

export type StepId = "1-1" | "1-2" | "1-3" | "1-4" | "1-5" | "1-6" | "1-7" | "2-1" | "2-2" | "3";
export const STEPS: StepId[] = ["1-1", "1-2", "1-3", "1-4", "1-5", "1-6", "1-7", "2-1", "2-2", "3"];

export interface Finding {
  rule: string;
  step: string;
  severity: "error" | "warning" | "info";
  item: { kind: string; id: string; name: string };
  message_ja: string;
  message_en: string;
}

const ratio = (done: number, total: number) => (total === 0 ? 0 : done / total);
const filled = (v: unknown) => typeof v === "string" && v.trim().length > 0;

/** Completion of a step in 0..1, from what the project records. */
export function completion(p: Project, step: StepId): number {
  switch (step) {
    case "1-1": {
      const r = p.requirements as { business_goals?: string; smart_factory_purpose?: string; items?: unknown[] };
      const parts = [filled(r.business_goals), filled(r.smart_factory_purpose), (r.items?.length ?? 0) > 0];
      return ratio(parts.filter(Boolean).length, parts.length);
    }
    case "1-2":
      return p.businesses.length > 0 ? 1 : 0;
    case "1-3":
      return ratio(p.businesses.filter((b) => Object.keys(b.scores ?? {}).length > 0).length, p.businesses.length);
    case "1-4":
      return p.assets.length > 0 ? 1 : 0;
    case "1-5":
      return ratio(p.assets.filter((a) => (a.businesses?.length ?? 0) > 0 || a.importance_override).length, p.assets.length);
    case "1-6": {
      if (p.zones.length === 0) return 0;
      const inZone = ratio(p.assets.filter((a) => a.zone).length, p.assets.length);
      return (inZone + (p.conduits.length > 0 ? 1 : 0)) / 2;
    }
    case "1-7": {
      const zonesWithThreats = new Set(p.threats.map((t) => t.zone));
      return ratio(p.zones.filter((z) => zonesWithThreats.has(z.id)).length, p.zones.length);
    }
    case "2-1":
      return ratio(p.zones.filter((z) => filled(z.policy)).length, p.zones.length);
    case "2-2": {
      const applicable = p.threats.filter((t) => t.applicable);
      const covered = new Set(p.countermeasures.flatMap((m) => m.threats));
      return ratio(applicable.filter((t) => covered.has(t.threat)).length, applicable.length);
    }
    case "3": {
      const parts = [p.ooda_roles.length > 0, p.suppliers.length > 0, p.checklist_answers.length > 0];
      return ratio(parts.filter(Boolean).length, parts.length);
    }
  }
}

/** Findings per step (a finding of `1-4/1-5` counts for both). */
export function findingsByStep(findings: Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const s of f.step.split(/[/,]/).map((x) => x.trim())) {
      const list = m.get(s) ?? [];
      list.push(f);
      m.set(s, list);
    }
  }
  return m;
}

/** The step where an item of `kind` is edited (for "go to" from a finding). */
export function stepOfKind(kind: string): StepId {
  switch (kind) {
    case "business":
      return "1-3";
    case "asset":
      return "1-5";
    case "zone":
    case "conduit":
    case "entry_point":
      return "1-6";
    case "threat":
    case "scenario":
      return "1-7";
    case "countermeasure":
    case "risk":
      return "2-2";
    case "checklist_answer":
    case "supplier":
    case "ooda_role":
      return "3";
    default:
      return "1-1";
  }
}
