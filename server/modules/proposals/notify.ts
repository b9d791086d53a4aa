import type { Actor } from "../../authz";
import { notifyUsers, usersOfOrganisation } from "../notifications";
import { handlerRolesOf } from "../../../shared/proposals";
import { holdsRoleFor, isAuthor } from "./access";
import type { Proposal } from "./model";

/** Stages that come back to the author's desk or tell the author how it ended. */
const AUTHOR_STAGES = new Set([
  "adjustments_requested",
  "approved",
  "approved_with_amendments",
  "rejected",
  "deferred",
]);

/**
 * After a transition: everybody who must act on the proposal now (their role handles the new
 * stage), and the author when it comes back to them or is decided. Not the actor.
 */
export async function notifyProposalReached(proposal: Proposal, actor: Actor): Promise<void> {
  const roles = handlerRolesOf(proposal.stage);
  const users = await usersOfOrganisation(String(proposal.organisationId));
  const recipients = users.filter((user) => {
    if (user.id === actor.id) return false;
    if (AUTHOR_STAGES.has(proposal.stage) && isAuthor(user, proposal)) return true;
    return roles.some((role) => holdsRoleFor(user, role, proposal));
  });
  await notifyUsers(
    recipients.map((u) => u.id),
    {
      organisationId: String(proposal.organisationId),
      kind: "proposal_reached",
      subject: proposal.title,
      params: { stage: proposal.stage },
      link: `/proposals/${String(proposal._id)}`,
    },
  );
}
