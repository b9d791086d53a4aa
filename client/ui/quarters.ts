/** Quarter arithmetic on periods written as the server writes them: "2025-Q1". */

const QUARTER = /^(\d{4})-Q([1-4])$/;

export interface Quarter {
  year: number;
  quarter: number;
}

export function parseQuarter(period: string): Quarter | null {
  const m = QUARTER.exec(period);
  return m ? { year: Number(m[1]), quarter: Number(m[2]) } : null;
}

export function formatQuarterCode({ year, quarter }: Quarter): string {
  return `${year}-Q${quarter}`;
}

/** The quarter a date falls in, e.g. 2026-11-27 → "2026-Q4". */
export function quarterOf(date: Date = new Date()): string {
  return formatQuarterCode({
    year: date.getFullYear(),
    quarter: Math.floor(date.getMonth() / 3) + 1,
  });
}

/** The quarter `n` quarters after (or, negative, before) `period`. */
export function shiftQuarter(period: string, n: number): string {
  const q = parseQuarter(period);
  if (!q) return period;
  const index = q.year * 4 + (q.quarter - 1) + n;
  return formatQuarterCode({ year: Math.floor(index / 4), quarter: (index % 4) + 1 });
}

/** The current quarter and the `count - 1` before it, newest first. */
export function recentQuarters(count: number, from: string = quarterOf()): string[] {
  return Array.from({ length: count }, (_, i) => shiftQuarter(from, -i));
}

export { comparePeriods } from "../../shared/periods";
