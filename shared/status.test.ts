import { describe, expect, it } from "vitest";
import {
  computePointStatus,
  computeTargetStatus,
  rollupStatuses,
  worstStatus,
  type StatusInput,
} from "./status";
import { deadlineFromInput } from "./deadline";

const deadline = (kind: "date" | "quarter" | "year" | "continuous", value?: string) => {
  const result = deadlineFromInput(kind, value, null);
  if ("error" in result) throw new Error(result.error);
  return result.deadline;
};

const input = (
  values: [string, number][],
  period: string,
  overrides: Partial<StatusInput> = {},
): StatusInput => ({
  targets: [],
  measurements: new Map([["kpi", values.map(([p, value]) => ({ period: p, value }))]]),
  period,
  planStart: "2025-01-01",
  ...overrides,
});

const atLeast = (
  value: number,
  d = deadline("date", "2025-06-30"),
  baseline: number | null = 0,
) => ({
  goal: { value, comparator: "at_least" as const, baseline },
  deadline: d,
  indicatorId: "kpi",
});

describe("target status", () => {
  it("is no_data without a numeric goal or without a measurement", () => {
    expect(
      computeTargetStatus(
        { goal: null, deadline: null, indicatorId: "kpi" },
        input([["2025-Q1", 1]], "2025-Q1"),
      ).value,
    ).toBe("no_data");
    expect(computeTargetStatus(atLeast(100), input([], "2025-Q1")).value).toBe("no_data");
  });

  it("ignores measurements after the period reported on", () => {
    expect(computeTargetStatus(atLeast(100), input([["2025-Q2", 100]], "2025-Q1")).value).toBe(
      "no_data",
    );
  });

  it("is done when a dated goal is met and on track when a continuous one is", () => {
    expect(computeTargetStatus(atLeast(100), input([["2025-Q1", 120]], "2025-Q1")).value).toBe(
      "done",
    );
    expect(
      computeTargetStatus(
        atLeast(100, deadline("continuous")),
        input([["2025-Q1", 120]], "2025-Q1"),
      ).value,
    ).toBe("on_track");
  });

  it("still counts the deadline's own last day as before the deadline, and the day after as past it", () => {
    // Deadline 2025-03-31 = the last day of 2025-Q1: in Q1 the target is due but not overdue.
    const due = atLeast(100, deadline("date", "2025-03-31"));
    expect(computeTargetStatus(due, input([["2025-Q1", 90]], "2025-Q1")).value).toBe("at_risk");
    expect(computeTargetStatus(due, input([["2025-Q1", 90]], "2025-Q2")).value).toBe("off_track");
    // A quarter deadline runs to the quarter's last day.
    const quarter = atLeast(100, deadline("quarter", "2025-Q2"));
    expect(computeTargetStatus(quarter, input([["2025-Q2", 95]], "2025-Q2")).value).toBe("at_risk");
    expect(computeTargetStatus(quarter, input([["2025-Q2", 95]], "2025-Q3")).value).toBe(
      "off_track",
    );
  });

  it("compares progress with the time elapsed since the plan started", () => {
    // Due end of 2025 (year deadline); at the end of Q2 about half the time has passed.
    const yearly = atLeast(100, deadline("year", "2025"));
    expect(computeTargetStatus(yearly, input([["2025-Q2", 55]], "2025-Q2")).value).toBe("on_track");
    expect(computeTargetStatus(yearly, input([["2025-Q2", 40]], "2025-Q2")).value).toBe("at_risk");
    expect(computeTargetStatus(yearly, input([["2025-Q2", 20]], "2025-Q2")).value).toBe(
      "off_track",
    );
  });

  it("reads at_most goals the other way round, from the baseline down", () => {
    const lower = {
      goal: { value: 10, comparator: "at_most" as const, baseline: 30 },
      deadline: deadline("year", "2025"),
      indicatorId: "kpi",
    };
    expect(computeTargetStatus(lower, input([["2025-Q4", 9]], "2025-Q4")).value).toBe("done");
    expect(computeTargetStatus(lower, input([["2025-Q2", 20]], "2025-Q2")).value).toBe("on_track");
    expect(computeTargetStatus(lower, input([["2025-Q2", 29]], "2025-Q2")).value).toBe("off_track");
  });
});

describe("point status and roll-ups", () => {
  it("takes the worst target that has data", () => {
    const targets = [
      atLeast(100, deadline("continuous")),
      atLeast(10, deadline("date", "2025-01-15")),
      { goal: null, indicatorId: null },
    ];
    const result = computePointStatus(input([["2025-Q1", 50]], "2025-Q1", { targets }));
    expect(result.value).toBe("off_track");
  });

  it("orders statuses off_track > at_risk > on_track > done, no_data only when alone", () => {
    expect(worstStatus(["done", "on_track", "no_data"])).toBe("on_track");
    expect(worstStatus(["no_data", "no_data"])).toBe("no_data");
    expect(rollupStatuses(["done", "at_risk", "at_risk", "no_data"])).toEqual({
      value: "at_risk",
      onTrack: 0,
      atRisk: 2,
      offTrack: 0,
      done: 1,
      noData: 1,
      total: 4,
    });
  });
});
