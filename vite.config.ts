import { crx, type ManifestV3Export } from "@crxjs/vite-plugin";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import manifest from "./manifest.json" with { type: "json" };

// Both content scripts are built standalone (self-contained IIFE): no loader, no dynamic imports and
// therefore no web_accessible_resources the Urssaf pages could probe to detect the extension. The
// MAIN-world dialog bridge has no chrome.runtime at all, so it could not load chunks anyway.
export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest: manifest as ManifestV3Export,
      contentScripts: {
        standaloneFiles: ["src/content/main.ts", "src/content/handshake.ts", "src/content/dialog-bridge.ts"],
      },
    }),
  ],
  build: {
    target: "chrome121",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
  },
  server: { cors: false },
});
