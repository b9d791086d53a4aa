/**
 * The calendar words of deadline phrases: dates ("31/12/2025", "1er janvier 2026"),
 * months ("maart 2025", "dec. 2025"), quarters ("Q2 2026", "2e trimestre 2027") and
 * years, found in folded text (lower case, no accents) with the period each one bounds.
 * Month names are Dutch, French and English; OCR slips in long names are forgiven.
 */
import type { DeadlineKind } from "./types";

export interface Span {
  start: number;
  end: number;
  kind: DeadlineKind;
  from: string;
  until: string;
}

const MONTHS: Record<string, number> = {
  januari: 1,
  februari: 2,
  maart: 3,
  april: 4,
  mei: 5,
  juni: 6,
  juli: 7,
  augustus: 8,
  september: 9,
  oktober: 10,
  november: 11,
  december: 12,
  janvier: 1,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
  january: 1,
  february: 2,
  march: 3,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  october: 10,
  jan: 1,
  janv: 1,
  feb: 2,
  febr: 2,
  fev: 2,
  fevr: 2,
  mrt: 3,
  maa: 3,
  mar: 3,
  apr: 4,
  avr: 4,
  jun: 6,
  jul: 7,
  juil: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  okt: 10,
  oct: 10,
  nov: 11,
  dec: 12,
};
const LONG_MONTHS = Object.keys(MONTHS).filter((name) => name.length >= 6);
const QUARTER_WORDS: Record<string, number> = {
  eerste: 1,
  tweede: 2,
  derde: 3,
  vierde: 4,
  laatste: 4,
  premier: 1,
  deuxieme: 2,
  troisieme: 3,
  quatrieme: 4,
  dernier: 4,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  last: 4,
};

const YEAR = "((?:19|20)\\d{2})";
const WORD = "([a-z][a-z0-9]{2,9})\\.?";
const ORDINAL = "(?:e|er|ere|ste|de|st|nd|rd|th|eme)?";
const QUARTER_NOUN = "(?:kwartaal|trimester|trimestre|quarter)\\s+(?:van\\s+|de\\s+|of\\s+|d')?";

const pad = (n: number) => String(n).padStart(2, "0");
const countDaysInMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();
const formatIsoDate = (year: number, month: number, day: number) =>
  `${year}-${pad(month)}-${pad(day)}`;

/** Finds the month a word names, forgiving one OCR slip in long names ("decernber"). */
export function resolveMonth(word: string): number | null {
  const exact = MONTHS[word];
  if (exact) return exact;
  const repaired = word.replace(/rn/g, "m").replace(/0/g, "o").replace(/1/g, "l");
  if (MONTHS[repaired]) return MONTHS[repaired]!;
  if (repaired.length < 6) return null;
  const near = LONG_MONTHS.filter((name) => isWithinOneEdit(repaired, name));
  const months = new Set(near.map((name) => MONTHS[name]));
  return months.size === 1 ? near.map((name) => MONTHS[name]!)[0]! : null;
}

/** Tells whether two words differ by at most one insertion, deletion or substitution. */
function isWithinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

const buildMonthSpan = (year: number, month: number): Omit<Span, "start" | "end"> => ({
  kind: "month",
  from: formatIsoDate(year, month, 1),
  until: formatIsoDate(year, month, countDaysInMonth(year, month)),
});
const buildQuarterSpan = (year: number, quarter: number): Omit<Span, "start" | "end"> => ({
  kind: "quarter",
  from: formatIsoDate(year, quarter * 3 - 2, 1),
  until: formatIsoDate(year, quarter * 3, countDaysInMonth(year, quarter * 3)),
});
const buildDateSpan = (
  year: number,
  month: number,
  day: number,
): Omit<Span, "start" | "end"> | null =>
  month >= 1 && month <= 12 && day >= 1 && day <= countDaysInMonth(year, month)
    ? {
        kind: "date",
        from: formatIsoDate(year, month, day),
        until: formatIsoDate(year, month, day),
      }
    : null;
const expandYear = (text: string) => (text.length === 2 ? 2000 + Number(text) : Number(text));

type Reader = [RegExp, (m: RegExpExecArray) => Omit<Span, "start" | "end"> | null];

