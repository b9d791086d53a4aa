import type { Resolvers } from "../../graphql/generated";
import { notFound } from "../../errors";
import { getMeasurementPoint, getPlan } from "../plans";
import { comparePeriods } from "../../../shared/periods";
import { createIndicator, getIndicator, recordMeasurement, updateIndicator } from "./service";

export const indicatorResolvers: Resolvers = {
  Query: {
    indicator: (_, { id }, ctx) => getIndicator(ctx.actor, id),
  },
  Mutation: {
    createIndicator: (_, { input }, ctx) => createIndicator(ctx.actor, input),
    updateIndicator: (_, { id, version, input }, ctx) =>
      updateIndicator(ctx.actor, id, version, input),
    recordMeasurement: (_, { input }, ctx) => recordMeasurement(ctx.actor, input),
  },
  Indicator: {
    id: (i) => String(i._id),
    plan: (i, _, ctx) => getPlan(ctx.actor, String(i.planId)),
    measurementPoint: (i, _, ctx) =>
      i.measurementPointId ? getMeasurementPoint(ctx.actor, String(i.measurementPointId)) : null,
    measurements: async (i, _, ctx) =>
      [...(await ctx.source.measurementsOf(String(i._id)))].sort((a, b) =>
        comparePeriods(a.period, b.period),
      ),
    latest: async (i, { period }, ctx) => {
      const all = [...(await ctx.source.measurementsOf(String(i._id)))]
        .filter((m) => !period || comparePeriods(m.period, period) <= 0)
        .sort((a, b) => comparePeriods(a.period, b.period));
      return all.at(-1) ?? null;
    },
  },
  Measurement: {
    id: (m) => m._id,
    indicator: async (m, _, ctx) => {
      const [indicator] = await ctx.loaders.indicators.loadMany([String(m.indicatorId)]);
      if (!indicator || indicator instanceof Error) throw notFound("Indicator");
      return indicator;
    },
    recordedBy: async (m, _, ctx) => {
      const user = await ctx.loaders.users.load(String(m.recordedBy));
      if (!user) throw notFound("User");
      return user;
    },
  },
};
