// Rows pasted from Excel into a table other than the assets (businesses, threats,
// countermeasures): the cells read with the table's own columns and choices, each problem
// located by pasted row and column. (Assets go through the core's ledger import instead,
// views/paste.ts.)
import { fold, resolveUnique, type Choice } from "./choices";

/**
 * Cells of tab-separated text as Excel, LibreOffice and Google Sheets copy them: rows end
 * with CRLF or LF, a cell holding a tab, a line break or a quote is quoted ("" is a quote),
 * and the final line break ends the last row (it is not an empty row).
 *
 * @throws {UnclosedQuote} when a quoted cell is never closed.
 */
export class UnclosedQuote extends Error {
  constructor(public row: number) {
    super(`unclosed quote on pasted row ${row}`);
  }
}

/** Characters one pasted cell may hold (Excel's own limit for a cell, as the core's). */
export const MAX_CELL_CHARS = 32767;

export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  let openedOn = 0;
  let atStart = true;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i += 1;
        continue;
      }
      cell += c;
      i += 1;
      continue;
    }
    if (c === '"' && atStart) {
      quoted = true;
      openedOn = rows.length + 1;
      atStart = false;
      i += 1;
      continue;
    }
    if (c === "\t") {
      row.push(cell);
      cell = "";
      atStart = true;
      i += 1;
      continue;
    }
    if (c === "\r" || c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atStart = true;
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    cell += c;
    atStart = false;
    i += 1;
  }
  // A quote opened at the start of a cell and never closed: read on, it swallowed the rest of
  // the clipboard into one cell. Refused with the (1-based) row it opened on.
  if (quoted) throw new UnclosedQuote(openedOn);
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((x) => x.trim() !== ""));
}

/** How one table column takes pasted text. */
export interface PasteColumn {
  field: string;
  title: string;
  /** Other headers meaning this column (its title in the other language). */
  aliases?: string[];
  kind: "text" | "choice" | "multi" | "level" | "tick";
  choices?: Choice[];
  required?: boolean;
  /** An extra check on text (the core's rules, e.g. an address). */
  check?: (v: string) => boolean;
  /** No two pasted rows may hold the same text here (names). */
  unique?: boolean;
}

/** A pasted problem: where (1-based pasted row, column letter and title) and what. */
export interface PasteProblem {
  row: number;
  column: string;
  title: string;
  /** i18n key and its arguments. */
  key: string;
  args: Record<string, string>;
}

export interface PastePlan {
  /** Whether the first pasted row was read as the table's headers. */
  header: boolean;
  /** Rows without problems: field → value (nested fields as `scores.safety`). */
  rows: Array<{ row: number; values: Record<string, unknown> }>;
  problems: PasteProblem[];
  /** Pasted columns no table column takes (their text is left out). */
  ignored: string[];
}

