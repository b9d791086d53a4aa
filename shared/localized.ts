import { LOCALES, type Locale } from "./domain";

/** A translatable text as stored: one value per language and the state of each translation. */
export type TranslationState = "missing" | "draft" | "approved";

export interface LocalizedValue {
  nl?: string | null;
  fr?: string | null;
  en?: string | null;
  states?: Partial<Record<Locale, TranslationState | null>> | null;
}

/** The text for `locale`, falling back to the other languages (nl, fr, en) when it is missing. */
export function localize(value: LocalizedValue | null | undefined, locale: Locale) {
  const order = [locale, ...LOCALES.filter((l) => l !== locale)];
  for (const candidate of order) {
    const text = value?.[candidate];
    if (text) return { text, locale: candidate, isFallback: candidate !== locale };
  }
  return { text: "", locale, isFallback: false };
}

export function translationsOf(value: LocalizedValue | null | undefined) {
  return LOCALES.map((locale) => {
    const text = value?.[locale] || null;
    const state: TranslationState = text ? (value?.states?.[locale] ?? "approved") : "missing";
    return { locale, text, state };
  });
}

/** A copy with `text` set in `locale`; an empty text removes that language. */
export function withText(
  value: LocalizedValue | null | undefined,
  locale: Locale,
  text: string,
  state: TranslationState = "approved",
): LocalizedValue {
  const trimmed = text.trim();
  const next: LocalizedValue = {
    nl: value?.nl ?? null,
    fr: value?.fr ?? null,
    en: value?.en ?? null,
  };
  next.states = { ...(value?.states ?? {}) };
  next[locale] = trimmed || null;
  next.states[locale] = trimmed ? state : "missing";
  return next;
}

/** Whether any language holds text. */
export function hasText(value: LocalizedValue | null | undefined): boolean {
  return LOCALES.some((l) => !!value?.[l]);
}
