import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { BackendModule } from "i18next";
import type { Catalogue } from "../shared/i18n";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../shared/domain";

const STORAGE_KEY = "koers.locale";

/** The language to start in: remembered choice, then the browser's, then Dutch. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  for (const lang of navigator.languages ?? []) {
    const short = lang.slice(0, 2).toLowerCase();
    if (isLocale(short)) return short;
  }
  return DEFAULT_LOCALE;
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

export const i18n = i18next.createInstance();

// One catalogue per chunk: a page downloads only the language it shows (about 8 KB
// compressed each); switching loads the next one before the texts change.
const loadCatalogue = import.meta.glob<Catalogue>("../shared/i18n/*.json", { import: "default" });

const catalogueBackend: BackendModule = {
  type: "backend",
  init() {},
  read(language, _namespace, callback) {
    const load = loadCatalogue[`../shared/i18n/${language}.json`];
    if (!load) return callback(null, {});
    load().then(
      (catalogue) => callback(null, catalogue),
      (error: Error) => callback(error, null),
    );
  },
};

export async function initI18n(locale: Locale): Promise<void> {
  await i18n
    .use(catalogueBackend)
    .use(initReactI18next)
    .init({
      lng: locale,
      // Every catalogue has every key (shared/i18n/catalogues.test.ts): no fallback to fetch.
      fallbackLng: false,
      load: "currentOnly",
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  document.documentElement.lang = locale;
}
