import { defineRules, hasRoleIn, sameOrg } from "../../authz";
import {
  canEditProposal,
  canLiftProposal,
  canManagePackages,
  canPublishDebate,
  canReadDebate,
  canReadProposal,
  isDebateParticipant,
  type ProposalRef,
} from "./access";

defineRules<ProposalRef>({
  "proposal.read": canReadProposal,
  "proposal.update": canEditProposal,
  "proposal.readDebate": canReadDebate,
  "proposal.comment": isDebateParticipant,
  "proposal.publishDebate": canPublishDebate,
  "proposal.lift": canLiftProposal,
});

defineRules<{ organisationId: string; orgUnitId: string }>({
  // Department heads write optimisation proposals for their own unit.
  "proposal.create": (actor, target) =>
    sameOrg(actor, target.organisationId) &&
    hasRoleIn(actor, target.orgUnitId, ["department_head"]),
});

defineRules<{ organisationId: string }>({
  "proposalPackage.manage": (actor, target) =>
    sameOrg(actor, target.organisationId) && canManagePackages(actor),
});
