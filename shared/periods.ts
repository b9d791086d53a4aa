/**
 * Reporting periods: a quarter "2025-Q1", a month "2025-03" or a year "2025".
 * All dates are calendar dates as "YYYY-MM-DD" strings; no time zones involved.
 */
export type PeriodKind = "quarter" | "month" | "year";

export interface Period {
  key: string;
  kind: PeriodKind;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD. */
  end: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses a period key; null when it is not one. */
export function parsePeriod(key: string): Period | null {
  let m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    const last = q * 3;
    return {
      key,
      kind: "quarter",
      start: `${year}-${pad(last - 2)}-01`,
      end: `${year}-${pad(last)}-${lastDayOfMonth(year, last)}`,
    };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return {
      key,
      kind: "month",
      start: `${year}-${pad(month)}-01`,
      end: `${year}-${pad(month)}-${lastDayOfMonth(year, month)}`,
    };
  }
  m = /^(\d{4})$/.exec(key);
  if (m) return { key, kind: "year", start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  return null;
}

export function isQuarter(key: string): boolean {
  return parsePeriod(key)?.kind === "quarter";
}

/** The quarter a date (YYYY-MM-DD or Date) falls in. */
export function quarterOf(date: string | Date): string {
  const iso = typeof date === "string" ? date : date.toISOString().slice(0, 10);
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return `${year}-Q${Math.ceil(month / 3)}`;
}

export function previousQuarter(key: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!m) throw new Error(`not a quarter: ${key}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** Orders periods by their end date (then start): 2025-Q1 < 2025-04 < 2025-Q2 = ... */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (!pa || !pb) return a.localeCompare(b);
  return pa.end.localeCompare(pb.end) || pa.start.localeCompare(pb.start);
}

/** Whether period `a` ends at or before period `b` ends. */
export function endsByPeriod(a: string, b: string): boolean {
  return comparePeriods(a, b) <= 0;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDayOfMonth(y, m);
}
