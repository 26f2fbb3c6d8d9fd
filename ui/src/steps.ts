import type * as W from "./generated/wire";
// The guided steps of the guideline (how complete each one is comes with the analysis:
// `otzone_models::steps`).

export { STEPS, type StepId } from "./generated/wire";
import type { StepId } from "./generated/wire";

/** A finding of the checks (generated: validate::Finding). */
export type Finding = W.Finding;

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
