/**
 * The one error type services throw. `messageKey` names a text in the shared
 * catalogues (shared/i18n) so the client gets it in its own language.
 */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL_SERVER_ERROR";

export const httpStatusOf: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
};

export interface AppErrorOptions {
  /** Catalogue key of the user-facing message, e.g. "errors.forbidden". */
  messageKey?: string;
  params?: Record<string, string | number>;
  /** The input field the error is about, e.g. "input.title". */
  field?: string;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.messageKey = options.messageKey ?? `errors.${code}`;
    this.params = options.params ?? {};
    this.field = options.field;
  }
}

export function badInput(
  field: string,
  messageKey: string,
  params: Record<string, string | number> = {},
) {
  return new AppError("BAD_USER_INPUT", `Invalid value for ${field}`, {
    field,
    messageKey,
    params: { field, ...params },
  });
}

export const notFound = (what: string) =>
  new AppError("NOT_FOUND", `${what} not found`, { messageKey: "errors.NOT_FOUND" });
export const forbidden = (what = "This action") =>
  new AppError("FORBIDDEN", `${what} is not allowed`, { messageKey: "errors.FORBIDDEN" });
export const unauthenticated = () =>
  new AppError("UNAUTHENTICATED", "Sign in first", { messageKey: "errors.UNAUTHENTICATED" });
