import { describe, expect, it } from "vitest";
import { parseTsv, planPaste, type PasteColumn } from "../src/paste-rows";

// Excel's clipboard text for a block of cells, worked out by hand: tabs between cells, CRLF
// after each row (also the last), a cell with a line break or quote in double quotes.
describe("tab-separated text as Excel copies it", () => {
  it("splits rows and cells, and the final line break is not a row", () => {
    expect(parseTsv("a\tb\r\nc\td\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
  it("keeps a quoted cell's line break, tab and doubled quote", () => {
    expect(parseTsv('"x\ny"\t"say ""hi"""\t"a\tb"\n')).toEqual([["x\ny", 'say "hi"', "a\tb"]]);
  });
  it("keeps empty cells in place and drops blank rows", () => {
    expect(parseTsv("a\t\tc\n\t\t\nd\n")).toEqual([["a", "", "c"], ["d"]]);
  });
});

const threats = [
  {
    value: "T01",
    label: "T01 外部ネットワークからシステムへの不正アクセス",
    keys: ["T01", "外部ネットワークからシステムへの不正アクセス", "Unauthorised access to systems from external networks"],
  },
  { value: "T02", label: "T02 マルウェア感染", keys: ["T02", "マルウェア感染", "Malware infection"] },
];
const parties = [
  { value: "sier", label: "SIer", keys: ["sier", "SIer", "SIer (integrator)"] },
  { value: "customer", label: "顧客", keys: ["customer", "顧客", "Customer"] },
];
// The countermeasure table's first columns.
const columns: PasteColumn[] = [
  { field: "detail", title: "内容", kind: "text" },
  { field: "threats", title: "対象脅威", kind: "multi", choices: threats },
  { field: "responsibility", title: "責任", kind: "choice", choices: parties, required: true },
  { field: "paid", title: "有償", kind: "tick" },
];

describe("pasted rows read with the table's columns", () => {
  it("fills the columns in order when no header is pasted", () => {
    const plan = planPaste(parseTsv("FW設置\tT01、マルウェア\t顧客\t○\r\n"), columns);
    expect(plan.header).toBe(false);
    expect(plan.problems).toEqual([]);
    expect(plan.rows).toEqual([{ row: 1, values: { detail: "FW設置", threats: ["T01", "T02"], responsibility: "customer", paid: true } }]);
  });

  it("reads a pasted header row by the table's titles, in any order", () => {
    const plan = planPaste(parseTsv("責任\t内容\nSIer\tUTM導入\n"), columns);
    expect(plan.header).toBe(true);
    expect(plan.rows).toEqual([{ row: 2, values: { responsibility: "sier", detail: "UTM導入" } }]);
  });

  it("locates what matches nothing at its pasted row and column, and leaves that row out", () => {
    const plan = planPaste(parseTsv("ok\tT01\t顧客\n bad\tT99\t誰か\t多分\n"), columns);
    expect(plan.rows.map((r) => r.row)).toEqual([1]);
    expect(plan.problems.map((p) => `${p.row}${p.column}:${p.key}:${p.args.text ?? ""}`)).toEqual([
      "2B:ui.paste.no_choice:T99",
      "2C:ui.paste.no_choice:誰か",
      "2D:ui.paste.tick:多分",
    ]);
  });

  it("a required column left empty is a problem", () => {
    const plan = planPaste(parseTsv("内容だけ\tT01\n"), columns);
    expect(plan.rows).toEqual([]);
    expect(plan.problems[0]).toMatchObject({ row: 1, title: "責任", key: "ui.paste.missing" });
  });

  it("cells beyond the table's columns are named as left out", () => {
    const plan = planPaste(parseTsv("a\tT01\tSIer\tいいえ\textra\n"), columns);
    expect(plan.ignored).toEqual(["E"]);
    expect(plan.rows[0].values.paid).toBe(false);
  });
});

describe("a pasted choice is never guessed", () => {
  it("text fitting several choices is a problem naming them", () => {
    // 「ア」 is in both threat names (不正アクセス, マルウェア): which one is meant is unknown.
    const plan = planPaste(parseTsv("x\tア\tSIer\n"), columns);
    expect(plan.rows).toEqual([]);
    expect(plan.problems[0]).toMatchObject({ row: 1, column: "B", key: "ui.paste.ambiguous" });
    expect(plan.problems[0].args.choices).toContain("T01");
    expect(plan.problems[0].args.choices).toContain("T02");
  });
  it("an exact name or id wins even when it is part of another", () => {
    const plan = planPaste(parseTsv("x\tT02\tCustomer\n"), columns);
    expect(plan.rows[0].values).toMatchObject({ threats: ["T02"], responsibility: "customer" });
  });
});

describe("pasted names", () => {
  it("a name already taken, or twice in the paste, is a problem at its cell", () => {
    const taken = new Set(["組立工程"]);
    const cols: PasteColumn[] = [{ field: "name", title: "業務", kind: "text", required: true, unique: true, check: (v) => !taken.has(v) }];
    const plan = planPaste(parseTsv("組立工程\n検査\n検査\n"), cols);
    expect(plan.rows.map((r) => r.values.name)).toEqual(["検査"]);
    expect(plan.problems.map((p) => `${p.row}${p.column}:${p.key}`)).toEqual(["1A:ui.paste.taken", "3A:ui.paste.repeated"]);
  });
});

describe("a pasted header", () => {
  it("is read with a column the table lacks, and in the other language", () => {
    const cols: PasteColumn[] = [
      { field: "detail", title: "内容", aliases: ["Detail"], kind: "text" },
      { field: "responsibility", title: "責任", aliases: ["Responsible"], kind: "choice", choices: parties, required: true },
    ];
    const plan = planPaste(parseTsv("No.\tDetail\tResponsible\n1\tUTM\tCustomer\n"), cols);
    expect(plan.header).toBe(true);
    expect(plan.ignored).toEqual(["A（No.）"]);
    expect(plan.rows).toEqual([{ row: 2, values: { detail: "UTM", responsibility: "customer" } }]);
  });
  it("one matching word among data is not a header", () => {
    const cols: PasteColumn[] = [
      { field: "name", title: "業務", kind: "text" },
      { field: "d", title: "部署", kind: "text" },
    ];
    const plan = planPaste(parseTsv("業務改善\t製造部\n"), cols);
    expect(plan.header).toBe(false);
    expect(plan.rows.length).toBe(1);
  });
});

describe("pasted text the hostile test found", () => {
  it("refuses an unclosed quote with the row it opened on, instead of swallowing the rest", async () => {
    const { parseTsv, UnclosedQuote } = await import("../src/paste-rows");
    expect(() => parseTsv('ok\tx\n"abc\tdef\nghi\tjkl\n')).toThrow(UnclosedQuote);
    try {
      parseTsv('ok\tx\n"abc\tdef\nghi\tjkl\n');
    } catch (e) {
      expect((e as InstanceType<typeof UnclosedQuote>).row).toBe(2);
    }
    expect(parseTsv('"a\nb"\tc\n')).toEqual([["a\nb", "c"]]);
  });
  it("reads levels as 1, 2 or 3 only (not 0x3 or 1e0)", () => {
    const cols: PasteColumn[] = [
      { field: "s", title: "安全", kind: "level" },
      { field: "e", title: "環境", kind: "level" },
    ];
    const plan = planPaste(parseTsv("0x3\t1e0\n３\t2\n"), cols);
    expect(plan.rows).toEqual([{ row: 2, values: { s: 3, e: 2 } }]);
    expect(plan.problems.map((p) => `${p.row}${p.column}:${p.key}`)).toEqual(["1A:ui.paste.level", "1B:ui.paste.level"]);
  });
  it("refuses a cell longer than a spreadsheet cell holds", () => {
    const cols: PasteColumn[] = [{ field: "name", title: "業務", kind: "text" }];
    const plan = planPaste(parseTsv(`${"あ".repeat(40000)}\n`), cols);
    expect(plan.rows).toEqual([]);
    expect(plan.problems[0].key).toBe("ui.paste.too_long");
  });
  it("a header naming a column twice reads nothing", () => {
    const cols: PasteColumn[] = [
      { field: "name", title: "業務", kind: "text" },
      { field: "d", title: "部署", kind: "text" },
    ];
    const plan = planPaste(parseTsv("業務\t業務\nAAA\tBBB\n"), cols);
    expect(plan.rows).toEqual([]);
    expect(plan.problems[0]).toMatchObject({ row: 1, column: "B", key: "ui.paste.header_twice" });
  });
});
