import mongoose from "mongoose";
import { authorize, requireActor, type Actor } from "../../authz";
import { localize } from "../../../shared/localized";
import {
  loadProposals,
  getProjectableProposal,
  setProposalProject,
  listProposalFacts,
  PROJECTABLE_STAGES,
} from "./proposalLink";
import {
  createProject,
  getProgramme,
  listProjectsOfProgrammes,
  type ProjectInput,
} from "./service";
import type { Project } from "./model";
import { canReadProposal } from "../proposals/access";

export interface ProjectDraft {
  proposalId: string;
  code: string;
  name: string;
  description: string | null;
  leadId: string | null;
  orgUnitId: string | null;
  expectedSavings: number;
  fte: number;
  startDate: string;
  endDate: string;
}

const addYear = (day: string) =>
  `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`.replace(/-02-29$/, "-02-28");

async function nextCode(programmeId: string): Promise<string> {
  const projects = await listProjectsOfProgrammes([programmeId]);
  const used = new Set(projects.map((p) => p.code));
  let n = projects.length + 1;
  while (used.has(`OPT-${String(n).padStart(2, "0")}`)) n += 1;
  return `OPT-${String(n).padStart(2, "0")}`;
}

/** The values a project made from a proposal starts with (the form shows them pre-filled). */
export async function draftProjectFromProposal(
  actor: Actor | null,
  programmeId: string,
  proposalId: string,
): Promise<ProjectDraft> {
  const viewer = requireActor(actor);
  const programme = await getProgramme(viewer, programmeId);
  authorize(viewer, "project.create", programme);
  const proposal = await getProjectableProposal(viewer, proposalId);
  const start = new Date().toISOString().slice(0, 10);
  return {
    proposalId,
    code: await nextCode(programmeId),
    name: localize(proposal.title, viewer.locale).text,
    description: localize(proposal.proposal, viewer.locale).text || null,
    leadId: String(proposal.authorId),
    orgUnitId: String(proposal.orgUnitId),
    expectedSavings: proposal.expectedImpact?.savingsPerYear ?? 0,
    fte: proposal.expectedImpact?.fte ?? 0,
    startDate: start,
    endDate: addYear(start),
  };
}

/**
 * Makes a project that carries out an approved proposal: the project lists the proposal and
 * the proposal points to the project. Two documents, no transaction: the project is created
 * first; if linking the proposal fails, the project still lists it and linking again is safe.
 */
export async function createProjectFromProposal(
  actor: Actor | null,
  input: ProjectInput & { programmeId: string; proposalId: string },
): Promise<Project> {
  const viewer = requireActor(actor);
  const programme = await getProgramme(viewer, input.programmeId);
  authorize(viewer, "project.create", programme);
  const proposal = await getProjectableProposal(viewer, input.proposalId);
  const draft = await draftProjectFromProposal(viewer, input.programmeId, input.proposalId);
  const project = await createProject(viewer, {
    ...input,
    code: input.code ?? draft.code,
    name: input.name ?? draft.name,
    description: input.description === undefined ? draft.description : input.description,
    leadId: input.leadId === undefined ? draft.leadId : input.leadId,
    orgUnitId: input.orgUnitId === undefined ? draft.orgUnitId : input.orgUnitId,
    expectedSavings: input.expectedSavings ?? draft.expectedSavings,
    fte: input.fte ?? draft.fte,
    startDate: input.startDate ?? draft.startDate,
    endDate: input.endDate ?? draft.endDate,
    proposalIds: [String(proposal._id)],
  });
  await setProposalProject(proposal, String(project._id));
  return project;
}

/** Approved proposals without a project yet, that the actor may read (to start a project). */
export async function listProjectableProposals(actor: Actor | null) {
  const viewer = requireActor(actor);
  authorize(viewer, "portfolio.read", { organisationId: viewer.organisationId });
  const facts = await listProposalFacts(viewer.organisationId);
  const ids = facts
    .filter(
      (f) => !f.projectId && PROJECTABLE_STAGES.includes((f as { stage?: string }).stage ?? ""),
    )
    .map((f) => String(f._id));
  const proposals = await loadProposals(ids);
  return proposals.filter((p) => canReadProposal(viewer, p));
}

/** Proposals carried out by a project, those the actor may read. */
export async function listProposalsOfProject(actor: Actor, project: Project) {
  const proposals = await loadProposals(project.proposalIds.map(String));
  return proposals.filter((p) => canReadProposal(actor, p) && mongoose.isValidObjectId(p._id));
}
