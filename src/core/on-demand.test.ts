import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const sent: string[] = [];
let inject: () => void = () => undefined;
vi.mock("./send.ts", () => ({
  send: async (message: { type: string }) => {
    sent.push(message.type);
    inject();
    return { loaded: true };
  },
}));

const { onDemand, provide } = await import("./on-demand.ts");

const GLOBALS = ["tiersAssistantPageFeatures", "tiersAssistantDiagnostics"];
beforeEach(() => {
  sent.length = 0;
  inject = () => undefined;
});
afterEach(() => {
  for (const g of GLOBALS) Reflect.deleteProperty(globalThis, g);
});

describe("onDemand", () => {
  it("asks the worker once for a part this frame does not have, then gives what it provided", async () => {
    const code = { answer: 42 };
    inject = () => provide("features", code);
    const load = onDemand<typeof code>("features");
    expect(await load()).toBe(code);
    expect(await load()).toBe(code);
    expect(sent).toEqual(["content/features"]);
  });

  it("asks nothing when the part is already there (injected for another caller)", async () => {
    const code = { diagnose: true };
    provide("diagnostics", code);
    expect(await onDemand<typeof code>("diagnostics")()).toBe(code);
    expect(sent).toEqual([]);
  });

  it("fails with what to do when the worker answered but nothing came, and asks again next time", async () => {
    const load = onDemand<object>("diagnostics");
    await expect(load()).rejects.toThrow(
      "Une partie de l'extension n'a pas pu être chargée dans cette page : rechargez-la.",
    );
    const code = { later: true };
    inject = () => provide("diagnostics", code);
    expect(await load()).toBe(code);
    expect(sent).toEqual(["diagnostic/load", "diagnostic/load"]);
  });
});
