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

/**
 * What to put in a form's alert: the messages no field on screen shows (errors without a
 * field, or about a field the form has no input for), or the network hint. Null when the
 * fields say it all.
 */
export function otherErrorText(
  error: unknown,
  shownFields: readonly string[],
  t: TFunction,
): string | null {
  if (!error) return null;
  if (!CombinedGraphQLErrors.is(error)) return t("errors.network");
  const rest = error.errors.filter((e) => {
    const field = e.extensions?.field;
    return typeof field !== "string" || !shownFields.includes(field.replace(/^input\./, ""));
  });
  return rest.length ? rest.map((e) => e.message).join(" ") : null;
}
