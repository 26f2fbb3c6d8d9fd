// The one colour scale for risk values, shared with the core's charts and workbook
// (models/catalogue/risk-colours.json): a risk is coloured by its value (A–E), never by a sum
// of inputs. Methods with another number of values spread them over the same five steps.
import scale from "../../models/catalogue/risk-colours.json";

export const STEPS: Array<{ fill: string; text: string }> = scale.steps;

/** The step (0 = highest) of the value of `rank` among `count` values. */
export function stepOf(rank: number, count: number): number {
  const n = STEPS.length;
  if (count <= 1 || rank < 0) return 0;
  return Math.min(n - 1, Math.round((Math.min(rank, count - 1) / (count - 1)) * (n - 1)));
}

/** The CSS class of a value (`risk-0` … `risk-4`). */
export function valueClass(values: string[], v: string): string {
  return `risk-${stepOf(values.indexOf(v), values.length)}`;
}

/** The `.risk-N` rules, written once into the page from the shared scale. */
export function installRiskStyles(doc: Document = document): void {
  if (doc.getElementById("risk-colours")) return;
  const style = doc.createElement("style");
  style.id = "risk-colours";
  style.textContent = STEPS.map((s, i) => `.risk-${i} { background: ${s.fill}; color: ${s.text}; }`).join("\n");
  doc.head.append(style);
}