/** Date patterns from the most to the least precise; a span once taken is not read again. */
const READERS: Reader[] = [
  [/\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b/g, (m) => buildDateSpan(+m[1]!, +m[2]!, +m[3]!)],
  [
    /\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2}|\d{2})\b/g,
    (m) => buildDateSpan(expandYear(m[3]!), +m[2]!, +m[1]!),
  ],
  [
    new RegExp(`\\b(\\d{1,2})${ORDINAL}\\s+${WORD}\\s+${YEAR}\\b`, "g"),
    (m) => {
      const month = resolveMonth(m[2]!);
      return month ? buildDateSpan(+m[3]!, month, +m[1]!) : null;
    },
  ],
  [
    new RegExp(`\\b${WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}\\b`, "g"),
    (m) => {
      const month = resolveMonth(m[1]!);
      return month ? buildDateSpan(+m[3]!, month, +m[2]!) : null;
    },
  ],
  [/\b[qkt]\s?([1-4])\s*[-/]?\s*((?:19|20)\d{2})\b/g, (m) => buildQuarterSpan(+m[2]!, +m[1]!)],
  [/\b((?:19|20)\d{2})\s*[-/]?\s*[qkt]([1-4])\b/g, (m) => buildQuarterSpan(+m[1]!, +m[2]!)],
  [
    new RegExp(`\\b([1-4])\\s*${ORDINAL}\\s*${QUARTER_NOUN}${YEAR}\\b`, "g"),
    (m) => buildQuarterSpan(+m[2]!, +m[1]!),
  ],
  [
    new RegExp(`\\b([a-z]+)\\s+${QUARTER_NOUN}${YEAR}\\b`, "g"),
    (m) => (QUARTER_WORDS[m[1]!] ? buildQuarterSpan(+m[2]!, QUARTER_WORDS[m[1]!]!) : null),
  ],
  [/\b((?:19|20)\d{2})-(0[1-9]|1[0-2])\b/g, (m) => buildMonthSpan(+m[1]!, +m[2]!)],
  [
    /\b(\d{1,2})[/.-]((?:19|20)\d{2})\b/g,
    (m) => (+m[1]! >= 1 && +m[1]! <= 12 ? buildMonthSpan(+m[2]!, +m[1]!) : null),
  ],
  [
    new RegExp(
      `\\b${WORD}(?:\\s*[-–]\\s*|\\s+(?:tot|a|au|to|until)\\s+)${WORD}\\s+${YEAR}\\b`,
      "g",
    ),
    (m) => {
      const [first, last] = [resolveMonth(m[1]!), resolveMonth(m[2]!)];
      if (!first || !last || first > last) return null;
      return {
        kind: "month",
        from: buildMonthSpan(+m[3]!, first).from,
        until: buildMonthSpan(+m[3]!, last).until,
      };
    },
  ],
  [
    new RegExp(`\\b${WORD}\\s+(?:van\\s+|de\\s+|d'|of\\s+)?${YEAR}\\b`, "g"),
    (m) => {
      const month = resolveMonth(m[1]!);
      return month ? buildMonthSpan(+m[2]!, month) : null;
    },
  ],
  [
    /\b((?:19|20)\d{2})\b/g,
    (m) => ({ kind: "year", from: `${m[1]}-01-01`, until: `${m[1]}-12-31` }),
  ],
];

/** Reads every date, month, quarter and year the folded phrase names, in order. */
export function findSpans(folded: string): Span[] {
  const spans: Span[] = [];
  // A numeric date that does not exist ("31/02/2026") is not re-read as a month or a year.
  const taken: { start: number; end: number }[] = [];
  READERS.forEach(([pattern, read], index) => {
    for (const m of folded.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some((s) => start < s.end && end > s.start)) continue;
      const span = read(m as RegExpExecArray);
      if (span) spans.push({ ...span, start, end });
      if (span || index < 2) taken.push({ start, end });
    }
  });
  return spans.sort((a, b) => a.start - b.start);
}

/** OCR reads a 0 as o or O and a 1 as l or I inside years ("2O25"); only 19xx/20xx years are repaired. */
export function repairYears(folded: string): string {
  return folded.replace(/\b[12][0-9oil]{3}\b/g, (word) => {
    const digits = word.replace(/o/g, "0").replace(/[il]/g, "1");
    return /^(?:19|20)\d{2}$/.test(digits) ? digits : word;
  });
}
