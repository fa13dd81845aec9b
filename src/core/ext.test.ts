// The content script's API object is the browser's own, and each UI text is asked for once per page.
import { afterAll, describe, expect, it, vi } from "vitest";

const getMessage = vi.fn((key: string, subs?: string | string[]) =>
  key === "missing" ? "" : `${key}:${[subs ?? []].flat().join(",")}`,
);
vi.stubGlobal("chrome", { i18n: { getMessage } });
const { browser, t } = await import("./ext.ts");

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
});
