import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { parseQuarter } from "./quarters";

/** Belgian conventions for the two official languages; British English for English. */
const INTL_LOCALES: Record<string, string> = { nl: "nl-BE", fr: "fr-BE", en: "en-GB" };

export function intlLocale(language: string): string {
  return INTL_LOCALES[language] ?? language;
}

export interface DeadlineLike {
  kind: "date" | "month" | "quarter" | "year" | "continuous" | "event";
  from?: string | null;
  until?: string | null;
  text: string;
}

/** Reads "2025", "2025-03", "2025-Q1" or "2025-03-31" as a local date (the first day it names). */
function parseDay(value: string | null | undefined): Date | null {
  if (!value) return null;
  const q = parseQuarter(value.slice(0, 7));
  if (q) return new Date(q.year, (q.quarter - 1) * 3, 1);
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) return null;
  return new Date(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1);
}

export interface Formatters {
  locale: string;
  /** "," in nl-BE and fr-BE, "." in en-GB: for number inputs. */
  decimalSeparator: string;
  number(value: number | null | undefined, unit?: string | null): string;
  date(value: string | Date | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
  /** "2025-Q1" → "Q1 2025" / "K1 2025" / "T1 2025"; other periods as they are. */
  period(value: string | null | undefined): string;
  deadline(deadline: DeadlineLike | null | undefined): string;
  /** A deadline the server sends as plain text ("2025-03", "continuous", "≥ 2025-12-01"). */
  deadlineText(text: string | null | undefined): string;
}

export function createFormatters(language: string, t: TFunction): Formatters {
  const locale = intlLocale(language);
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const monthFormat = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric" });
  // A calendar date ("2026-12-31") is a local day; anything else is an instant.
  const toDate = (v: string | Date) =>
    typeof v !== "string" ? v : /^\d{4}-\d{2}-\d{2}$/.test(v) ? parseDay(v)! : new Date(v);
  const day = (v: string | null | undefined) => {
    const d = parseDay(v);
    return d ? dateFormat.format(d) : "";
  };

  const period = (value: string | null | undefined): string => {
    if (!value) return "—";
    const q = parseQuarter(value);
    if (q) return t("period.quarter", { quarter: q.quarter, year: q.year });
    const d = parseDay(value);
    if (d && /^\d{4}-\d{2}$/.test(value)) return monthFormat.format(d);
    return value;
  };

  return {
    locale,
    decimalSeparator:
      numberFormat.formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".",
    number(value, unit) {
      if (value === null || value === undefined) return "—";
      const n = numberFormat.format(value);
      if (!unit) return n;
      // French puts a (narrow no-break) space before the percent sign.
      if (unit === "%") return `${n}${locale.startsWith("fr") ? "\u202f" : ""}%`;
      return `${n} ${unit}`;
    },
    date: (v) => (v ? dateFormat.format(toDate(v)) : "—"),
    dateTime: (v) => (v ? dateTimeFormat.format(toDate(v)) : "—"),
    period,
    deadline(deadline) {
      if (!deadline) return t("deadline.none");
      // from/until bound the month, quarter or year meant; either names it.
      const d = parseDay(deadline.from ?? deadline.until);
      switch (deadline.kind) {
        case "date":
          return d ? dateFormat.format(d) : deadline.text;
        case "month":
          return d ? monthFormat.format(d) : deadline.text;
        case "quarter":
          return d
            ? t("period.quarter", {
                quarter: Math.floor(d.getMonth() / 3) + 1,
                year: d.getFullYear(),
              })
            : deadline.text;
        case "year":
          return d ? String(d.getFullYear()) : deadline.text;
        case "continuous":
          return deadline.from
            ? t("deadline.continuousFrom", { date: day(deadline.from) })
            : t("deadline.continuous");
        case "event":
          return deadline.text;
      }
      return deadline.text;
    },
    deadlineText(text) {
      if (!text) return t("deadline.none");
      const value = text.trim();
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return day(value);
      if (/^\d{4}(-Q[1-4]|-\d{2})?$/.test(value)) return period(value);
      if (value === "continuous") return t("deadline.continuous");
      const from = /^≥\s*(\d{4}-\d{2}-\d{2})$/.exec(value);
      if (from) return t("deadline.continuousFrom", { date: day(from[1]) });
      return value;
    },
  };
}

/** Formatters for the current i18n language, rebuilt when it changes. */
export function useFormat(): Formatters {
  const { t, i18n } = useTranslation();
  return useMemo(() => createFormatters(i18n.language, t), [i18n.language, t]);
}
