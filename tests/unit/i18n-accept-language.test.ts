import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "@/lib/i18n/translator";

// The API's error messages and the not-found page outside a locale speak the browser's language.

describe("localeFromAcceptLanguage", () => {
  it("picks the first of our languages by weight, regions and case aside", () => {
    expect(localeFromAcceptLanguage("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(localeFromAcceptLanguage("fr;q=1, en;q=0.5, de;q=0.7")).toBe("de");
    expect(localeFromAcceptLanguage("EN-gb")).toBe("en");
    expect(localeFromAcceptLanguage("de;Q=0.4, en;q=0.6")).toBe("en");
  });

  it("falls back to English for no header, no language of ours, or a refused one", () => {
    expect(localeFromAcceptLanguage(null)).toBe("en");
    expect(localeFromAcceptLanguage("")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR, it")).toBe("en");
    expect(localeFromAcceptLanguage("de;q=0")).toBe("en");
    expect(localeFromAcceptLanguage("de;q=abc")).toBe("en");
  });
});
