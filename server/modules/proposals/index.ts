import { ProposalModel, ProposalPackageModel, type Proposal, type ProposalPackage } from "./model";
import "./comments";

export type { Proposal, ProposalPackage };
/** The proposals collection, for read-only figures of other modules (OPTIris KPIs). */
export { ProposalModel };
export { proposalResolvers } from "./resolvers";
export {
  getProposal,
  listProposals,
  createProposal,
  updateProposal,
  transitionProposal,
  liftProposal,
  publishProposalDebate,
  createProposalPackage,
  setProposalPackage,
  listProposalPackages,
} from "./service";
export { proposalDocumentAccess } from "./documents";
export { canReadDebate, holdsRoleFor } from "./access";
export { seedProposals } from "./seed";

/** Creates the collections and indexes of this module. */
export async function initProposals(): Promise<void> {
  await Promise.all([ProposalModel.init(), ProposalPackageModel.init()]);
}
