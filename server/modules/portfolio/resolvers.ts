import type { Resolvers } from "../../graphql/generated";
import { can, requireActor } from "../../authz";
import type { User } from "../users";
import { usersOfOrganisation } from "../notifications";
import type { Context } from "../../context";
import { quarterOf } from "../../../shared/periods";
import { isMilestoneDoneOnTime, type Project } from "./model";
import { portfolioLoaders } from "./loaders";
import {
  createProgramme,
  createProject,
  createTheme,
  getProgramme,
  getProject,
  listProgrammes,
  setProjectRag,
  updateProgramme,
  updateProject,
  updateTheme,
} from "./service";
import { createMilestone, deleteMilestone, markMilestoneDone, updateMilestone } from "./milestones";
import { recordSatisfaction } from "./satisfaction";
import {
  createProjectFromProposal,
  draftProjectFromProposal,
  listProjectableProposals,
  listProposalsOfProject,
} from "./fromProposal";
import { getPortfolioKpis } from "./kpiService";
import type { SatisfactionSummaryData } from "./types";

const today = () => new Date().toISOString().slice(0, 10);

async function usersOf(ctx: Context, ids: unknown[]) {
  const unique = [...new Set(ids.filter((id) => id != null).map(String))];
  const users = await ctx.loaders.users.loadMany(unique);
  return users.filter((u): u is User => !!u && !(u instanceof Error));
}

async function summarise(
  ctx: Context,
  project: Project,
  period: string,
): Promise<SatisfactionSummaryData> {
  const all = await portfolioLoaders(ctx).satisfactionByProject.load(String(project._id));
  const answers = all.filter((s) => s.period === period);
  const satisfied = answers.filter((s) => s.score >= 4).length;
  const mine = answers.find((s) => String(s.respondentId) === ctx.actor?.id);
  return {
    period,
    responses: answers.length,
    satisfied,
    percent: answers.length ? Math.round((satisfied / answers.length) * 1000) / 10 : null,
    myScore: mine?.score ?? null,
  };
}

