import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";
import type { Context } from "../context";
import { translate } from "../i18n";

/**
 * A cost limit that weighs lists by the page size actually asked for.
 *
 * graphql-armor's cost limit multiplies by `first: 100` written in the query but
 * not by `first: $n`, nor by an argument's default, so one variable lifts any
 * list to any size. This rule resolves page-size arguments from literals, from
 * the request's variables and from the schema's defaults. It needs the
 * variables, so it cannot be a validation rule (Apollo caches validation per
 * document): it runs after validation and before execution, for HTTP (an Apollo
 * plugin) and for graphql-ws (`checkCost` in onSubscribe).
 *
 * Cost: every object field counts 1 (scalars come with their object), times the
 * size of each list it sits in. A list
 * field is as long as its page-size argument says; without one it counts
 * `UNPAGED_LIST_SIZE`, except the `nodes`/`edges` list right under a paged
 * connection field, which the connection's argument already counted.
 */
export const COST_LIMITS = {
  maxCost: 5000,
  /** Assumed length of a list that takes no page-size argument. */
  unpagedListSize: 3,
  /** The largest page any field serves; a page size we cannot read counts this much. */
  maxPageSize: 100,
};

const PAGE_SIZE_ARGS = new Set(["first", "last", "limit", "pageSize", "take"]);

export interface CostResult {
  cost: number;
  maxCost: number;
}

/** The cost of the operation `operationName` (or the only one) in `document`. */
export function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return 0;
  const root =
    operation.operation === "query"
      ? schema.getQueryType()
      : operation.operation === "mutation"
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;

  // Variable values as sent, falling back to the operation's own defaults.
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables && name in variables) values[name] = variables[name];
    else if (definition.defaultValue) values[name] = literalValue(definition.defaultValue, {});
  }

  // Each field's schema definition, found once with TypeInfo (fragments included).
  const fieldDefs = new Map<object, GraphQLField<unknown, unknown>>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const def = typeInfo.getFieldDef();
        if (def) fieldDefs.set(node, def);
      },
    }),
  );

  const selectionCost = (
    set: SelectionSetNode,
    underPagedField: boolean,
    seen: ReadonlySet<string>,
  ): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += selectionCost(selection.selectionSet, underPagedField, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment cycle is a validation error already; never loop on one.
        if (fragment && !seen.has(name))
          total += selectionCost(fragment.selectionSet, underPagedField, new Set([...seen, name]));
      } else {
        const name = selection.name.value;
        // Introspection is bounded by the depth and token limits (and off in production).
        if (name.startsWith("__")) continue;
        const def = fieldDefs.get(selection);
        let pageSize: number | undefined;
        for (const arg of def?.args ?? []) {
          if (!PAGE_SIZE_ARGS.has(arg.name)) continue;
          const node = selection.arguments?.find((a) => a.name.value === arg.name);
          const value = node ? literalValue(node.value, values) : arg.defaultValue;
          pageSize = readPageSize(value);
        }
        const isList = def ? isListType(getNullableType(def.type as GraphQLType)) : false;
        const multiplier =
          pageSize ??
          (isList && isCompositeType(getNamedType(def!.type))
            ? underPagedField
              ? 1
              : COST_LIMITS.unpagedListSize
            : 1);
        const children = selection.selectionSet
          ? selectionCost(selection.selectionSet, pageSize !== undefined && !isList, seen)
          : 0;
        // A scalar comes with its object; every object (or list of them) is a fetch.
        const own = def && isCompositeType(getNamedType(def.type)) ? 1 : 0;
        total += multiplier * (own + children);
      }
    }
    return total;
  };
  return selectionCost(operation.selectionSet, false, new Set());
}

/** A page size as sent; anything that is not a sane number counts as the largest page. */
function readPageSize(value: unknown): number {
  if (value === undefined || value === null) return COST_LIMITS.maxPageSize;
  const n = typeof value === "number" ? value : Number.NaN;
  if (!Number.isFinite(n)) return COST_LIMITS.maxPageSize;
  return Math.max(1, Math.ceil(n));
}

function literalValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  return valueFromASTUntyped(node, variables);
}

/** The error for an operation over the budget, in the caller's language. */
export function tooCostlyError(result: CostResult, locale: string): GraphQLError {
  return new GraphQLError(
    translate(locale, "trust.errors.tooCostly", { cost: result.cost, max: result.maxCost }),
    {
      extensions: {
        code: "QUERY_TOO_COSTLY",
        cost: result.cost,
        maxCost: result.maxCost,
        http: { status: 400 },
      },
    },
  );
}

/** Null when the operation fits the budget, else the error to answer with. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  locale: string,
): GraphQLError | null {
  const cost = computeCost(schema, document, operationName, variables);
  if (cost <= COST_LIMITS.maxCost) return null;
  return tooCostlyError({ cost, maxCost: COST_LIMITS.maxCost }, locale);
}

/**
 * Apollo plugin: answers an operation over the budget with 400 before it executes.
 * `responseForOperation` runs after parsing, validation and operation resolution,
 * and a response from it replaces execution entirely.
 */
export function costLimitPlugin(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, request, contextValue }) {
          const error = checkCost(
            schema,
            document,
            request.operationName,
            request.variables,
            contextValue.locale,
          );
          if (!error) return null;
          const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
          return {
            http: { status: 400, headers: new HeaderMap() },
            body: {
              kind: "single",
              singleResult: { errors: [{ message: error.message, extensions }] },
            },
          };
        },
      };
    },
  };
}
