import { describe, expect, it } from "vitest";
import {
  type Catalog,
  catalogLocales,
  formatMessage,
  mergeCatalogs,
  pickTexts,
  readCatalog,
} from "./i18n-catalog.ts";

// Written by hand from the WebExtension i18n format (named placeholders, $1…$9, $$).
const fr: Catalog = {
  optPortfolioSummary: {
    message: "Lu le $P1$ : $P2$ comptes sur $P3$ page(s) ; $P4$ correspondent au registre.",
    placeholders: {
      p1: { content: "$1" },
      p2: { content: "$2" },
      p3: { content: "$3" },
      p4: { content: "$4" },
    },
  },
  price: { message: "$AMOUNT$ $$ ou $1 (et $2)", placeholders: { AMOUNT: { content: "$1 €" } } },
  fixed: { message: "Tiers Assistant" },
};

describe("formatMessage", () => {
  it("gives the text of a key with its named placeholders filled", () => {
    expect(formatMessage(fr, "optPortfolioSummary", ["06/12/2026 14:00", "167", "17", "3"])).toBe(
      "Lu le 06/12/2026 14:00 : 167 comptes sur 17 page(s) ; 3 correspondent au registre.",
    );
  });

  it("reads $$ as a dollar, leaves a missing substitution empty, and takes a single string", () => {
    expect(formatMessage(fr, "price", "12")).toBe("12 € $ ou 12 (et )");
  });

  it("does not read a substituted value again", () => {
    expect(formatMessage(fr, "price", ["$2", "x"])).toBe("$2 € $ ou $2 (et x)");
  });

  it("answers an empty text for an unknown key, as the browser does", () => {
    expect(formatMessage(fr, "nope")).toBe("");
    expect(formatMessage(fr, "fixed")).toBe("Tiers Assistant");
  });

  it("gives a text without any placeholder as it is, substitutions or not", () => {
    expect(formatMessage(fr, "fixed", ["x", "y"])).toBe("Tiers Assistant");
  });
});

describe("catalogLocales", () => {
  it("tries the region, the language, then the default locale", () => {
    expect(catalogLocales("fr-FR", "fr")).toEqual(["fr_FR", "fr"]);
    expect(catalogLocales("en-GB", "fr")).toEqual(["en_GB", "en", "fr"]);
    expect(catalogLocales("de", "fr")).toEqual(["de", "fr"]);
  });
});

describe("mergeCatalogs", () => {
  it("takes each key from the first catalog that has it", () => {
    const en: Catalog = { fixed: { message: "Tiers Assistant (en)" } };
    const merged = mergeCatalogs([en, fr]);
    expect(merged.fixed?.message).toBe("Tiers Assistant (en)");
    expect(merged.price?.message).toBe("$AMOUNT$ $$ ou $1 (et $2)");
  });
});

describe("readCatalog", () => {
  it("reads the locales we ship, best first, and skips the others", async () => {
    const asked: string[] = [];
    const files: Record<string, Catalog> = { en: { fixed: { message: "en" } }, fr };
    const catalog = await readCatalog("en-US", "fr", async (locale) => {
      asked.push(locale);
      return files[locale] ?? null;
    });
    expect(asked).toEqual(["en_US", "en", "fr"]);
    expect(formatMessage(catalog, "fixed")).toBe("en");
    expect(formatMessage(catalog, "price", "1")).toBe("1 € $ ou 1 (et )");
  });
});

describe("pickTexts", () => {
  it("keeps the keys asked for that the catalog has, and the probe key", () => {
    const catalog: Catalog = { ...fr, extName: { message: "Tiers Assistant" } };
    const picked = pickTexts(catalog, ["fixed", "missing"]);
    expect(picked).toEqual({
      extName: { message: "Tiers Assistant" },
      fixed: { message: "Tiers Assistant" },
    });
  });

  it("gives an empty catalog when the catalog is empty (the content script then asks the browser)", () => {
    expect(pickTexts({}, ["fixed"])).toEqual({});
  });
});
