import type { Server as HttpServer } from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  execute,
  parse,
  subscribe,
  validate,
  specifiedRules,
  type GraphQLSchema,
  GraphQLError,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { WebSocketServer } from "ws";
import type { Context } from "../context";
import { formatError, translateErrors } from "./errors";
import { checkCost, costLimitPlugin } from "./costRule";

/**
 * Limits that stop abusive queries before any resolver runs. The same rules run
 * for HTTP (Apollo plugins) and for subscriptions over graphql-ws, which bypasses
 * Apollo's plugins.
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2000,
  maxCost: 5000,
  maxDirectives: 50,
};

function createArmor() {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    // Off: armor's Apollo plugin throws from parsingDidStart, which Apollo answers
    // with a 500 and an untranslated message. Apollo's own parseOptions.maxTokens
    // (below) gives the same limit as a 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false, n: QUERY_LIMITS.maxTokens },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

const translatePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind === "single" && response.body.singleResult.errors) {
          response.body.singleResult.errors = translateErrors(
            response.body.singleResult.errors,
            contextValue.locale,
          ).map(withoutSuggestions);
        }
      },
    };
  },
};

/**
 * graphql-js suggests enum values and fields ("Did you mean …?") in coercion
 * errors too, where armor's blockFieldSuggestion does not reach: with
 * introspection off they would still spell out the schema.
 */
function withoutSuggestions<E extends { extensions?: Record<string, unknown> }>(error: E): E {
  const detail = error.extensions?.detail;
  if (typeof detail !== "string" || !detail.includes("Did you mean")) return error;
  return {
    ...error,
    extensions: { ...error.extensions, detail: detail.replace(/ ?Did you mean [^]*$/, "") },
  };
}

/** Subscriptions run over graphql-ws only; over HTTP they would execute without a source. */
const noHttpSubscriptions: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === "subscription")
          throw new GraphQLError("Subscriptions are served over the websocket only", {
            extensions: { code: "BAD_REQUEST", http: { status: 400 } },
          });
      },
    };
  },
};

export async function createApollo(
  schema: GraphQLSchema,
  httpServer: HttpServer,
  isProduction: boolean,
) {
  const armor = createArmor();
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    introspection: !isProduction,
    csrfPrevention: true,
    // main.ts owns shutdown: it closes websockets and the database in order.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    includeStacktraceInErrorResponses: false,
    validationRules: armor.validationRules,
    plugins: [
      ...armor.plugins,
      // Page sizes passed as variables count too (armor's cost limit ignores them).
      costLimitPlugin(schema),
      noHttpSubscriptions,
      translatePlugin,
      ApolloServerPluginDrainHttpServer({ httpServer }),
    ],
  });
  await apollo.start();
  return { apollo, validationRules: armor.validationRules };
}

/** graphql-ws on the same path as HTTP GraphQL; the session comes from the upgrade's cookie. */
export function attachSubscriptions(options: {
  wss: WebSocketServer;
  schema: GraphQLSchema;
  validationRules: typeof specifiedRules extends readonly (infer R)[] ? R[] : never;
  contextFor: (request: import("node:http").IncomingMessage) => Promise<Context>;
}) {
  const { wss, schema } = options;
  return useServer<Record<string, unknown>, { context?: Context }>(
    {
      schema,
      context: (ctx) => ctx.extra.context!,
      onConnect: async (ctx) => {
        const context = await options.contextFor(ctx.extra.request);
        if (!context.actor) return false;
        ctx.extra.context = context;
        return true;
      },
      // Parse, validate and execute with this module's graphql, under the same
      // limits as HTTP (graphql-ws would otherwise use its own copy of graphql).
      execute,
      subscribe,
      onSubscribe: (ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: QUERY_LIMITS.maxTokens });
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(schema, document, [...specifiedRules, ...options.validationRules]);
        if (errors.length) return errors;
        const tooCostly = checkCost(
          schema,
          document,
          payload.operationName,
          payload.variables,
          ctx.extra.context?.locale ?? "nl",
        );
        if (tooCostly) return [tooCostly];
        return {
          schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue: ctx.extra.context,
        };
      },
    },
    wss,
  );
}
