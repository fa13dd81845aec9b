import { defineConfig } from "vite";

// The command-line tool (src/cli/bin.ts) as one bundled ES module for Node: `npm run cli`, the package's
// `bin` and the tests run it without compiling TypeScript on the fly (start-up is most of a small run).
// Every dependency is bundled (papaparse, read-excel-file, zod), so the packed tarball needs nothing
// installed beside it; only node: built-ins stay external.
export default defineConfig({
  build: {
    ssr: "src/cli/bin.ts",
    outDir: "dist-cli",
    emptyOutDir: true,
    target: "node20",
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rollupOptions: {
      output: {
        entryFileNames: "tiers-assistant.mjs",
        banner: "#!/usr/bin/env node",
        codeSplitting: false,
      },
    },
  },
  ssr: { noExternal: true, target: "node" },
  publicDir: false,
  logLevel: "warn",
});
