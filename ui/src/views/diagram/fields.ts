// Plain fields of the side panel.
import { h } from "../../dom";

/** A text field that reports its value when changed. */
export function input(id: string, value: string, onChange: (v: string) => void): HTMLInputElement {
  const i = h("input", { id, type: "text", value, maxlength: 2000 });
  i.addEventListener("change", () => onChange(i.value));
  return i;
}

/** A choice that reports its value when changed. */
export function select(id: string, options: Array<[string, string]>, value: string, onChange: (v: string) => void): HTMLSelectElement {
  const s = h("select", { id }, ...options.map(([v, l]) => h("option", { value: v, selected: v === value }, l)));
  s.addEventListener("change", () => onChange(s.value));
  return s;
}
