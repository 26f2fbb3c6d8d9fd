import { describe, expect, it } from "vitest";
import { fold, matchChoices, resolveChoice, type Choice } from "../src/choices";

// Asset types as the catalogue offers them: id, ja name, en name (the label is the name in
// the UI language, here ja).
const types: Choice[] = [
  { value: "plc", label: "PLC(プログラマブルコントローラ)", keys: ["plc", "PLC (programmable controller)"] },
  { value: "hmi", label: "HMI・操作パネル", keys: ["hmi", "HMI / operator panel"] },
  { value: "scada_server", label: "SCADAサーバ", keys: ["scada_server", "SCADA server"] },
  { value: "other", label: "その他", keys: ["other", "Other"] },
];

describe("choice matching", () => {
  it("opens unfiltered: nothing typed offers every choice in order", () => {
    expect(matchChoices(types, "").map((c) => c.value)).toEqual(["plc", "hmi", "scada_server", "other"]);
  });

  it("takes what a user types: 'PLC' is the PLC, not the current その他", () => {
    // The trap in issue 18: typing PLC + Enter kept その他.
    expect(resolveChoice(types, "PLC")?.value).toBe("plc");
    expect(resolveChoice(types, "plc")?.value).toBe("plc");
  });

  it("matches the other language's name and the id", () => {
    expect(resolveChoice(types, "SCADA server")?.value).toBe("scada_server");
    expect(resolveChoice(types, "scada_server")?.value).toBe("scada_server");
    expect(resolveChoice(types, "operator")?.value).toBe("hmi");
  });

  it("ignores full-width and case differences (IME input)", () => {
    expect(fold("ＳＣＡＤＡ")).toBe("scada");
    expect(resolveChoice(types, "ｈｍｉ")?.value).toBe("hmi");
  });

  it("ranks an exact match before a prefix before a substring", () => {
    const zones: Choice[] = [
      { value: "z1", label: "制御ゾーン2", keys: [] },
      { value: "z2", label: "ゾーン", keys: [] },
      { value: "z3", label: "ゾーン外", keys: [] },
    ];
    expect(matchChoices(zones, "ゾーン").map((c) => c.value)).toEqual(["z2", "z3", "z1"]);
  });

  it("refuses what matches nothing", () => {
    expect(resolveChoice(types, "PLX-9000")).toBeUndefined();
    expect(resolveChoice(types, "   ")).toBeUndefined();
  });
});
