import { describe, expect, it } from "vitest";
import { catalogueKeys, catalogues, negotiateLocale, translate } from "./index";

describe("message catalogues", () => {
  it("hold the same keys in nl, fr and en", () => {
    const en = catalogueKeys(catalogues.en).sort();
    expect(catalogueKeys(catalogues.nl).sort()).toEqual(en);
    expect(catalogueKeys(catalogues.fr).sort()).toEqual(en);
  });

  it("use the same {{placeholders}} in every language", () => {
    const placeholders = (text: string) =>
      [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const key of catalogueKeys(catalogues.en)) {
      const en = placeholders(translate("en", key));
      expect(placeholders(translate("nl", key)), `nl ${key}`).toEqual(en);
      expect(placeholders(translate("fr", key)), `fr ${key}`).toEqual(en);
    }
  });

  it("fills in parameters and falls back to the key when a text is missing", () => {
    expect(translate("fr", "errors.tooLong", { field: "titre", max: 300 })).toBe(
      "titre est trop long (300 caractères au maximum).",
    );
    expect(translate("nl", "no.such.key")).toBe("no.such.key");
  });

  it("negotiates the language from Accept-Language", () => {
    expect(negotiateLocale("fr-BE,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(negotiateLocale("de-DE,en;q=0.5")).toBe("en");
    expect(negotiateLocale(undefined)).toBe("nl");
  });
});
