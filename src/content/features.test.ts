// A feature's id is its file's name (its folder's for an index.ts): the host tag, the logs and the
// tests all say the same name as the code, and a new feature file is in the content script's list.
import { describe, expect, it, vi } from "vitest";
import type { Feature } from "../core/features.ts";

vi.mock("webextension-polyfill", () => ({ default: {} }));

const isFeature = (value: unknown): value is Feature =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Feature).id === "string" &&
  typeof (value as Feature).runsOn === "function" &&
  typeof (value as Feature).run === "function";

const modules = import.meta.glob(["../*/features/*.ts", "../*/features/*/index.ts", "!**/*.test.ts"], {
  eager: true,
});

describe("the features of the content script", () => {
  const files = Object.entries(modules).map(([path, module]) => ({
    name: /\/features\/(?:([^/]+)\/index|([^/]+))\.ts$/.exec(path)?.slice(1).find(Boolean),
    features: Object.values(module as object).filter(isFeature),
  }));

  it("are one per file, named after it", () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) expect(file.features.map((f) => f.id)).toEqual([file.name]);
  });

  it("are all registered, each once", async () => {
    const { FEATURES } = await import("./features.ts");
    expect(FEATURES.map((f) => f.id).sort()).toEqual(files.map((f) => f.name).sort());
  });
});
