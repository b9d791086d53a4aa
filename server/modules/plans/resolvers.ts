import type { Resolvers } from "../../graphql/generated";
import { pubsub } from "../../pubsub";
import { notFound } from "../../errors";
import { canEditPlan, createPlan, getPlan, listPlans, updatePlan } from "./service";
import type { Plan } from "./model";
import type { Context } from "../../context";

export const planResolvers: Resolvers = {
  Query: {
    plans: (_, { first, after }, ctx) => listPlans(ctx.actor, first ?? 50, after),
    plan: (_, { id }, ctx) => getPlan(ctx.actor, id),
  },
  Mutation: {
    createPlan: (_, { input }, ctx) => createPlan(ctx.actor, input),
    updatePlan: (_, { id, version, input }, ctx) => updatePlan(ctx.actor, id, version, input),
  },
  Subscription: {
    planChanged: {
      // Authorized once at subscribe time and again for each event: rights can change.
      subscribe: async (_, { id }, ctx) => {
        await getPlan(ctx.actor, id);
        return pubsub.subscribe(`plan:${id}`);
      },
      resolve: async (payload: Plan, _args: unknown, ctx: Context) => {
        return getPlan(ctx.actor, String(payload._id));
      },
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
  },
  PlanMember: {
    user: async (member, _, ctx) => {
      const user = await ctx.loaders.users.load(String(member.userId));
      if (!user) throw notFound("User");
      return user;
    },
  },
};
