import en from "./en.json";
import fr from "./fr.json";
import nl from "./nl.json";
import collabEn from "./collab/en.json";
import collabFr from "./collab/fr.json";
import collabNl from "./collab/nl.json";
import actionplanEn from "./actionplan/en.json";
import actionplanFr from "./actionplan/fr.json";
import actionplanNl from "./actionplan/nl.json";
import portfolioEn from "./portfolio/en.json";
import portfolioFr from "./portfolio/fr.json";
import portfolioNl from "./portfolio/nl.json";
import proposalsEn from "./proposals/en.json";
import proposalsFr from "./proposals/fr.json";
import proposalsNl from "./proposals/nl.json";
import seminarsEn from "./seminars/en.json";
import seminarsFr from "./seminars/fr.json";
import seminarsNl from "./seminars/nl.json";
import seminarBoardEn from "./seminar-board/en.json";
import seminarBoardFr from "./seminar-board/fr.json";
import seminarBoardNl from "./seminar-board/nl.json";
import trustEn from "./trust/en.json";
import trustFr from "./trust/fr.json";
import trustNl from "./trust/nl.json";
import trustSessionsEn from "./trust-sessions/en.json";
import trustSessionsFr from "./trust-sessions/fr.json";
import trustSessionsNl from "./trust-sessions/nl.json";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../domain";
import { mergeCatalogues, type Catalogue } from "./merge";

export { mergeCatalogues, type Catalogue };

/** The message catalogues, one per language, with the same keys (a test checks it). */
export const catalogues: Record<Locale, Catalogue> = {
  nl: mergeCatalogues([
    nl,
    collabNl,
    actionplanNl,
    portfolioNl,
    proposalsNl,
    seminarsNl,
    seminarBoardNl,
    trustNl,
    trustSessionsNl,
  ]),
  fr: mergeCatalogues([
    fr,
    collabFr,
    actionplanFr,
    portfolioFr,
    proposalsFr,
    seminarsFr,
    seminarBoardFr,
    trustFr,
    trustSessionsFr,
  ]),
  en: mergeCatalogues([
    en,
    collabEn,
    actionplanEn,
    portfolioEn,
    proposalsEn,
    seminarsEn,
    seminarBoardEn,
    trustEn,
    trustSessionsEn,
  ]),
};

function lookup(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split(".")) {
    if (typeof node !== "object") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** The text for `key` in `locale` (falling back to English, then the key), with {{params}} filled in. */
export function translate(
  locale: string,
  key: string,
  params: Record<string, string | number> = {},
): string {
  const lang: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const text = lookup(catalogues[lang], key) ?? lookup(catalogues.en, key) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ""));
}

/** Every dotted key of a catalogue. */
export function catalogueKeys(catalogue: Catalogue, prefix = ""): string[] {
  return Object.entries(catalogue).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : catalogueKeys(v, `${prefix}${k}.`),
  );
}

/** The best supported language for an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return DEFAULT_LOCALE;
}
