/**
 * Failed-login budget: 10 failures in 5 minutes per account or per IP address,
 * then 429 until the window has passed. In-process: one server owns the data.
 */
const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 10;
const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

export function isLoginBlocked(keys: string[], now = Date.now()): boolean {
  return keys.some((key) => recent(key, now).length >= MAX_FAILURES);
}

export function recordLoginFailure(keys: string[], now = Date.now()): void {
  for (const key of keys) failures.set(key, [...recent(key, now), now]);
}

export function clearLoginFailures(key: string): void {
  failures.delete(key);
}
