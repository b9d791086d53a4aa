import type { Actor } from "../../authz";
import { can } from "../../authz";
import { EDITABLE_STAGES } from "../../../shared/proposals";
import { isAuthor } from "./access";
import { findProject } from "./projects";
import { loadProposal } from "./service";
import type { Proposal } from "./model";

/**
 * Who may write the implementation plan: the author while the proposal is theirs to change
 * (draft, adjustments requested), and during implementation the author and the project lead.
 */
export async function canWriteImplementationPlan(
  actor: Actor | null,
  proposal: Proposal,
): Promise<boolean> {
  if (!actor || !can(actor, "proposal.read", proposal)) return false;
  if (EDITABLE_STAGES.includes(proposal.stage)) return can(actor, "proposal.update", proposal);
  if (proposal.stage !== "in_implementation") return false;
  if (isAuthor(actor, proposal)) return true;
  const project = proposal.projectId ? await findProject(String(proposal.projectId)) : null;
  return !!project?.leadId && String(project.leadId) === actor.id;
}

/** Access rule of the realtime document `proposal/<id>` (DOC_KINDS in modules/documents). */
export async function proposalDocumentAccess(
  actor: Actor,
  id: string,
): Promise<{ canRead: boolean; canWrite: boolean }> {
  const proposal = await loadProposal(id);
  if (!proposal || !can(actor, "proposal.read", proposal))
    return { canRead: false, canWrite: false };
  return { canRead: true, canWrite: await canWriteImplementationPlan(actor, proposal) };
}
