import {
  ORG_MEMBERS,
  SIGNED_IN,
  includesId,
  q,
  type Fixture,
  type Persona,
  type Probe,
} from "./personas";

/** Submitted proposals are read by the organisation; their debate only by those handling them. */
const DEBATE: readonly Persona[] = ["head", "manager"];
const proposalTarget = (fx: Fixture) => ({ kind: "proposal", id: fx.proposalId });

export const PROPOSAL_FIELDS: Record<string, Probe> = {
  "Query.proposals": {
    allowed: ORG_MEMBERS,
    request: () => q(`{ proposals { id } }`),
    sees: includesId((fx) => fx.proposalId),
  },
  "Query.proposal": {
    allowed: ORG_MEMBERS,
    request: (fx) => q(`query($id: ID!) { proposal(id: $id) { id } }`, { id: fx.proposalId }),
  },
  "Query.proposalPackages": {
    allowed: ORG_MEMBERS,
    request: () => q(`{ proposalPackages { id } }`),
    sees: includesId((fx) => fx.packageId),
  },
  "Query.proposalUnits": {
    allowed: SIGNED_IN,
    request: () => q(`{ proposalUnits { id } }`),
  },
  "Mutation.createProposal": {
    allowed: ["head"],
    deniedWith: ["BAD_USER_INPUT"],
    request: (fx) =>
      q(`mutation($i: CreateProposalInput!) { createProposal(input: $i) { id } }`, {
        i: { orgUnitId: fx.weUnitId, title: `Voorstel ${fx.unique()}` },
      }),
  },
  "Mutation.updateProposal": {
    allowed: ["head"],
    request: (fx) =>
      q(
        `mutation($id: ID!) { updateProposal(id: $id, version: 999, input: { title: "x" }) { id } }`,
        {
          id: fx.draftProposalId,
        },
      ),
  },
  // One representative step of the path; test/integration/proposals.test.ts walks every
  // transition with every role.
  "Mutation.transitionProposal": {
    allowed: ["manager"],
    request: async (fx) => {
      const fresh = await fx.freshProposal("submitted");
      return q(
        `mutation($id: ID!, $v: Int!) { transitionProposal(id: $id, version: $v, input: { action: forward }) { id } }`,
        { id: fresh.id, v: fresh.version },
      );
    },
  },
  "Mutation.liftProposal": {
    allowed: ["mt"],
    request: async (fx) => {
      const fresh = await fx.freshProposal("forwarded");
      return q(
        `mutation($id: ID!, $v: Int!) { liftProposal(id: $id, version: $v, reason: "Raakt alle diensten") { id } }`,
        { id: fresh.id, v: fresh.version },
      );
    },
  },
  "Mutation.publishProposalDebate": {
    allowed: ["mt"],
    request: async (fx) => {
      const fresh = await fx.freshProposal("validated");
      return q(
        `mutation($id: ID!, $v: Int!) { publishProposalDebate(id: $id, version: $v) { id } }`,
        { id: fresh.id, v: fresh.version },
      );
    },
  },
  "Mutation.createProposalPackage": {
    allowed: ["mt"],
    request: (fx) =>
      q(`mutation($i: CreateProposalPackageInput!) { createProposalPackage(input: $i) { id } }`, {
        i: { title: `Pakket ${fx.unique()}`, meetingDate: "2027-01-15" },
      }),
  },
  "Mutation.setProposalPackage": {
    allowed: ["mt"],
    request: async (fx) => {
      const fresh = await fx.freshProposal("validated");
      return q(
        `mutation($id: ID!, $v: Int!, $p: ID) { setProposalPackage(id: $id, version: $v, packageId: $p) { id } }`,
        { id: fresh.id, v: fresh.version, p: fx.packageId },
      );
    },
  },
  "Query.comments": {
    allowed: DEBATE,
    request: (fx) =>
      q(`query($t: CommentTargetInput!) { comments(target: $t) { id } }`, {
        t: proposalTarget(fx),
      }),
    sees: includesId((fx) => fx.commentId),
  },
  "Query.mentionableUsers": {
    allowed: DEBATE,
    request: (fx) =>
      q(`query($t: CommentTargetInput!) { mentionableUsers(target: $t) { id } }`, {
        t: proposalTarget(fx),
      }),
  },
  "Mutation.addComment": {
    allowed: DEBATE,
    request: (fx) =>
      q(`mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`, {
        i: { target: proposalTarget(fx), body: "Welke cijfers staven dit?" },
      }),
  },
  "Mutation.editComment": {
    allowed: ["head"],
    request: (fx) =>
      q(`mutation($id: ID!) { editComment(id: $id, body: "Aangevuld") { id } }`, {
        id: fx.commentId,
      }),
  },
  "Mutation.setCommentResolved": {
    allowed: DEBATE,
    request: (fx) =>
      q(`mutation($id: ID!) { setCommentResolved(id: $id, resolved: false) { id } }`, {
        id: fx.commentId,
      }),
  },
};
