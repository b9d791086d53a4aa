/**
 * The one place where the portfolio reads optimisation proposals (module proposals, helper
 * 6a). Kept apart so the coupling is visible and easy to move to the proposals' index.
 */
import mongoose from "mongoose";
import type { Actor } from "../../authz";
import { updateVersioned } from "../../db/versioned";
import { badInput } from "../../errors";
import { ProposalModel, type Proposal } from "../proposals";
import { canReadProposal } from "../proposals/access";
import type { ProposalFacts } from "./kpis";

const { trusted } = mongoose;

/** Stages from which a proposal may become a project: the college said yes. */
export const PROJECTABLE_STAGES = ["approved", "approved_with_amendments", "in_implementation"];

/** The facts the KPIs need of every proposal of the organisation (one query). */
export async function listProposalFacts(organisationId: string): Promise<ProposalFacts[]> {
  return ProposalModel.find({ organisationId })
    .select({ orgUnitId: 1, projectId: 1, realisedSavings: 1, smart: 1, history: 1, stage: 1 })
    .lean<ProposalFacts[]>();
}

export async function loadProposals(ids: readonly string[]): Promise<Proposal[]> {
  const valid = ids.filter((id) => mongoose.isValidObjectId(id));
  if (!valid.length) return [];
  return ProposalModel.find({ _id: trusted({ $in: valid }) }).lean<Proposal[]>();
}

/** A proposal the actor may read and that may become a project; BAD_USER_INPUT otherwise. */
export async function getProjectableProposal(actor: Actor, id: string): Promise<Proposal> {
  const [proposal] = await loadProposals([id]);
  if (!proposal || !canReadProposal(actor, proposal))
    throw badInput("proposalId", "portfolio.errors.unknownProposal");
  if (!PROJECTABLE_STAGES.includes(proposal.stage))
    throw badInput("proposalId", "portfolio.errors.proposalNotApproved");
  if (proposal.projectId) throw badInput("proposalId", "portfolio.errors.proposalHasProject");
  return proposal;
}

/** Records on the proposal which project carries it out. */
export async function setProposalProject(proposal: Proposal, projectId: string): Promise<void> {
  await updateVersioned(ProposalModel, String(proposal._id), proposal.version, (doc) => {
    doc.set("projectId", projectId);
  });
}
