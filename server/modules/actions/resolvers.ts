import type { Resolvers } from "../../graphql/generated";
import { getMeasurementPoint, getObjective, getPlan } from "../plans";
import { isDoneOnTime } from "./model";
import { createAction, listActions, updateAction } from "./service";

export const actionResolvers: Resolvers = {
  Query: {
    actions: (_, { planId, filter, first, after }, ctx) =>
      listActions(ctx.actor, planId, filter ?? {}, first ?? 50, after),
  },
  Mutation: {
    createAction: (_, { input }, ctx) => createAction(ctx.actor, input),
    updateAction: (_, { id, version, input }, ctx) => updateAction(ctx.actor, id, version, input),
  },
  Action: {
    id: (a) => String(a._id),
    plan: (a, _, ctx) => getPlan(ctx.actor, String(a.planId)),
    owner: async (a, _, ctx) =>
      a.ownerId ? await ctx.loaders.users.load(String(a.ownerId)) : null,
    doneOnTime: (a) => isDoneOnTime(a),
    objective: (a, _, ctx) =>
      a.objectiveId ? getObjective(ctx.actor, String(a.objectiveId)) : null,
    measurementPoint: (a, _, ctx) =>
      a.measurementPointId ? getMeasurementPoint(ctx.actor, String(a.measurementPointId)) : null,
  },
};
