import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { catalogues } from "../shared/i18n";
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

export async function initI18n(locale: Locale): Promise<void> {
  await i18n.use(initReactI18next).init({
    resources: Object.fromEntries(
      Object.entries(catalogues).map(([lng, c]) => [lng, { translation: c }]),
    ),
    lng: locale,
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = locale;
}
