import { can } from "../../authz";
import { registerCommentTarget } from "../comments";
import { loadProposal } from "./service";

// The debate on a proposal is confidential (memo, rule 4): its participants read and write it;
// others read it once the owning body has published it.
registerCommentTarget("proposal", {
  canRead: async (actor, id) => {
    const proposal = await loadProposal(id);
    return !!proposal && can(actor, "proposal.readDebate", proposal);
  },
  canComment: async (actor, id) => {
    const proposal = await loadProposal(id);
    return !!proposal && can(actor, "proposal.comment", proposal);
  },
  describe: async (_actor, id) => {
    const proposal = await loadProposal(id);
    return proposal
      ? {
          organisationId: String(proposal.organisationId),
          title: proposal.title,
          link: `/proposals/${id}`,
        }
      : null;
  },
});
