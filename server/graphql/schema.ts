import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { GraphQLScalarType, Kind, type GraphQLSchema } from "graphql";
import type { Resolvers } from "./generated";
import { refreshCaches, type Context } from "../context";
import { planResolvers } from "../modules/plans";
import { viewerResolvers } from "../modules/viewer/resolvers";
import { adminResolvers } from "../modules/users/admin";
import { indicatorResolvers } from "../modules/indicators";
import { actionResolvers } from "../modules/actions";
import { cycleResolvers } from "../modules/cycles";
import { auditResolvers } from "../modules/audit/resolvers";
import { i18nResolvers } from "../modules/i18n/resolvers";
import { transferResolvers } from "../modules/transfer";
import { homeResolvers } from "../modules/home";
import { documentResolvers } from "../modules/documents";
import { seminarResolvers } from "../modules/seminars";
import { proposalResolvers } from "../modules/proposals";
import { commentResolvers } from "../modules/comments";
import { notificationResolvers } from "../modules/notifications";
import { portfolioResolvers } from "../modules/portfolio";

const schemaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../schema");

/** The SDL files, read from schema/ (the source of truth). */
export function readTypeDefs(): string[] {
  return fs
    .readdirSync(schemaDir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => fs.readFileSync(path.join(schemaDir, f), "utf8"));
}

const DateTime = new GraphQLScalarType({
  name: "DateTime",
  serialize: (value) =>
    value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (typeof value !== "string" || Number.isNaN(date.getTime()))
      throw new TypeError("DateTime must be an ISO 8601 string");
    return date;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || Number.isNaN(new Date(ast.value).getTime()))
      throw new TypeError("DateTime must be an ISO 8601 string");
    return new Date(ast.value);
  },
});

/** Merges the resolver maps of the modules; a field defined twice is a bug. */
function mergeResolvers(maps: Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      merged[type] ??= {};
      for (const [field, resolver] of Object.entries(fields as Record<string, unknown>)) {
        if (field in merged[type]!) throw new Error(`resolver ${type}.${field} defined twice`);
        merged[type]![field] = resolver;
      }
    }
  }
  return merged as Resolvers;
}

/** Every resolver map of the modules, merged. */
export function allResolvers(): Resolvers {
  return mergeResolvers([
    viewerResolvers,
    adminResolvers,
    planResolvers,
    indicatorResolvers,
    actionResolvers,
    cycleResolvers,
    auditResolvers,
    i18nResolvers,
    transferResolvers,
    homeResolvers,
    documentResolvers,
    proposalResolvers,
    commentResolvers,
    notificationResolvers,
    portfolioResolvers,
    seminarResolvers,
  ]);
}

export function buildSchema(): GraphQLSchema {
  const resolvers = allResolvers();
  // A root field without a resolver would answer null for everybody: refuse to start.
  const typeDefs = readTypeDefs();
  const probe = makeExecutableSchema({ typeDefs });
  for (const root of [probe.getQueryType(), probe.getMutationType(), probe.getSubscriptionType()]) {
    for (const field of Object.keys(root?.getFields() ?? {})) {
      const map = (resolvers as Record<string, Record<string, unknown> | undefined>)[root!.name];
      if (!map?.[field]) throw new Error(`GraphQL field ${root!.name}.${field} has no resolver`);
    }
  }
  const schema = makeExecutableSchema({
    typeDefs,
    resolvers: { DateTime, ...resolvers } as never,
    resolverValidationOptions: { requireResolversToMatchSchema: "error" },
  });
  freshCachesPerEvent(schema);
  return schema;
}

/**
 * A subscription keeps one context for as long as its socket lives, but each event must
 * be resolved from the data as it is now: before an event's fields resolve, the
 * per-request loaders and memo of the context are replaced by empty ones.
 */
function freshCachesPerEvent(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    field.resolve = (payload, args, ctx: Context, info) => {
      refreshCaches(ctx);
      return resolve ? resolve(payload, args, ctx, info) : payload;
    };
  }
}
