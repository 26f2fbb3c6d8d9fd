import { describe, expect, it } from "vitest";
import { changedRows, emptyQuery, filterRows, sortRows, withNames, type RiskView } from "../src/register";

function row(i: number, zone: string, residual: string, tolerable: boolean): RiskView {
  return {
    id: `T0${i % 9}@a${i}`,
    threat: `T0${i % 9}`,
    asset: `a${i}`,
    zone,
    importance: 2,
    threat_level: 2,
    values: ["A", "B", residual],
    ranks: [0, 1, residual.charCodeAt(0) - 65],
    countermeasure: [1, 2, 2],
    measures: [1, 1],
    tolerable,
    parties: ["sier"],
    treatment: null,
    reconstructed: false,
  };
}

const rows = Array.from({ length: 1000 }, (_, i) => row(i, i % 2 ? "z1" : "z2", i % 3 ? "C" : "B", i % 3 !== 0));
const named = withNames(
  rows,
  new Map(rows.map((r) => [r.asset, `PLC-${r.asset}`])),
  new Map([
    ["z1", "制御ゾーン"],
    ["z2", "情報系ゾーン"],
  ]),
  new Map([["T01", "不正アクセス"]]),
);

describe("register filter", () => {
  it("returns everything for an empty query", () => {
    expect(filterRows(named, emptyQuery).length).toBe(1000);
  });
  it("combines zone, residual value and tolerance", () => {
    const f = filterRows(named, { ...emptyQuery, zone: "z1", residual: "B" });
    expect(f.length).toBe(rows.filter((r) => r.zone === "z1" && r.values[2] === "B").length);
    expect(f.every((r) => r.zone === "z1" && r.values[2] === "B")).toBe(true);
    expect(filterRows(named, { ...emptyQuery, intolerableOnly: true }).every((r) => !r.tolerable)).toBe(true);
  });
  it("matches every word of the text in names, ids and Japanese text", () => {
    const f = filterRows(named, { ...emptyQuery, text: "制御 t01" });
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((r) => r.zoneName === "制御ゾーン" && r.threat === "T01")).toBe(true);
    expect(filterRows(named, { ...emptyQuery, text: "no-such-thing" })).toEqual([]);
  });
  it("lists rows whose figures changed", () => {
    const after = rows.map((r, i) => (i === 5 ? { ...r, values: ["A", "A", "A"] as [string, string, string] } : r));
    expect(changedRows(rows, after)).toEqual([rows[5].id]);
  });
  it("sorts risk columns by rank, keeps ties in register order, and leaves the input alone", () => {
    const order = named.map((r) => r.id);
    const sorted = sortRows(named, "residual", false);
    expect(named.map((r) => r.id)).toEqual(order);
    expect(sorted.length).toBe(named.length);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i - 1].ranks[2]).toBeGreaterThanOrEqual(sorted[i].ranks[2]);
      if (sorted[i - 1].ranks[2] === sorted[i].ranks[2]) expect(named.indexOf(sorted[i - 1])).toBeLessThan(named.indexOf(sorted[i]));
    }
    expect(sortRows(named, "residual", true)[0].ranks[2]).toBe(Math.min(...named.map((r) => r.ranks[2])));
  });
  it("sorts names with a Japanese-aware, numeric collation", () => {
    const up = sortRows(named, "zoneName", true).map((r) => r.zoneName);
    const down = sortRows(named, "zoneName", false).map((r) => r.zoneName);
    expect(new Set(up.slice(0, 500)).size).toBe(1);
    expect(down[0]).toBe(up.at(-1));
    const byAsset = sortRows(named.slice(0, 12), "assetName", true).map((r) => r.assetName);
    expect(byAsset.slice(0, 3)).toEqual(["PLC-a0", "PLC-a1", "PLC-a2"]);
    expect(byAsset.at(-1)).toBe("PLC-a11");
  });
});

describe("readable register ids", () => {
  it("label a row by its asset's number and threat, and can be searched by it", () => {
    const numbered = withNames(rows.slice(0, 3), new Map(), new Map(), new Map(), new Map([[rows[1].asset, 12]]));
    expect(numbered[1].ref).toBe(`A-012/${rows[1].threat}`);
    // An asset without a number yet shows the threat alone.
    expect(numbered[0].ref).toBe(rows[0].threat);
    expect(filterRows(numbered, { ...emptyQuery, text: "a-012" }).map((r) => r.id)).toEqual([rows[1].id]);
  });
});

describe("named rows after an edit", () => {
  it("are reused while the row and its names are the same, and named again when a name changes", () => {
    const cache = new WeakMap();
    const assets = new Map(rows.map((r) => [r.asset, `PLC-${r.asset}`]));
    const zones = new Map([["z1", "制御ゾーン"]]);
    const first = withNames(rows.slice(0, 3), assets, zones, new Map(), new Map(), cache);
    const again = withNames(rows.slice(0, 3), assets, zones, new Map(), new Map(), cache);
    expect(again[0]).toBe(first[0]);
    // The asset of row 1 is renamed: that row is named again, the others stay.
    const renamed = new Map(assets).set(rows[1].asset, "改名したPLC");
    const after = withNames(rows.slice(0, 3), renamed, zones, new Map(), new Map(), cache);
    expect(after[1].assetName).toBe("改名したPLC");
    expect(after[1]).not.toBe(first[1]);
    expect(after[2]).toBe(first[2]);
  });
});
