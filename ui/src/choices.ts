// Matching what a user types in a choice field (asset type, zone, threat, countermeasure,
// protocol…) against the offered choices: by the name shown, by the name in the other
// language, and by the id, ignoring case and full-width/half-width differences.

/** One choice: the stored value, the label shown, and every text it may be typed as. */
export interface Choice {
  value: string;
  label: string;
  /** Texts matched besides the label (the id, the other language's name). */
  keys: string[];
}

/** Folded for matching: NFKC (full-width → half-width), lower case, single spaces. */
export function fold(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The choices matching `typed`, best first: an exact match (label, id or other name), then
 * those starting with it, then those containing it; within each, in the offered order.
 * Empty input matches everything (the list opens unfiltered).
 */
export function matchChoices(choices: Choice[], typed: string): Choice[] {
  const q = fold(typed);
  if (!q) return [...choices];
  const scored: Array<[number, number, Choice]> = [];
  choices.forEach((c, i) => {
    const texts = [c.label, ...c.keys].map(fold);
    const score = texts.some((x) => x === q) ? 0 : texts.some((x) => x.startsWith(q)) ? 1 : texts.some((x) => x.includes(q)) ? 2 : -1;
    if (score >= 0) scored.push([score, i, c]);
  });
  return scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]);
}

/**
 * The one choice `typed` stands for, or `undefined` when it matches none. An exact match
 * wins; otherwise the best match, as highlighted first in the list.
 */
export function resolveChoice(choices: Choice[], typed: string): Choice | undefined {
  if (!fold(typed)) return undefined;
  return matchChoices(choices, typed)[0];
}

/**
 * For text that is not typed interactively (pasted cells): the choice `typed` names without
 * doubt — an exact match (label, id or other name), else the only choice containing it.
 * Text that fits several is `ambiguous` (with the candidates), never guessed.
 */
export function resolveUnique(choices: Choice[], typed: string): { choice: Choice } | { ambiguous: Choice[] } | undefined {
  const q = fold(typed);
  if (!q) return undefined;
  const exact = choices.filter((c) => [c.label, ...c.keys].some((x) => fold(x) === q));
  if (exact.length === 1) return { choice: exact[0] };
  const found = exact.length > 1 ? exact : matchChoices(choices, typed);
  if (found.length === 1) return { choice: found[0] };
  return found.length ? { ambiguous: found } : undefined;
}
