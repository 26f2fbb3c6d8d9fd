import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import ja from "../../models/i18n/ja.json";
import en from "../../models/i18n/en.json";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("i18n table", () => {
  it("has the same keys and parameters in Japanese and English", () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    const params = (s: string) => (s.match(/\{[a-z_]+\}/g) ?? []).sort();
    for (const k of Object.keys(ja))
      expect(params((en as Record<string, string>)[k]), k).toEqual(params((ja as Record<string, string>)[k]));
  });
  it("holds every literal key the UI uses", () => {
    const src = sources(new URL("../src", import.meta.url).pathname)
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    const used = [...src.matchAll(/\bt\("((?:ui|xl|state|severity|criterion|responsibility|status)\.[A-Za-z0-9_.-]+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(50);
    const missing = used.filter((k) => !(k in ja));
    expect(missing).toEqual([]);
  });
});

describe("counts", () => {
  it("a count of one reads as one in English, and Japanese is unchanged", async () => {
    const { setLang, t } = await import("../src/i18n");
    setLang("en");
    expect(t("ui.rows", { n: 1 })).toBe("1 row");
    expect(t("ui.rows", { n: 2 })).toBe("2 rows");
    expect(t("ui.risk.intolerable", { n: 1, tol: "C" })).toBe("1 residual risk above tolerable (C)");
    setLang("ja");
    expect(t("ui.rows", { n: 1 })).toBe("1行");
  });
});

describe("errors from the core", () => {
  it("are said in the reader's language by their code, with where they happened", async () => {
    const { errorText } = await import("../src/api");
    const { setLang } = await import("../src/i18n");
    const e = {
      code: "invalid_json",
      message: "p.json, line 3, column 3: expected value",
      location: { file: "p.json", row: 3, column: "3" },
    };
    setLang("ja");
    const ja = errorText(e);
    expect(ja.startsWith("JSON として読めません (p.json · 行 3 · 列 3)")).toBe(true);
    expect(ja).toContain("expected value");
    setLang("en");
    expect(errorText(e).startsWith("The file is not valid JSON (p.json · Row 3 · Column 3)")).toBe(true);
    // Problems keep their own places; an unknown code keeps the core's message.
    const m = errorText({
      code: "invalid_model",
      message: "inconsistent",
      problems: [{ location: { path: "assets[2].zone" }, message: "zone does not exist" }],
    });
    expect(m).toBe("The project is inconsistent; nothing was changed\n• assets[2].zone: zone does not exist");
    expect(errorText({ code: "stale", message: "the analysis is stale" })).toBe("the analysis is stale");
    setLang("ja");
  });
});