export function columnLetter(i: number): string {
  let s = "";
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const YES = new Set(["yes", "y", "true", "1", "○", "〇", "o", "✓", "✔", "はい", "有", "あり"]);
const NO = new Set(["no", "n", "false", "0", "×", "-", "−", "いいえ", "無", "なし", ""]);

/**
 * Read pasted cells into rows of the table. When every cell of the first row names one of
 * the table's column titles, it is the header and decides the columns; otherwise the cells
 * fill `columns` in order. Choices are resolved like a typed choice (name in either language
 * or id); a cell that resolves to nothing is a problem at its row and column, and that row is
 * left out. Multi-choice cells list their choices separated by , 、 ; or line breaks.
 */
export function planPaste(cells: string[][], columns: PasteColumn[]): PastePlan {
  const problems: PasteProblem[] = [];
  const rows: PastePlan["rows"] = [];
  const first = cells[0] ?? [];
  const byTitle = new Map(columns.flatMap((c) => [c.title, ...(c.aliases ?? [])].map((x) => [fold(x), c] as const)));
  // The first row is a header when it names the table's columns (in either language): all of
  // its cells, or at least two and half of them (a "No." or 備考 column besides).
  const named = first.filter((x) => x.trim());
  const matched = named.filter((x) => byTitle.has(fold(x))).length;
  const header = matched > 0 && (matched === named.length || (matched >= 2 && matched * 2 >= named.length));
  const layout: Array<PasteColumn | undefined> = header ? first.map((x) => byTitle.get(fold(x))) : first.map((_, i) => columns[i]);
  // A header naming one column twice: which one is meant is unknown, so neither is read.
  const twice = new Set(layout.filter((c, i) => c && layout.indexOf(c) !== i));
  if (header && twice.size) {
    return {
      header,
      rows: [],
      ignored: [],
      problems: [...twice].map((c) => ({
        row: 1,
        column: columnLetter(layout.lastIndexOf(c)),
        title: c!.title,
        key: "ui.paste.header_twice",
        args: {},
      })),
    };
  }
  const width = Math.max(...cells.map((r) => r.length), 0);
  const ignored: string[] = [];
  for (let i = 0; i < width; i++) {
    if (!(header ? layout[i] : columns[i]))
      ignored.push(header && first[i]?.trim() ? `${columnLetter(i)}（${first[i].trim()}）` : columnLetter(i));
  }
  const body = header ? cells.slice(1) : cells;
  const seen = new Map<string, Set<string>>();
  body.forEach((r, ri) => {
    const rowNo = ri + 1 + (header ? 1 : 0);
    const values: Record<string, unknown> = {};
    let bad = false;
    const problem = (ci: number, col: PasteColumn, key: string, args: Record<string, string>) => {
      problems.push({ row: rowNo, column: columnLetter(ci), title: col.title, key, args });
      bad = true;
    };
    // A pasted choice must name one choice without doubt: no best guess goes into a
    // document the customer signs.
    const pick = (ci: number, col: PasteColumn, text: string): string | undefined => {
      const r = resolveUnique(col.choices ?? [], text);
      if (r && "choice" in r) return r.choice.value;
      if (r)
        problem(ci, col, "ui.paste.ambiguous", {
          text,
          choices: r.ambiguous
            .slice(0, 4)
            .map((c) => c.label)
            .join(" / "),
        });
      else problem(ci, col, "ui.paste.no_choice", { text });
      return undefined;
    };
    for (let ci = 0; ci < width; ci++) {
      const col = header ? layout[ci] : columns[ci];
      if (!col) continue;
      const raw = (r[ci] ?? "").trim();
      if (raw.length > MAX_CELL_CHARS) {
        problem(ci, col, "ui.paste.too_long", { n: String(raw.length), max: String(MAX_CELL_CHARS) });
        continue;
      }
      if (!raw) {
        if (col.required) problem(ci, col, "ui.paste.missing", {});
        continue;
      }
      switch (col.kind) {
        case "text": {
          const once = seen.get(col.field) ?? new Set<string>();
          seen.set(col.field, once);
          if (col.check && !col.check(raw)) problem(ci, col, col.unique ? "ui.paste.taken" : "ui.paste.invalid", { text: raw });
          else if (col.unique && once.has(fold(raw))) problem(ci, col, "ui.paste.repeated", { text: raw });
          else values[col.field] = raw;
          once.add(fold(raw));
          break;
        }
        case "choice": {
          const c = pick(ci, col, raw);
          if (c) values[col.field] = c;
          break;
        }
        case "multi": {
          const out: string[] = [];
          for (const part of raw
            .split(/[,、;；\n]/)
            .map((x) => x.trim())
            .filter(Boolean)) {
            const c = pick(ci, col, part);
            if (c && !out.includes(c)) out.push(c);
          }
          values[col.field] = out;
          break;
        }
        case "level": {
          // 1, 2 or 3 as written (full-width too); not "0x3" or "1e0".
          const d = fold(raw);
          if (/^[123]$/.test(d)) values[col.field] = Number(d);
          else problem(ci, col, "ui.paste.level", { text: raw });
          break;
        }
        case "tick": {
          const v = fold(raw);
          if (YES.has(v)) values[col.field] = true;
          else if (NO.has(v)) values[col.field] = false;
          else problem(ci, col, "ui.paste.tick", { text: raw });
          break;
        }
      }
    }
    for (const col of columns) {
      const placed = header ? layout.includes(col) : columns.indexOf(col) < width;
      if (col.required && !placed) {
        // A required column the paste does not have at all: named by its title only.
        problems.push({ row: rowNo, column: "", title: col.title, key: "ui.paste.missing", args: {} });
        bad = true;
      }
    }
    if (!bad) rows.push({ row: rowNo, values });
  });
  return { header, rows, problems, ignored };
}
