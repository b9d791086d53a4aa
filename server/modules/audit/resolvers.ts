import type { Resolvers } from "../../graphql/generated";
import { getPlan } from "../plans";
import { listAudit } from "./index";

export const auditResolvers: Resolvers = {
  Query: {
    // The trail of a plan is visible to whoever may read the plan.
    auditTrail: async (_, { planId, first, after }, ctx) => {
      await getPlan(ctx.actor, planId);
      return listAudit(planId, first ?? 50, after);
    },
  },
  AuditEntry: {
    id: (e) => String(e._id),
    actor: async (e, _, ctx) =>
      e.actorId ? await ctx.loaders.users.load(String(e.actorId)) : null,
    at: (e) => e.at,
  },
};
