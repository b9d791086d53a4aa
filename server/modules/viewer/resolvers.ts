import type { Resolvers } from "../../graphql/generated";
import { requireActor } from "../../authz";
import { notFound } from "../../errors";
import { PLANNER_ROLES } from "../../../shared/domain";
import type { OrgUnit } from "../orgs";
import { setUserLocale, getUser, toActor } from "../users";

export const viewerResolvers: Resolvers = {
  Query: {
    viewer: (_, __, ctx) => ctx.actor,
  },
  Mutation: {
    setLocale: async (_, { locale }, ctx) => {
      const actor = requireActor(ctx.actor);
      await setUserLocale(actor.id, locale);
      const user = await getUser(actor.id);
      if (!user) throw notFound("User");
      return toActor(user, actor.sessionId);
    },
  },
  Viewer: {
    organisation: async (actor, _, ctx) => {
      const org = await ctx.loaders.organisations.load(actor.organisationId);
      if (!org) throw notFound("Organisation");
      return org;
    },
    planningUnits: async (actor, _, ctx) => {
      const ids = actor.memberships
        .filter((m) => PLANNER_ROLES.includes(m.role))
        .map((m) => m.orgUnitId);
      const units = await ctx.loaders.orgUnits.loadMany([...new Set(ids)]);
      return units.filter((u): u is OrgUnit => !!u && !(u instanceof Error));
    },
  },
  Membership: {
    orgUnit: async (m, _, ctx) => {
      const unit = await ctx.loaders.orgUnits.load(m.orgUnitId);
      if (!unit) throw notFound("OrgUnit");
      return unit;
    },
  },
  Organisation: { id: (o) => String(o._id) },
  OrgUnit: { id: (u) => String(u._id) },
  UserRef: { id: (u) => String(u._id) },
};
