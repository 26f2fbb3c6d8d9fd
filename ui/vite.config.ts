import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const models = fileURLToPath(new URL("../models", import.meta.url));

export default defineConfig({
  // Tauri serves the built files; no network access at run time.
  clearScreen: false,
  server: { port: 5173, strictPort: true, fs: { allow: [".", models] } },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  test: { environment: "node", include: ["test/**/*.test.ts"] },
});
