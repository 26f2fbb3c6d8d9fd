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
