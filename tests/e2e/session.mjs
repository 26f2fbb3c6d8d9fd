// What the end-to-end specs share: where the built app, the screenshots and the UI's node
// modules are, and one WebDriver session on the app (tauri-driver on port 4444, started by
// run.sh).
import { createRequire } from "node:module";
import { join } from "node:path";

export const root = new URL("../../", import.meta.url).pathname;
/** `require` resolving from the UI's node_modules (webdriverio, exceljs). */
export const uiRequire = createRequire(join(root, "ui/package.json"));
export const app = join(root, "target/debug/otzone-studio");
export const shots = join(root, "target/e2e-shots");

const { remote } = await import(uiRequire.resolve("webdriverio"));

/** A WebDriver session on the built app (or another build), started with `args`. */
export function startApp({ application = app, args = [] } = {}) {
  return remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "warn",
    capabilities: {
      "tauri:options": { application, ...(args.length ? { args } : {}) },
    },
  });
}

/** Count, median, 95th percentile and maximum of timings (ms), for the benchmarks. */
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return {
    n: s.length,
    median_ms: +q(0.5).toFixed(1),
    p95_ms: +q(0.95).toFixed(1),
    max_ms: +s.at(-1).toFixed(1),
  };
}
