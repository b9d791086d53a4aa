/** Domain vocabulary shared by server and client. Wording per language lives in shared/i18n. */

export const LOCALES = ["nl", "fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nl";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Roles a user holds in an org unit (DOMAIN.md: who uses Koers). */
export const ROLES = [
  "board_member",
  "mandate_holder",
  "department_head",
  "manager",
  "management_team",
  "alderman",
  "college",
  "pmo",
  "viewer",
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may create and edit plans of their unit. */
export const PLANNER_ROLES: readonly Role[] = ["board_member", "mandate_holder", "pmo", "manager"];

export const PLAN_KINDS = [
  "strategic_plan",
  "management_plan",
  "mandate_objectives",
  "operational_plan",
] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PLAN_STATUSES = ["draft", "in_consultation", "approved", "archived"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_MEMBER_ROLES = ["owner", "editor", "viewer"] as const;
export type PlanMemberRole = (typeof PLAN_MEMBER_ROLES)[number];

/** Names of realtime documents: `<kind>/<24 hex id>`. */
export const DOC_NAME_PATTERN = /^(plan|proposal|board)\/([a-f0-9]{24})$/;
