import { sameOrg, type Actor } from "../../authz";
import type { Role } from "../../../shared/domain";
import {
  BODY_ROLES,
  EDITABLE_STAGES,
  LIFT_ROLES,
  LIFT_STAGES,
  PACKAGE_ROLES,
  UNIT_SCOPED_PROPOSAL_ROLES,
  debateOwnerRole,
  handlerRolesOf,
  transitionFor,
  type ProposalAction,
  type ProposalStage,
} from "../../../shared/proposals";

/** What the access rules need to know of a proposal. */
export interface ProposalRef {
  organisationId: unknown;
  orgUnitId: unknown;
  authorId: unknown;
  stage: ProposalStage;
  level?: string | null;
  debatePublished?: boolean | null;
  history?: readonly { role?: string | null }[] | null;
}

/**
 * Whether the actor holds `role` for this proposal: department heads and managers act for
 * their own unit; the management team, aldermen, college and PMO for the whole organisation.
 */
export function holdsRoleFor(actor: Actor, role: Role, proposal: ProposalRef): boolean {
  if (!sameOrg(actor, proposal.organisationId)) return false;
  if (UNIT_SCOPED_PROPOSAL_ROLES.includes(role))
    return actor.memberships.some(
      (m) => m.role === role && m.orgUnitId === String(proposal.orgUnitId),
    );
  return actor.memberships.some((m) => m.role === role);
}

/** The actor's roles that count for this proposal. */
export function rolesFor(actor: Actor, proposal: ProposalRef, candidates: readonly Role[]): Role[] {
  return candidates.filter((r) => holdsRoleFor(actor, r, proposal));
}

export const isAuthor = (actor: Actor, proposal: ProposalRef) =>
  String(proposal.authorId) === actor.id;

/** Drafts stay with their author; from submission on, the organisation may read the proposal. */
export function canReadProposal(actor: Actor, proposal: ProposalRef): boolean {
  if (!sameOrg(actor, proposal.organisationId)) return false;
  if (isAuthor(actor, proposal)) return true;
  if (proposal.stage === "draft") return false;
  return actor.isAdmin || actor.memberships.length > 0;
}

/** Roles that have handled the proposal (its history) or handle it now (its stage). */
export function participantRoles(proposal: ProposalRef): Role[] {
  const past = (proposal.history ?? []).map((h) => h.role).filter((r): r is Role => !!r);
  return [...new Set([...past, ...handlerRolesOf(proposal.stage)])];
}

/** Takes part in the confidential debate: the author and the roles that handle(d) it. */
export function isDebateParticipant(actor: Actor, proposal: ProposalRef): boolean {
  if (!sameOrg(actor, proposal.organisationId)) return false;
  if (isAuthor(actor, proposal)) return true;
  if (proposal.stage === "draft") return false;
  if (participantRoles(proposal).some((r) => holdsRoleFor(actor, r, proposal))) return true;
  // Lifted to organisation level, the proposal concerns every unit: all managers take part.
  return proposal.level === "organisation" && actor.memberships.some((m) => m.role === "manager");
}

/** Comments and advice: participants only, until the owning body publishes the debate. */
export function canReadDebate(actor: Actor, proposal: ProposalRef): boolean {
  if (isDebateParticipant(actor, proposal)) return true;
  return !!proposal.debatePublished && canReadProposal(actor, proposal);
}

export function canPublishDebate(actor: Actor, proposal: ProposalRef): boolean {
  return (
    !proposal.debatePublished &&
    proposal.stage !== "draft" &&
    holdsRoleFor(actor, debateOwnerRole(proposal.stage), proposal)
  );
}

export function canEditProposal(actor: Actor, proposal: ProposalRef): boolean {
  return (
    EDITABLE_STAGES.includes(proposal.stage) &&
    (isAuthor(actor, proposal) || holdsRoleFor(actor, "department_head", proposal))
  );
}

/** The role the actor performs `action` in, or null when the action is not allowed now. */
export function roleForAction(
  actor: Actor,
  proposal: ProposalRef,
  action: ProposalAction,
): Role | null {
  const transition = transitionFor(action);
  if (!transition.from.includes(proposal.stage)) return null;
  return rolesFor(actor, proposal, transition.roles)[0] ?? null;
}

export function canLiftProposal(actor: Actor, proposal: ProposalRef): boolean {
  return (
    proposal.level !== "organisation" &&
    LIFT_STAGES.includes(proposal.stage) &&
    rolesFor(actor, proposal, LIFT_ROLES).length > 0
  );
}

export function canManagePackages(actor: Actor): boolean {
  return actor.memberships.some((m) => PACKAGE_ROLES.includes(m.role));
}

export const isBodyRole = (role: string | null | undefined) =>
  !!role && (BODY_ROLES as readonly string[]).includes(role);
