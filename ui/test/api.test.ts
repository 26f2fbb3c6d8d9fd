import { beforeEach, describe, expect, it, vi } from "vitest";

// The shell's commands each take one argument named `request` (src-tauri/src/commands.rs);
// `invoke` is replaced to see what the window sends.
const invoke = vi.fn(async (..._: unknown[]) => null as unknown);
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...a: unknown[]) => invoke(...a) }));

const { api, call } = await import("../src/api");

describe("a command call", () => {
  beforeEach(() => invoke.mockClear());

  it("sends its request as the one argument `request`", async () => {
    await call("open_recent", "/tmp/工場.otz");
    expect(invoke).toHaveBeenCalledWith("open_recent", { request: "/tmp/工場.otz" });
    await api.explain(7, "T01@a", "en");
    expect(invoke).toHaveBeenCalledWith("explain", { request: { revision: 7, risk_id: "T01@a", lang: "en" } });
  });

  it("sends no argument to a command that takes none", async () => {
    await api.appInfo();
    expect(invoke).toHaveBeenCalledWith("app_info", {});
  });

  it("leaves an optional field out rather than sending null", async () => {
    const project = { format_version: 1 } as never;
    await api.autosave(project, null);
    expect(invoke).toHaveBeenLastCalledWith("autosave", { request: { project, path: null } });
    await api.autosave(project, "/p.otz", "before-reload-1");
    expect(invoke).toHaveBeenLastCalledWith("autosave", { request: { project, path: "/p.otz", keep: "before-reload-1" } });
  });
});
