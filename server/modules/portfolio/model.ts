import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { localizedSchema, versioned } from "../../db/schemas";
import type { LocalizedValue } from "../../../shared/localized";

/** RAG = red / amber / green: the overall health of a project, with a reason unless green. */
export const RAG_STATUSES = ["green", "amber", "red"] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

export const MILESTONE_STATUSES = ["planned", "in_progress", "done", "cancelled"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** An OPTIris programme: the umbrella of the optimisation portfolio of one organisation. */
const programmeSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true, index: true },
    name: { type: localizedSchema, required: true },
    /** First and last year the programme runs (e.g. 2025–2030). */
    startYear: { type: Number, required: true },
    endYear: { type: Number, required: true },
  },
  versioned,
);
export type Programme = Omit<InferSchemaType<typeof programmeSchema>, "name"> & {
  _id: mongoose.Types.ObjectId;
  name: LocalizedValue;
  version: number;
};
export const ProgrammeModel = mongoose.model("PortfolioProgramme", programmeSchema);

/** A theme groups the projects of a programme (e.g. "Digitalisation"). */
const themeSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true, index: true },
    programmeId: { type: Schema.Types.ObjectId, required: true, index: true },
    name: { type: localizedSchema, required: true },
    order: { type: Number, default: 0 },
  },
  versioned,
);
export type Theme = Omit<InferSchemaType<typeof themeSchema>, "name"> & {
  _id: mongoose.Types.ObjectId;
  name: LocalizedValue;
  version: number;
};
export const ThemeModel = mongoose.model("PortfolioTheme", themeSchema);

const ragSchema = new Schema(
  {
    status: { type: String, enum: RAG_STATUSES, default: "green" },
    reason: { type: String, default: null, maxlength: 2000 },
    setAt: { type: Date, default: null },
    setById: { type: Schema.Types.ObjectId, default: null },
  },
  { _id: false },
);

/** A project of the OPTIris portfolio; it may carry out one or more optimisation proposals. */
const projectSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true, index: true },
    programmeId: { type: Schema.Types.ObjectId, required: true, index: true },
    themeId: { type: Schema.Types.ObjectId, required: true },
    code: { type: String, required: true, maxlength: 40 },
    name: { type: localizedSchema, required: true },
    description: { type: String, default: null, maxlength: 10_000 },
    /** The operational plan whose actions carry this project out (optional). */
    planId: { type: Schema.Types.ObjectId, default: null },
    /** Operational objectives of that plan this project works on (optional; none = whole plan). */
    objectiveIds: { type: [Schema.Types.ObjectId], default: [] },
    leadId: { type: Schema.Types.ObjectId, default: null },
    sponsorId: { type: Schema.Types.ObjectId, default: null },
    orgUnitId: { type: Schema.Types.ObjectId, default: null },
    startDate: { type: String, required: true },
    endDate: { type: String, required: true },
    budgetEuro: { type: Number, default: 0, min: 0 },
    fte: { type: Number, default: 0, min: 0 },
    /** Savings per year in euro. */
    expectedSavings: { type: Number, default: 0, min: 0 },
    realisedSavings: { type: Number, default: 0, min: 0 },
    /** Day the realised savings were established (YYYY-MM-DD); the KPI period uses it. */
    realisedOn: { type: String, default: null },
    rag: { type: ragSchema, default: () => ({}) },
    /** Proposals this project carries out (ids of ProposalModel documents). */
    proposalIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  versioned,
);
export type Project = Omit<InferSchemaType<typeof projectSchema>, "name"> & {
  _id: mongoose.Types.ObjectId;
  name: LocalizedValue;
  version: number;
};
export const ProjectModel = mongoose.model("PortfolioProject", projectSchema);

const milestoneSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    projectId: { type: Schema.Types.ObjectId, required: true, index: true },
    title: { type: String, required: true, maxlength: 300 },
    deliverable: { type: String, default: null, maxlength: 2000 },
    dueDate: { type: String, required: true },
    doneDate: { type: String, default: null },
    status: { type: String, enum: MILESTONE_STATUSES, default: "planned" },
  },
  versioned,
);
export type Milestone = InferSchemaType<typeof milestoneSchema> & {
  _id: mongoose.Types.ObjectId;
  version: number;
};
export const MilestoneModel = mongoose.model("PortfolioMilestone", milestoneSchema);

/** Like actions: "done on time" is derived, never typed in (null while not done). */
export function isMilestoneDoneOnTime(
  m: Pick<Milestone, "status" | "doneDate" | "dueDate">,
): boolean | null {
  if (m.status !== "done" || !m.doneDate || !m.dueDate) return null;
  return m.doneDate <= m.dueDate;
}

/**
 * One answer of a government representative to the quarterly satisfaction survey of a
 * project. `_id` is the unique key `<projectId>:<period>:<respondentId>` so one answer per
 * respondent, project and quarter holds exactly, also on FerretDB.
 */
const satisfactionSchema = new Schema(
  {
    _id: { type: String, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    projectId: { type: Schema.Types.ObjectId, required: true, index: true },
    /** "YYYY-Qn" */
    period: { type: String, required: true },
    respondentId: { type: Schema.Types.ObjectId, required: true },
    score: { type: Number, required: true, min: 1, max: 5 },
    comment: { type: String, default: null, maxlength: 2000 },
  },
  { timestamps: true },
);
export type SatisfactionResponse = InferSchemaType<typeof satisfactionSchema> & { _id: string };
export const SatisfactionModel = mongoose.model("PortfolioSatisfaction", satisfactionSchema);

export function satisfactionKey(projectId: string, period: string, respondentId: string): string {
  return `${projectId}:${period}:${respondentId}`;
}
