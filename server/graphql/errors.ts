import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { AppError } from "../errors";
import { logger } from "../logger";
import { translate } from "../i18n";

interface PendingTranslation {
  messageKey: string;
  params: Record<string, string | number>;
}

const GRAPHQL_CODES_TO_KEYS: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: "errors.badQuery",
  GRAPHQL_VALIDATION_FAILED: "errors.badQuery",
  BAD_USER_INPUT: "errors.BAD_USER_INPUT",
  PERSISTED_QUERY_NOT_FOUND: "errors.badQuery",
  OPERATION_RESOLUTION_FAILURE: "errors.badQuery",
  BAD_REQUEST: "errors.badQuery",
};

/**
 * Apollo's formatError: AppErrors keep their code and field; anything else is
 * logged with its stack and leaves as INTERNAL_SERVER_ERROR with a neutral text.
 * The message is translated later, once the request's language is known.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return withTranslation(
      formatted,
      original.code,
      { messageKey: original.messageKey, params: original.params },
      original.field,
    );
  }
  const code = String(formatted.extensions?.code ?? "");
  if (code && code !== "INTERNAL_SERVER_ERROR") {
    // Client errors from graphql-js (parse, validation, variable coercion, armor limits).
    // Their English text is safe and precise; keep it in `detail`.
    const key = GRAPHQL_CODES_TO_KEYS[code] ?? "errors.badQuery";
    const field = variableNameOf(formatted.message);
    return withTranslation(
      formatted,
      code,
      { messageKey: key, params: { field: field ?? "" } },
      field,
      formatted.message,
    );
  }
  if (error instanceof GraphQLError && !error.originalError && !formatted.path) {
    return withTranslation(
      formatted,
      "BAD_USER_INPUT",
      { messageKey: "errors.badQuery", params: {} },
      undefined,
      formatted.message,
    );
  }
  logger().error({ err: original }, "unexpected error in a GraphQL request");
  return withTranslation(formatted, "INTERNAL_SERVER_ERROR", {
    messageKey: "errors.INTERNAL_SERVER_ERROR",
    params: {},
  });
}

function variableNameOf(message: string): string | undefined {
  return /Variable "\$([\w]+)"/.exec(message)?.[1];
}

function withTranslation(
  formatted: GraphQLFormattedError,
  code: string,
  pending: PendingTranslation,
  field?: string,
  detail?: string,
): GraphQLFormattedError {
  return {
    message: pending.messageKey,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code,
      ...(field ? { field } : {}),
      ...(detail ? { detail } : {}),
      pending,
    },
  };
}

/** Turns the pending message keys into text in the request's language. */
export function translateErrors(
  errors: readonly GraphQLFormattedError[],
  locale: string,
): GraphQLFormattedError[] {
  return errors.map((e) => {
    const { pending, ...extensions } = (e.extensions ?? {}) as { pending?: PendingTranslation };
    if (!pending) return e;
    return { ...e, message: translate(locale, pending.messageKey, pending.params), extensions };
  });
}
