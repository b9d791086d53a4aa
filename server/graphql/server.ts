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
    maxTokens: { n: QUERY_LIMITS.maxTokens },
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
          );
        }
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
    includeStacktraceInErrorResponses: false,
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, translatePlugin, ApolloServerPluginDrainHttpServer({ httpServer })],
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
