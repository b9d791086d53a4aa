import type { Resolvers } from "../../graphql/generated";
import { notFound } from "../../errors";
import { getMeasurementPoint, getPlan, listPointsOfPlans } from "../plans";
import { getActionById } from "../actions";
import { rollupStatuses } from "../../../shared/status";
import { quarterOf } from "../../../shared/periods";
import { statusOfPoint } from "./scoreboard";
import {
  advanceCycle,
  assessPoint,
  closeCycle,
  findCycle,
  getCycle,
  getScoreboard,
  listCyclesOfPlan,
  missingAssessmentIds,
  openCycle,
  recordDecision,
} from "./service";
import type { Context } from "../../context";
import type { MeasurementPoint, Objective } from "../plans";

const currentQuarter = () => quarterOf(new Date());

async function pointStatus(ctx: Context, point: MeasurementPoint, period: string) {
  const plan = await ctx.loaders.plans.load(String(point.planId));
  if (!plan) throw notFound("Plan");
  const cycle = await findCycleCached(ctx, String(point.planId), period);
  return statusOfPoint(ctx.source, plan, point, period, cycle, ctx.locale);
}

function findCycleCached(ctx: Context, planId: string, period: string) {
  const key = `${planId}:${period}`;
  let cached = ctx.cache.get(key) as ReturnType<typeof findCycle> | undefined;
  if (!cached) ctx.cache.set(key, (cached = findCycle(planId, period)));
  return cached;
}

async function rollupOf(ctx: Context, points: MeasurementPoint[]) {
  const period = currentQuarter();
  const statuses = await Promise.all(points.map((p) => pointStatus(ctx, p, period)));
  return rollupStatuses(statuses.map((s) => s.value));
}

/** Points under an objective and all its descendants. */
async function pointsUnder(ctx: Context, objective: Objective) {
  const planId = String(objective.planId);
  const [objectives, points] = await Promise.all([
    ctx.source.objectives(planId),
    ctx.source.points(planId),
  ]);
  const ids = new Set([String(objective._id)]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of objectives)
      if (o.parentId && ids.has(String(o.parentId)) && !ids.has(String(o._id))) {
        ids.add(String(o._id));
        grew = true;
      }
  }
  return points.filter((p) => ids.has(String(p.objectiveId)));
}

export const cycleResolvers: Resolvers = {
  Query: {
    scoreboard: (_, { planId, period }, ctx) =>
      getScoreboard(ctx.actor, planId, period, ctx.source, ctx.locale),
    cycle: (_, { planId, period }, ctx) => getCycle(ctx.actor, planId, period),
    measurementPoints: async (_, { planId, filter, first, after }, ctx) => {
      const plan = await getPlan(ctx.actor, planId);
      const size = first ?? 50;
      const all = await listPointsOfPlans([String(plan._id)]);
      const period = filter?.period ?? currentQuarter();
      const withStatus = await Promise.all(
        all.map(async (p) => ({
          p,
          status: filter?.status ? await pointStatus(ctx, p, period) : null,
        })),
      );
      const matching = withStatus
        .filter(
          ({ p, status }) =>
            (!filter?.status || status?.value === filter.status) &&
            (!filter?.ownerId || p.ownerIds.some((o) => String(o) === filter.ownerId)) &&
            (!filter?.objectiveId || String(p.objectiveId) === filter.objectiveId) &&
            (!filter?.deadlineFrom && !filter?.deadlineUntil
              ? true
              : p.targets.some((t) => {
                  const due = t.deadline?.until;
                  return (
                    !!due &&
                    (!filter.deadlineFrom || due >= filter.deadlineFrom) &&
                    (!filter.deadlineUntil || due <= filter.deadlineUntil)
                  );
                })),
        )
        .map(({ p }) => p);
      const start = after ? matching.findIndex((p) => String(p._id) === after) + 1 : 0;
      const nodes = matching.slice(start, start + size);
      return {
        nodes,
        totalCount: matching.length,
        pageInfo: {
          hasNextPage: start + size < matching.length,
          endCursor: nodes.at(-1) ? String(nodes.at(-1)!._id) : null,
        },
      };
    },
  },
  Mutation: {
    openCycle: (_, { planId, period }, ctx) => openCycle(ctx.actor, planId, period),
    advanceCycle: (_, { id, version }, ctx) => advanceCycle(ctx.actor, id, version),
    assessPoint: (_, { input }, ctx) => assessPoint(ctx.actor, input, ctx.source),
    recordDecision: (_, { input }, ctx) => recordDecision(ctx.actor, input),
    closeCycle: (_, { id, version }, ctx) => closeCycle(ctx.actor, id, version, ctx.source),
  },
  PdcaCycle: {
    id: (c) => c._id,
    plan: async (c, _, ctx) => getPlan(ctx.actor, String(c.planId)),
    missingAssessments: async (c, _, ctx) => {
      const ids = new Set(await missingAssessmentIds(c, ctx.source));
      return (await ctx.source.points(String(c.planId))).filter((p) => ids.has(String(p._id)));
    },
  },
  Assessment: {
    measurementPoint: (a, _, ctx) => getMeasurementPoint(ctx.actor, String(a.measurementPointId)),
    assessedBy: async (a, _, ctx) => (await ctx.loaders.users.load(String(a.assessedBy)))!,
  },
  Decision: {
    id: (d) => String(d._id),
    measurementPoint: (d, _, ctx) =>
      d.measurementPointId ? getMeasurementPoint(ctx.actor, String(d.measurementPointId)) : null,
    action: (d, _, ctx) => (d.actionId ? getActionById(ctx.actor, String(d.actionId)) : null),
    decidedBy: async (d, _, ctx) => (await ctx.loaders.users.load(String(d.decidedBy)))!,
  },
  PhaseChange: {
    by: async (h, _, ctx) => (await ctx.loaders.users.load(String(h.by)))!,
  },
  Scoreboard: {
    plan: (s, _, ctx) => getPlan(ctx.actor, s.planId),
  },
  MeasurementPoint: {
    status: (p, { period }, ctx) => pointStatus(ctx, p, period ?? currentQuarter()),
  },
  Objective: {
    rollup: async (o, _, ctx) => rollupOf(ctx, await pointsUnder(ctx, o)),
  },
  Plan: {
    rollup: async (plan, _, ctx) => rollupOf(ctx, await ctx.source.points(String(plan._id))),
    cycles: (plan) => listCyclesOfPlan(String(plan._id)),
  },
};
