import { describe, expect, it } from "vitest";
import { changedRows, emptyQuery, filterRows, RegisterNamer, sortRows, withNames, type RiskView } from "../src/register";

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

describe("the register namer", () => {
  // Ten rows over five assets (two threats each) in two zones, as an edit leaves them.
  const risks = Array.from({ length: 10 }, (_, i) => row(i, i % 2 ? "z1" : "z2", "C", true)).map((r, i) => ({
    ...r,
    id: `T0${i % 2}@a${i >> 1}`,
    threat: `T0${i % 2}`,
    asset: `a${i >> 1}`,
  }));
  const assets = Array.from({ length: 5 }, (_, i) => ({ id: `a${i}`, name: `PLC-${i}`, number: i + 1 }));
  const zones = [
    { id: "z1", name: "制御ゾーン" },
    { id: "z2", name: "情報系ゾーン" },
  ];
  const threats = new Map([["T01", "不正アクセス"]]);
  // What naming every row from scratch gives: the namer must always agree with it.
  const fromScratch = (rs: RiskView[], as: typeof assets, zs: typeof zones, ts = threats) =>
    withNames(
      rs,
      new Map(as.map((a) => [a.id, a.name])),
      new Map(zs.map((z) => [z.id, z.name])),
      ts,
      new Map(as.map((a) => [a.id, a.number])),
    );

  it("names rows as naming from scratch does, and reuses every row nothing changed", () => {
    const namer = new RegisterNamer();
    const first = namer.name(risks, assets, zones, threats);
    expect(first).toEqual(fromScratch(risks, assets, zones));
    expect(first[3].ref).toBe("A-002/T01");
    const again = namer.name(risks, assets, zones, threats);
    expect(again.every((r, i) => r === first[i])).toBe(true);
  });

  it("names again only the rows of an asset renamed or renumbered", () => {
    const namer = new RegisterNamer();
    const first = namer.name(risks, assets, zones, threats);
    // Asset a2 renamed (a new object, as an edit makes it); a4 renumbered; the rest kept.
    const edited = assets.map((a) => (a.id === "a2" ? { ...a, name: "改名したPLC" } : a.id === "a4" ? { ...a, number: 40 } : a));
    const out = namer.name(risks, edited, zones, threats);
    expect(out).toEqual(fromScratch(risks, edited, zones));
    const touched = out.flatMap((r, i) => (r === first[i] ? [] : [r.asset]));
    expect(touched).toEqual(["a2", "a2", "a4", "a4"]);
    expect(out[4].assetName).toBe("改名したPLC");
    expect(out[9].ref).toBe("A-040/T01");
  });

  it("follows rows that moved, changed or went, and zones and threat names that changed", () => {
    const namer = new RegisterNamer();
    const first = namer.name(risks, assets, zones, threats);
    // The register reordered (a residual risk moved), one row changed, one went.
    const changed = { ...risks[6], values: ["A", "A", "A"] as [string, string, string] };
    const moved = [risks[9], changed, ...risks.slice(0, 6), risks[7]];
    const out = namer.name(moved, assets, zones, threats);
    expect(out).toEqual(fromScratch(moved, assets, zones));
    expect(out[0]).toBe(first[9]);
    expect(out[1].values[2]).toBe("A");
    // A zone renamed: its rows only.
    const zs = [{ ...zones[0], name: "新しい制御ゾーン" }, zones[1]];
    const renamedZone = namer.name(moved, assets, zs, threats);
    expect(renamedZone).toEqual(fromScratch(moved, assets, zs));
    expect(renamedZone.filter((r, i) => r !== out[i]).every((r) => r.zone === "z1")).toBe(true);
    // The language changed (a new map of threat names): every row anew.
    const en = new Map([["T01", "Unauthorised access"]]);
    expect(namer.name(moved, assets, zs, en)).toEqual(fromScratch(moved, assets, zs, en));
    // An asset removed and the list reordered: named from scratch, still right.
    const fewer = [assets[4], ...assets.slice(1, 4)];
    const left = moved.filter((r) => r.asset !== "a0");
    expect(namer.name(left, fewer, zs, en)).toEqual(fromScratch(left, fewer, zs, en));
    // Rows of an asset no longer in the project show its id, as from scratch.
    expect(namer.name(moved, fewer, zs, en)).toEqual(fromScratch(moved, fewer, zs, en));
  });
});