export const portfolioResolvers: Resolvers = {
  Query: {
    programmes: (_, __, ctx) => listProgrammes(ctx.actor),
    portfolio: async (_, { programmeId }, ctx) =>
      programmeId
        ? getProgramme(ctx.actor, programmeId)
        : ((await listProgrammes(ctx.actor))[0] ?? null),
    project: (_, { id }, ctx) => getProject(ctx.actor, id),
    portfolioKpis: (_, { programmeId, period, mandateHolderId }, ctx) =>
      getPortfolioKpis(ctx.actor, programmeId, period, mandateHolderId ?? null),
    projectableProposals: (_, __, ctx) => listProjectableProposals(ctx.actor),
    projectDraftFromProposal: (_, { programmeId, proposalId }, ctx) =>
      draftProjectFromProposal(ctx.actor, programmeId, proposalId),
  },
  Mutation: {
    createProgramme: (_, { input }, ctx) => createProgramme(ctx.actor, input),
    updateProgramme: (_, { id, version, input }, ctx) =>
      updateProgramme(ctx.actor, id, version, input),
    createTheme: (_, { input }, ctx) => createTheme(ctx.actor, input),
    updateTheme: (_, { id, version, input }, ctx) => updateTheme(ctx.actor, id, version, input),
    createProject: (_, { input }, ctx) => createProject(ctx.actor, input),
    createProjectFromProposal: (_, { input }, ctx) => createProjectFromProposal(ctx.actor, input),
    updateProject: (_, { id, version, input }, ctx) => updateProject(ctx.actor, id, version, input),
    setProjectRag: (_, { id, version, status, reason }, ctx) =>
      setProjectRag(ctx.actor, id, version, status, reason),
    createMilestone: (_, { input }, ctx) => createMilestone(ctx.actor, input),
    updateMilestone: (_, { id, version, input }, ctx) =>
      updateMilestone(ctx.actor, id, version, input),
    markMilestoneDone: (_, { id, version, doneDate }, ctx) =>
      markMilestoneDone(ctx.actor, id, version, doneDate),
    deleteMilestone: (_, { id }, ctx) => deleteMilestone(ctx.actor, id),
    recordSatisfaction: async (_, { input }, ctx) => {
      await recordSatisfaction(ctx.actor, input);
      const project = await getProject(ctx.actor, input.projectId);
      portfolioLoaders(ctx).satisfactionByProject.clear(input.projectId);
      return summarise(ctx, project, input.period);
    },
  },
  Programme: {
    id: (p) => String(p._id),
    themes: (p, _, ctx) => portfolioLoaders(ctx).themesByProgramme.load(String(p._id)),
    projects: (p, _, ctx) => portfolioLoaders(ctx).projectsByProgramme.load(String(p._id)),
    mandateHolders: async (p, _, ctx) => {
      // The sponsors of its projects and everybody holding the mandate_holder role.
      const [projects, members] = await Promise.all([
        portfolioLoaders(ctx).projectsByProgramme.load(String(p._id)),
        usersOfOrganisation(String(p.organisationId)),
      ]);
      const holders = members.filter((m) => m.memberships.some((x) => x.role === "mandate_holder"));
      const people = await usersOf(ctx, [
        ...projects.map((x) => x.sponsorId),
        ...holders.map((h) => h.id),
      ]);
      return people.sort((a, b) => a.name.localeCompare(b.name));
    },
    people: async (p, _, ctx) => {
      const members = await usersOfOrganisation(String(p.organisationId));
      const people = await usersOf(
        ctx,
        members.map((m) => m.id),
      );
      return people.sort((a, b) => a.name.localeCompare(b.name));
    },
    canManage: (p, _, ctx) => can(ctx.actor, "portfolio.manage", p),
    canCreateProject: (p, _, ctx) => can(ctx.actor, "project.create", p),
  },
  Theme: { id: (t) => String(t._id) },
  Rag: {
    status: (r) => r?.status ?? "green",
    reason: (r) => r?.reason ?? null,
    setAt: (r) => r?.setAt ?? null,
    setBy: async (r, _, ctx) =>
      r?.setById ? await ctx.loaders.users.load(String(r.setById)) : null,
  },
  Project: {
    id: (p) => String(p._id),
    programme: async (p, _, ctx) =>
      (await portfolioLoaders(ctx).programmes.load(String(p.programmeId)))!,
    theme: async (p, _, ctx) => (await portfolioLoaders(ctx).themes.load(String(p.themeId)))!,
    lead: async (p, _, ctx) => (p.leadId ? await ctx.loaders.users.load(String(p.leadId)) : null),
    sponsor: async (p, _, ctx) =>
      p.sponsorId ? await ctx.loaders.users.load(String(p.sponsorId)) : null,
    orgUnit: async (p, _, ctx) =>
      p.orgUnitId ? await ctx.loaders.orgUnits.load(String(p.orgUnitId)) : null,
    planId: (p) => (p.planId ? String(p.planId) : null),
    objectiveIds: (p) => p.objectiveIds.map(String),
    rag: (p) => p.rag,
    milestones: (p, _, ctx) => portfolioLoaders(ctx).milestonesByProject.load(String(p._id)),
    proposals: (p, _, ctx) => listProposalsOfProject(requireActor(ctx.actor), p),
    satisfaction: (p, { period }, ctx) => summarise(ctx, p, period ?? quarterOf(today())),
    canEdit: (p, _, ctx) => can(ctx.actor, "project.update", p),
    canAnswerSurvey: (p, _, ctx) => can(ctx.actor, "project.answerSurvey", p),
  },
  Milestone: {
    id: (m) => String(m._id),
    doneOnTime: (m) => isMilestoneDoneOnTime(m),
    late: (m) =>
      m.status === "cancelled"
        ? false
        : m.status === "done"
          ? !!m.doneDate && m.doneDate > m.dueDate
          : m.dueDate < today(),
  },
  PortfolioProposal: {
    id: (p) => String(p._id),
    title: (p) => p.title,
    stage: (p) => p.stage,
    smartScore: (p) => p.smart?.score ?? 0,
    expectedSavings: (p) => p.expectedImpact?.savingsPerYear ?? 0,
    realisedSavings: (p) => p.realisedSavings ?? null,
    project: async (p, _, ctx) =>
      p.projectId ? await portfolioLoaders(ctx).projects.load(String(p.projectId)) : null,
  },
  ProjectDraft: {
    lead: async (d, _, ctx) => (d.leadId ? await ctx.loaders.users.load(d.leadId) : null),
    orgUnit: async (d, _, ctx) =>
      d.orgUnitId ? await ctx.loaders.orgUnits.load(d.orgUnitId) : null,
  },
  PortfolioKpis: {
    mandateHolder: async (k, _, ctx) =>
      k.mandateHolderId ? await ctx.loaders.users.load(k.mandateHolderId) : null,
  },
};
