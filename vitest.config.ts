import { defineConfig } from "vitest/config";

// Two projects: pure unit tests (fast, Node) and end-to-end tests that drive the built extension in
// Debian's Chromium (the Firefox build in Debian's Firefox ESR) against the demo Urssaf space.
// `npm test` runs both; the e2e project runs files one after the other because each file owns a
// browser and a demo server.
export default defineConfig({
  test: {
    // The JSON report lets .ci/run print its closing "N passed, N failed" line and check that the
    // browser tests really ran.
    reporters: ["default", ["json", { outputFile: ".tmp/vitest-report.json" }]],
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "src/**/*.test.ts",
            "test/unit/**/*.test.ts",
            "test/demo-site/**/*.test.ts",
            "test/fuzz/**/*.test.ts",
          ],
          environment: "node",
          // Property tests run hundreds of cases: on a loaded 2-core machine the 5 s default is too tight
          // (a time limit, not an assertion; the benchmarks measure speed).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          globalSetup: ["test/e2e/global-setup.ts"],
        },
      },
    ],
  },
});
