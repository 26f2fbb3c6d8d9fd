// One table for every user-facing text: models/i18n/{ja,en}.json, shared with the core's
// CLI and Excel export (parity tested on both sides).
import type * as W from "./generated/wire";
import ja from "../../models/i18n/ja.json";
import en from "../../models/i18n/en.json";

/** The languages of the text table (generated: `model::Lang`). */
export type Lang = W.Lang;
const tables: Record<Lang, Record<string, string>> = { ja, en };
let current: Lang = "ja";
const listeners: Array<() => void> = [];

export function setLang(lang: Lang): void {
  current = lang;
  if (typeof document !== "undefined") document.documentElement.lang = lang;
  listeners.forEach((f) => f());
}
export function lang(): Lang {
  return current;
}
export function onLangChange(f: () => void): void {
  listeners.push(f);
}
/** Text for `key`, with `{name}` parameters filled. A missing key shows the key itself. */
export function t(key: string, args: Record<string, string | number> = {}): string {
  // A count of one takes the key's singular form where the language has one ("1 row").
  const one = args.n === 1 || args.n === "1" ? tables[current][`${key}.one`] : undefined;
  let s = one ?? tables[current][key] ?? key;
  for (const [k, v] of Object.entries(args)) s = s.split(`{${k}}`).join(String(v));
  return s;
}
/** Text for `key` in a given language (choices match names typed in either language). */
export function tIn(l: Lang, key: string): string {
  return tables[l][key] ?? key;
}
/** The text of `text`'s key (found in the current language) in language `l`, if any. */
export function inOther(l: Lang, text: string): string | undefined {
  const table = tables[current];
  const key = Object.keys(table).find(
    (k) => table[k] === text && (k.startsWith("xl.col.") || k.startsWith("criterion.") || k.startsWith("ui.col.") || k === "xl.paid"),
  );
  return key ? tables[l][key] : undefined;
}
export function has(key: string): boolean {
  return key in tables.ja;
}
export function keys(l: Lang): string[] {
  return Object.keys(tables[l]);
}
