import { describe, expect, it } from "vitest";
import cases from "../../models/testdata/addresses.json";
import { isPresent, isValidAddress } from "../src/validation";

// The same cases the core's rule runs (models/src/validate/address.rs): the app refuses at
// the field exactly what the ledger import refuses.
describe("address check, shared with the core", () => {
  it.each(cases.valid)("accepts %j", (s) => expect(isValidAddress(s)).toBe(true));
  it.each(cases.invalid)("refuses %j", (s) => expect(isValidAddress(s)).toBe(false));
});

describe("required names", () => {
  it("refuses empty and blank names", () => {
    expect(isPresent("")).toBe(false);
    expect(isPresent(" 　")).toBe(false);
    expect(isPresent(undefined)).toBe(false);
    expect(isPresent("PLC-01")).toBe(true);
  });
});

describe("dates typed in a cell", () => {
  it("takes real YYYY-MM-DD dates only", async () => {
    const { isIsoDate } = await import("../src/validation");
    expect(isIsoDate("2026-12-01")).toBe(true);
    expect(isIsoDate("２０２６-１２-０１")).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026/12/01")).toBe(false);
    expect(isIsoDate("昨日")).toBe(false);
  });
});
