import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { BackendModule } from "i18next";
import { mergeCatalogues, type Catalogue } from "../shared/i18n/merge";
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

// The catalogues are chunks of their own: a page downloads only the language it shows
// (the core `<lang>.json` and each area's `<area>/<lang>.json`); switching loads the next
// language before the texts change.
const catalogueFiles = import.meta.glob<Catalogue>("../shared/i18n/**/*.json", {
  import: "default",
});

function loadLanguage(language: string): Promise<Catalogue> {
  const loads = Object.entries(catalogueFiles)
    .filter(([file]) => file.endsWith(`/${language}.json`))
    .map(([, load]) => load());
  return Promise.all(loads).then(mergeCatalogues);
}

const catalogueBackend: BackendModule = {
  type: "backend",
  init() {},
  read(language, _namespace, callback) {
    loadLanguage(language).then(
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
