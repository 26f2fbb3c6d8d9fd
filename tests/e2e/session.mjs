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

/** A WebDriver session on the built app. */
export function startApp() {
  return remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "warn",
    capabilities: { "tauri:options": { application: app } },
  });
}
