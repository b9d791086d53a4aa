import type { Resolvers } from "../../graphql/generated";
import { can, requireActor } from "../../authz";
import { getOrgUnits } from "../orgs";
import { PROPOSAL_ACTIONS, SMART_CRITERIA } from "../../../shared/proposals";
import { isBodyRole, roleForAction } from "./access";
import { canWriteImplementationPlan } from "./documents";
import {
  createProposal,
  createProposalPackage,
  getProposal,
  getProposalPackage,
  liftProposal,
  listProposalPackages,
  listProposals,
  listProposalsOfPackage,
  publishProposalDebate,
  setProposalPackage,
  transitionProposal,
  updateProposal,
} from "./service";

export const proposalResolvers: Resolvers = {
  Query: {
    proposals: (_, { filter }, ctx) => listProposals(ctx.actor, filter ?? {}),
    proposal: (_, { id }, ctx) => getProposal(ctx.actor, id),
    proposalPackages: (_, __, ctx) => listProposalPackages(ctx.actor),
    proposalUnits: async (_, __, ctx) => {
      const viewer = requireActor(ctx.actor);
      const ids = new Set<string>(
        viewer.memberships.filter((m) => m.role === "department_head").map((m) => m.orgUnitId),
      );
      for (const p of await listProposals(viewer)) ids.add(String(p.orgUnitId));
      const units = (await getOrgUnits([...ids])).filter((u) => !!u);
      return units.sort((a, b) => a!.code.localeCompare(b!.code)) as NonNullable<
        (typeof units)[number]
      >[];
    },
  },
  Mutation: {
    createProposal: (_, { input }, ctx) => createProposal(ctx.actor, input),
    updateProposal: (_, { id, version, input }, ctx) =>
      updateProposal(ctx.actor, id, version, input),
    transitionProposal: (_, { id, version, input }, ctx) =>
      transitionProposal(ctx.actor, id, version, input),
    liftProposal: (_, { id, version, reason }, ctx) => liftProposal(ctx.actor, id, version, reason),
    publishProposalDebate: (_, { id, version }, ctx) =>
      publishProposalDebate(ctx.actor, id, version),
    createProposalPackage: (_, { input }, ctx) => createProposalPackage(ctx.actor, input),
    setProposalPackage: (_, { id, version, packageId }, ctx) =>
      setProposalPackage(ctx.actor, id, version, packageId ?? null),
  },
  Proposal: {
    id: (p) => String(p._id),
    orgUnit: async (p, _, ctx) => ctx.loaders.orgUnits.load(String(p.orgUnitId)),
    author: (p, _, ctx) => ctx.loaders.users.load(String(p.authorId)),
    justification: (p) => p.justification ?? [],
    expectedImpact: (p) => ({
      savingsPerYear: p.expectedImpact?.savingsPerYear ?? 0,
      quality: p.expectedImpact?.quality ?? null,
      fte: p.expectedImpact?.fte ?? 0,
    }),
    smart: (p) => {
      const criteria = (p.smart?.criteria ?? {}) as Record<
        string,
        { met?: boolean | null; justification?: string | null } | null
      >;
      const checks = Object.fromEntries(
        SMART_CRITERIA.map((k) => [
          k,
          { met: !!criteria[k]?.met, justification: criteria[k]?.justification ?? null },
        ]),
      );
      return { ...checks, score: p.smart?.score ?? 0 } as never;
    },
    attachments: (p) => p.attachments ?? [],
    package: (p, _, ctx) =>
      p.packageId ? getProposalPackage(ctx.actor, String(p.packageId)) : null,
    projectId: (p) => (p.projectId ? String(p.projectId) : null),
    realisedSavings: (p) => p.realisedSavings ?? null,
    decision: (p) => p.decision ?? null,
    advice: (p, _, ctx) => (p.advice && can(ctx.actor, "proposal.readDebate", p) ? p.advice : null),
    history: async (p, _, ctx) => {
      const canReadDebate = can(ctx.actor, "proposal.readDebate", p);
      return Promise.all(
        p.history.map(async (h) => ({
          from: h.from ?? null,
          to: h.to,
          action: h.action,
          at: h.at,
          role: h.role ?? null,
          // A body decides as one voice: its members are not named.
          actor: isBodyRole(h.role) ? null : await ctx.loaders.users.load(String(h.byUserId)),
          reason: canReadDebate ? (h.reason ?? null) : null,
        })),
      ) as never;
    },
    implementationPlanDoc: (p) => `proposal/${String(p._id)}`,
    viewerCanEdit: (p, _, ctx) => can(ctx.actor, "proposal.update", p),
    viewerCanReadDebate: (p, _, ctx) => can(ctx.actor, "proposal.readDebate", p),
    viewerCanComment: (p, _, ctx) => can(ctx.actor, "proposal.comment", p),
    viewerCanPublishDebate: (p, _, ctx) => can(ctx.actor, "proposal.publishDebate", p),
    viewerCanLift: (p, _, ctx) => can(ctx.actor, "proposal.lift", p),
    viewerCanPackage: (p, _, ctx) =>
      !!ctx.actor &&
      can(ctx.actor, "proposalPackage.manage", { organisationId: String(p.organisationId) }),
    viewerCanWritePlan: (p, _, ctx) => canWriteImplementationPlan(ctx.actor, p),
    viewerActions: (p, _, ctx) =>
      ctx.actor ? PROPOSAL_ACTIONS.filter((a) => roleForAction(ctx.actor!, p, a) !== null) : [],
  },
  ProposalPackage: {
    id: (pk) => String(pk._id),
    proposals: (pk, _, ctx) => listProposalsOfPackage(ctx.actor, String(pk._id)),
  },
};
