import type { Resolvers } from "../../graphql/generated";
import { notFound } from "../../errors";
import { canEditPlan, createPlan, getPlan, listPlans, setPlanMember, updatePlan } from "./service";
import { createObjective, deleteObjective, getObjective, updateObjective } from "./objectives";
import {
  createMeasurementPoint,
  deleteMeasurementPoint,
  getMeasurementPoint,
  updateMeasurementPoint,
} from "./points";
import { subscribePlanEvents, type PlanEventPayload } from "./events";
import type { Context } from "../../context";
import type { Objective } from "./model";

async function userRef(ctx: Context, id: unknown) {
  const user = await ctx.loaders.users.load(String(id));
  if (!user) throw notFound("User");
  return user;
}

async function objectivesOf(ctx: Context, planId: unknown): Promise<Objective[]> {
  return ctx.source.objectives(String(planId));
}

export const planResolvers: Resolvers = {
  Query: {
    plans: (_, { first, after }, ctx) => listPlans(ctx.actor, first ?? 50, after),
    plan: (_, { id }, ctx) => getPlan(ctx.actor, id),
    objective: (_, { id }, ctx) => getObjective(ctx.actor, id),
    measurementPoint: (_, { id }, ctx) => getMeasurementPoint(ctx.actor, id),
  },
  Mutation: {
    createPlan: (_, { input }, ctx) => createPlan(ctx.actor, input),
    updatePlan: (_, { id, version, input }, ctx) => updatePlan(ctx.actor, id, version, input),
    setPlanMember: (_, { planId, userId, role }, ctx) =>
      setPlanMember(ctx.actor, planId, userId, role),
    removePlanMember: (_, { planId, userId }, ctx) =>
      setPlanMember(ctx.actor, planId, userId, null),
    createObjective: (_, { input }, ctx) => createObjective(ctx.actor, input),
    updateObjective: (_, { id, version, input }, ctx) =>
      updateObjective(ctx.actor, id, version, input),
    deleteObjective: (_, { id, version }, ctx) => deleteObjective(ctx.actor, id, version),
    createMeasurementPoint: (_, { input }, ctx) => createMeasurementPoint(ctx.actor, input),
    updateMeasurementPoint: (_, { id, version, input }, ctx) =>
      updateMeasurementPoint(ctx.actor, id, version, input),
    deleteMeasurementPoint: (_, { id, version }, ctx) =>
      deleteMeasurementPoint(ctx.actor, id, version),
  },
  Subscription: {
    planEvents: {
      // Authorized once at subscribe time and again for each event: rights can change.
      subscribe: async (_, { planId }, ctx) => {
        await getPlan(ctx.actor, planId);
        return subscribePlanEvents(planId);
      },
      resolve: async (payload: PlanEventPayload, _args: unknown, ctx: Context) => ({
        kind: payload.kind,
        entityId: payload.entityId,
        plan: await getPlan(ctx.actor, payload.planId),
      }),
    },
  },
  Plan: {
    id: (plan) => String(plan._id),
    orgUnit: async (plan, _, ctx) => {
      const unit = await ctx.loaders.orgUnits.load(String(plan.orgUnitId));
      if (!unit) throw notFound("OrgUnit");
      return unit;
    },
    responsibleAuthority: (plan) => plan.responsibleAuthority ?? null,
    viewerCanEdit: (plan, _, ctx) => canEditPlan(ctx.actor, plan),
    objectives: async (plan, _, ctx) =>
      (await objectivesOf(ctx, plan._id)).filter((o) => !o.parentId),
    indicators: async (plan, _, ctx) => ctx.loaders.indicatorsByPlan.load(String(plan._id)),
  },
  PlanMember: {
    user: (member, _, ctx) => userRef(ctx, member.userId),
  },
  Objective: {
    id: (o) => String(o._id),
    plan: (o, _, ctx) => getPlan(ctx.actor, String(o.planId)),
    parent: async (o, _, ctx) =>
      o.parentId
        ? ((await objectivesOf(ctx, o.planId)).find((x) => String(x._id) === String(o.parentId)) ??
          null)
        : null,
    path: async (o, _, ctx) => {
      const all = await objectivesOf(ctx, o.planId);
      const path: Objective[] = [];
      let current: Objective | undefined = o;
      while (current && path.length <= all.length) {
        path.unshift(current);
        const parentId: unknown = current.parentId;
        current = parentId ? all.find((x) => String(x._id) === String(parentId)) : undefined;
      }
      return path;
    },
    children: async (o, _, ctx) =>
      (await objectivesOf(ctx, o.planId)).filter((x) => String(x.parentId) === String(o._id)),
    measurementPoints: async (o, _, ctx) =>
      (await ctx.source.points(String(o.planId))).filter(
        (p) => String(p.objectiveId) === String(o._id),
      ),
    actions: async (o, _, ctx) =>
      (await ctx.loaders.actionsByPlan.load(String(o.planId))).filter(
        (a) => String(a.objectiveId) === String(o._id),
      ),
  },
  MeasurementPoint: {
    id: (p) => String(p._id),
    plan: (p, _, ctx) => getPlan(ctx.actor, String(p.planId)),
    objective: async (p, _, ctx) => {
      const objective = (await objectivesOf(ctx, p.planId)).find(
        (o) => String(o._id) === String(p.objectiveId),
      );
      if (!objective) throw notFound("Objective");
      return objective;
    },
    owners: (p, _, ctx) => Promise.all(p.ownerIds.map((id) => userRef(ctx, id))),
    contributors: (p, _, ctx) => Promise.all(p.contributorIds.map((id) => userRef(ctx, id))),
    indicators: (p, _, ctx) => ctx.source.indicatorsOfPoint(p),
    actions: (p, _, ctx) => ctx.source.actionsOf(String(p._id)),
  },
  Target: {
    id: (t) => String(t._id),
    indicator: async (t, _, ctx) => {
      if (!t.indicatorId) return null;
      const [indicator] = await ctx.loaders.indicators.loadMany([String(t.indicatorId)]);
      return indicator && !(indicator instanceof Error) ? indicator : null;
    },
  },
};
