import type { Deadline } from "./deadline";
import { dueDateOf } from "./deadline";
import { comparePeriods, parsePeriod } from "./periods";

export type PointStatusValue = "on_track" | "at_risk" | "off_track" | "done" | "no_data";
export type Comparator = "at_least" | "at_most" | "equal";

export interface StatusTarget {
  goal?: { value: number; comparator: Comparator; baseline?: number | null } | null;
  deadline?: Deadline | null;
  indicatorId?: string | null;
}

export interface StatusMeasurement {
  period: string;
  value: number;
}

export interface StatusInput {
  targets: StatusTarget[];
  /** Measurements per indicator id, any order. */
  measurements: ReadonlyMap<string, StatusMeasurement[]>;
  /** The period reported on, e.g. 2025-Q1: measurements after it are ignored. */
  period: string;
  /** First day of the plan's period (YYYY-MM-DD): where expected progress starts. */
  planStart: string;
}

/** Why a status was computed, as a catalogue key (statusReason.*) and its parameters. */
export interface StatusReason {
  key: string;
  params: Record<string, string | number>;
}

export interface ComputedStatus {
  value: PointStatusValue;
  reason: StatusReason;
}

const reason = (key: string, params: Record<string, string | number> = {}): StatusReason => ({
  key: `statusReason.${key}`,
  params,
});

/** Tolerance below the expected progress that is still "at risk" rather than "off track". */
export const AT_RISK_MARGIN = 0.15;

const SEVERITY: Record<PointStatusValue, number> = {
  done: 0,
  on_track: 1,
  at_risk: 2,
  off_track: 3,
  no_data: -1,
};

/** The worst of several statuses; no_data only when all are no_data. */
export function worstStatus(values: PointStatusValue[]): PointStatusValue {
  let worst: PointStatusValue = "no_data";
  for (const v of values) if (SEVERITY[v] > SEVERITY[worst]) worst = v;
  return worst;
}

export function latestMeasurement(list: StatusMeasurement[] | undefined, period: string) {
  const eligible = (list ?? []).filter((m) => comparePeriods(m.period, period) <= 0);
  eligible.sort((a, b) => comparePeriods(a.period, b.period));
  return eligible.at(-1) ?? null;
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

/** Share of the way from baseline to goal that `value` has covered (1 = met). */
function achievedShare(value: number, goal: NonNullable<StatusTarget["goal"]>): number {
  const { comparator, baseline } = goal;
  if (comparator === "equal") return Math.abs(value - goal.value) < 1e-9 ? 1 : 0;
  const met = comparator === "at_least" ? value >= goal.value : value <= goal.value;
  if (met) return 1;
  if (baseline != null && baseline !== goal.value)
    return Math.max(0, (value - baseline) / (goal.value - baseline));
  if (comparator === "at_least") return goal.value === 0 ? 0 : Math.max(0, value / goal.value);
  return value === 0 ? 1 : Math.max(0, goal.value / value);
}

/**
 * Status of one target at the end of `period`:
 * - no goal or no measurement yet → no_data (a text target is judged in the Check phase);
 * - met: done for a dated deadline, on track for a continuous one;
 * - not met after its deadline → off track;
 * - not met before it: progress from baseline to goal against the time elapsed since the plan
 *   started (continuous targets are expected to be met all along): on track when at least as
 *   far as expected, at risk within AT_RISK_MARGIN below, else off track.
 * The deadline day itself still counts as before the deadline.
 */
export function computeTargetStatus(target: StatusTarget, input: StatusInput): ComputedStatus {
  if (!target.goal || !target.indicatorId) return { value: "no_data", reason: reason("noGoal") };
  const latest = latestMeasurement(input.measurements.get(target.indicatorId), input.period);
  if (!latest) return { value: "no_data", reason: reason("noMeasurement") };
  const asOf = parsePeriod(input.period)?.end ?? input.period;
  const due = dueDateOf(target.deadline);
  const share = achievedShare(latest.value, target.goal);
  const measured = { value: latest.value, period: latest.period };
  if (share >= 1) return { value: due ? "done" : "on_track", reason: reason("goalMet", measured) };
  if (due && asOf > due)
    return { value: "off_track", reason: reason("deadlinePassed", { ...measured, due }) };
  const expected = due
    ? Math.min(
        1,
        Math.max(
          0,
          daysBetween(input.planStart, asOf) / Math.max(1, daysBetween(input.planStart, due)),
        ),
      )
    : 1;
  const why = reason("progress", {
    ...measured,
    share: Math.round(share * 100),
    expected: Math.round(expected * 100),
  });
  if (share >= expected) return { value: "on_track", reason: why };
  if (share >= expected - AT_RISK_MARGIN) return { value: "at_risk", reason: why };
  return { value: "off_track", reason: why };
}

/** Status of a measurement point: the worst of its targets that have data. */
export function computePointStatus(input: StatusInput): ComputedStatus {
  const results = input.targets.map((t) => computeTargetStatus(t, input));
  const value = worstStatus(results.map((r) => r.value));
  return { value, reason: results.find((r) => r.value === value)?.reason ?? reason("noTargets") };
}

export interface StatusCounts {
  value: PointStatusValue;
  onTrack: number;
  atRisk: number;
  offTrack: number;
  done: number;
  noData: number;
  total: number;
}

export function rollupStatuses(values: PointStatusValue[]): StatusCounts {
  const count = (s: PointStatusValue) => values.filter((v) => v === s).length;
  return {
    value: worstStatus(values),
    onTrack: count("on_track"),
    atRisk: count("at_risk"),
    offTrack: count("off_track"),
    done: count("done"),
    noData: count("no_data"),
    total: values.length,
  };
}
