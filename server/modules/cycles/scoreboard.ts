import type { MeasurementPoint, Objective, Plan } from "../plans";
import type { Indicator, Measurement } from "../indicators";
import { localize } from "../../../shared/localized";
import { computePointStatus, rollupStatuses, type PointStatusValue } from "../../../shared/status";
import { comparePeriods } from "../../../shared/periods";
import type { Locale } from "../../../shared/domain";
import { translate } from "../../../shared/i18n";
import type { PlanSource } from "./source";
import type { PdcaCycle, ScoreboardData, ScoreboardRowData } from "./model";

export interface PointStatusResult {
  value: PointStatusValue;
  source: "computed" | "assessment";
  reason: string | null;
  computed: PointStatusValue;
}

/** Status of a point: the cycle's assessment when there is one, else computed from measurements. */
export async function statusOfPoint(
  source: PlanSource,
  plan: Pick<Plan, "periodStart">,
  point: MeasurementPoint,
  period: string,
  cycle: PdcaCycle | null,
  locale: Locale,
): Promise<PointStatusResult> {
  const indicators = await source.indicatorsOfPoint(point);
  const measurements = new Map<string, Measurement[]>();
  await Promise.all(
    indicators.map(async (i) =>
      measurements.set(String(i._id), await source.measurementsOf(String(i._id))),
    ),
  );
  const computed = computePointStatus({
    targets: point.targets.map((t) => ({
      goal: t.goal,
      deadline: t.deadline,
      indicatorId: t.indicatorId ? String(t.indicatorId) : null,
    })),
    measurements,
    period,
    planStart: `${plan.periodStart}-01-01`,
  });
  const assessment = cycle?.assessments.find(
    (a) => String(a.measurementPointId) === String(point._id),
  );
  if (assessment)
    return {
      value: assessment.status as PointStatusValue,
      source: "assessment",
      reason: assessment.comment ?? null,
      computed: computed.value,
    };
  return {
    value: computed.value,
    source: "computed",
    reason: translate(locale, computed.reason.key, computed.reason.params),
    computed: computed.value,
  };
}

function trendOf(
  latest: number | null,
  previous: number | null,
  indicator: Indicator | undefined,
): ScoreboardRowData["trend"] {
  if (latest == null || previous == null || !indicator) return "unknown";
  if (Math.abs(latest - previous) < 1e-9) return "stable";
  const better = indicator.direction === "lower_is_better" ? latest < previous : latest > previous;
  return better ? "improving" : "worsening";
}

function pathOf(objective: Objective | undefined, byId: Map<string, Objective>): Objective[] {
  const path: Objective[] = [];
  let current = objective;
  // Bounded by the tree's size, so a corrupt parent cycle cannot loop forever.
  while (current && path.length <= byId.size) {
    path.unshift(current);
    current = current.parentId ? byId.get(String(current.parentId)) : undefined;
  }
  return path;
}

/** Builds the quarterly scoreboard of a plan from a source (batched in requests, naive in the benchmark). */
export async function buildScoreboard(
  source: PlanSource,
  plan: Plan,
  period: string,
  cycle: PdcaCycle | null,
  locale: Locale,
): Promise<ScoreboardData> {
  const planId = String(plan._id);
  const [objectives, points] = await Promise.all([
    source.objectives(planId),
    source.points(planId),
  ]);
  const byId = new Map(objectives.map((o) => [String(o._id), o]));
  const order = new Map(
    objectives.map((o) => [
      String(o._id),
      pathOf(o, byId)
        .map((p) => `${p.order}:${p.code}`)
        .join("/"),
    ]),
  );
  const sorted = [...points].sort(
    (a, b) =>
      (order.get(String(a.objectiveId)) ?? "").localeCompare(
        order.get(String(b.objectiveId)) ?? "",
        undefined,
        { numeric: true },
      ) ||
      a.order - b.order ||
      a.code.localeCompare(b.code, undefined, { numeric: true }),
  );
  const rows = await Promise.all(
    sorted.map(async (point): Promise<ScoreboardRowData> => {
      const objective = byId.get(String(point.objectiveId));
      const [status, indicators, actions, owners] = await Promise.all([
        statusOfPoint(source, plan, point, period, cycle, locale),
        source.indicatorsOfPoint(point),
        source.actionsOf(String(point._id)),
        Promise.all(point.ownerIds.map((id) => source.user(String(id)))),
      ]);
      const indicator = indicators[0];
      const measured = indicator ? await source.measurementsOf(String(indicator._id)) : [];
      const history = measured
        .filter((m) => comparePeriods(m.period, period) <= 0)
        .sort((a, b) => comparePeriods(a.period, b.period))
        .map((m) => ({ period: m.period, value: m.value }));
      const latest = history.at(-1) ?? null;
      const previous = history.at(-2) ?? null;
      const assessment = cycle?.assessments.find(
        (a) => String(a.measurementPointId) === String(point._id),
      );
      const latestComment = measured.find((m) => m.period === latest?.period)?.comment ?? null;
      return {
        measurementPointId: String(point._id),
        path: [...pathOf(objective, byId).map((o) => o.code), point.code],
        objectiveTitle: objective ? localize(objective.title, locale).text : "",
        code: point.code,
        title: localize(point.title, locale).text,
        owners: owners.filter((u) => !!u).map((u) => u!.name),
        status: status.value,
        statusSource: status.source,
        statusReason: status.reason,
        targets: point.targets.map((t) => ({
          text: localize(t.text, locale).text,
          deadline: t.deadline?.text ?? null,
          deadlineKind: t.deadline?.kind ?? null,
          deadlineFrom: t.deadline?.from ?? null,
          deadlineUntil: t.deadline?.until ?? null,
          goal: t.goal?.value ?? null,
        })),
        indicatorName: indicator ? localize(indicator.name, locale).text : null,
        unit: indicator?.unit ?? null,
        latestValue: latest?.value ?? null,
        latestPeriod: latest?.period ?? null,
        previousValue: previous?.value ?? null,
        trend: trendOf(latest?.value ?? null, previous?.value ?? null, indicator),
        history,
        comment: assessment?.comment ?? latestComment,
        actionsDone: actions.filter((a) => a.status === "done").length,
        actionsTotal: actions.filter((a) => a.status !== "cancelled").length,
      };
    }),
  );
  return {
    planId,
    period,
    frozen: false,
    phase: cycle?.phase ?? null,
    generatedAt: new Date().toISOString(),
    rollup: rollupStatuses(rows.map((r) => r.status)),
    rows,
  };
}
