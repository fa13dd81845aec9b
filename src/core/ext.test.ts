// The content script's API object is the browser's own, and each UI text is asked for once per page.
import { afterAll, describe, expect, it, vi } from "vitest";

// The browser answers "" for every key once `empty` is set: a renderer it gave no messages.
let empty = false;
const getMessage = vi.fn((key: string, subs?: string | string[]) =>
  empty || key === "missing" ? "" : `${key}:${[subs ?? []].flat().join(",")}`,
);
vi.stubGlobal("chrome", { i18n: { getMessage } });
const { browser, ensureMessages, t } = await import("./ext.ts");

afterAll(() => {
  vi.unstubAllGlobals();
});

describe("ext", () => {
  it("is the native chrome object where there is no browser global", () => {
    expect(browser).toBe(globalThis.chrome);
  });

  it("asks the browser once per text and substitutions", () => {
    expect(t("markActive")).toBe("markActive:");
    expect(t("markActive")).toBe("markActive:");
    expect(t("jobCount", ["1", "2"])).toBe("jobCount:1,2");
    expect(t("jobCount", ["1", "2"])).toBe("jobCount:1,2");
    expect(t("jobCount", ["1,2"])).toBe("jobCount:1,2");
    expect(t("jobCount", "3")).toBe("jobCount:3");
    expect(getMessage).toHaveBeenCalledTimes(4);
  });

  it("falls back to the key when the text is missing", () => {
    expect(t("missing")).toBe("missing");
  });

  it("asks for nothing while the browser has our messages", async () => {
    const ask = vi.fn(async () => ({}));
    expect(await ensureMessages(ask)).toBe(false);
    expect(ask).not.toHaveBeenCalled();
  });

  it("uses the catalog the background sends when the browser has no messages for us", async () => {
    empty = true;
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const catalog = {
      jobCount: { message: "$N$ sur $T$", placeholders: { n: { content: "$1" }, t: { content: "$2" } } },
    };
    expect(await ensureMessages(async () => catalog)).toBe(true);
    // Texts asked before are asked again: the raw keys kept for them are dropped.
    expect(t("jobCount", ["1", "2"])).toBe("1 sur 2");
    expect(t("missing")).toBe("missing");
    empty = false;
  });
});
