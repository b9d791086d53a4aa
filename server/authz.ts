import type { Locale, Role } from "../shared/domain";
import { AppError, forbidden, unauthenticated } from "./errors";

export interface ActorMembership {
  orgUnitId: string;
  role: Role;
}

/** The signed-in person a request acts for. */
export interface Actor {
  id: string;
  sessionId: string;
  organisationId: string;
  name: string;
  email: string;
  locale: Locale;
  isAdmin: boolean;
  memberships: ActorMembership[];
}

/**
 * One place for every authorization decision. Modules register their rules as
 * short predicates (see modules/<m>/authz.ts); an action without a rule is denied.
 */
type Rule<R> = (actor: Actor, resource: R) => boolean;
const rules = new Map<string, Rule<never>>();

export function defineRules<R>(entries: Record<string, Rule<R>>): void {
  for (const [action, rule] of Object.entries(entries)) {
    if (rules.has(action)) throw new Error(`authorization rule defined twice: ${action}`);
    rules.set(action, rule as Rule<never>);
  }
}

export function can<R>(actor: Actor | null, action: string, resource: R): boolean {
  const rule = rules.get(action) as Rule<R> | undefined;
  if (!actor || !rule) return false;
  return rule(actor, resource);
}

/** Throws UNAUTHENTICATED without an actor, FORBIDDEN when the rule says no. */
export function authorize<R>(
  actor: Actor | null,
  action: string,
  resource: R,
): asserts actor is Actor {
  if (!actor) throw unauthenticated();
  if (!can(actor, action, resource)) throw forbidden(action);
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

/** Actions known to the rule table (the authorization matrix test walks them). */
export function definedActions(): string[] {
  return [...rules.keys()].sort();
}

export function sameOrg(actor: Actor, organisationId: unknown): boolean {
  return actor.organisationId === String(organisationId);
}

export function hasRoleIn(actor: Actor, orgUnitId: unknown, roles: readonly Role[]): boolean {
  const unit = String(orgUnitId);
  return actor.memberships.some((m) => m.orgUnitId === unit && roles.includes(m.role));
}

export function isMemberOf(actor: Actor, orgUnitId: unknown): boolean {
  const unit = String(orgUnitId);
  return actor.memberships.some((m) => m.orgUnitId === unit);
}

export { AppError };
