// The content script's API object is the browser's own, and each UI text is asked for once per page.
import { afterAll, describe, expect, it, vi } from "vitest";

const getMessage = vi.fn((key: string, subs?: string | string[]) =>
  key === "missing" ? "" : `${key}:${[subs ?? []].flat().join(",")}`,
);
vi.stubGlobal("chrome", { i18n: { getMessage } });
const { browser, loadTexts, t } = await import("./ext.ts");

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

  it("keeps asking the browser when the background sends no catalog", async () => {
    expect(await loadTexts(async () => Promise.reject(new Error("pas de réponse")))).toBe(false);
    expect(await loadTexts(async () => ({}))).toBe(false);
    expect(t("markActive")).toBe("markActive:");
  });

  it("takes every text from the background's catalog once loaded, without asking the browser", async () => {
    const catalog = {
      extName: { message: "Tiers Assistant" },
      jobCount: { message: "$N$ sur $T$", placeholders: { n: { content: "$1" }, t: { content: "$2" } } },
    };
    expect(await loadTexts(async () => catalog)).toBe(true);
    const asked = getMessage.mock.calls.length;
    // Texts asked before are formatted again from the catalog: the cache was emptied.
    expect(t("jobCount", ["1", "2"])).toBe("1 sur 2");
    expect(t("markActive")).toBe("markActive");
    expect(getMessage.mock.calls.length).toBe(asked);
  });
});
