import { CombinedGraphQLErrors } from "@apollo/client";
import type { TFunction } from "i18next";

/** The text to show for a failed request: the server's (already translated) message, or a network hint. */
export function errorText(error: unknown, t: TFunction): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join(" ");
  return t("errors.network");
}

/** Field-level messages of a BAD_USER_INPUT error, keyed by input field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!CombinedGraphQLErrors.is(error)) return {};
  const out: Record<string, string> = {};
  for (const e of error.errors) {
    const field = e.extensions?.field;
    if (typeof field === "string") out[field.replace(/^input\./, "")] = e.message;
  }
  return out;
}
