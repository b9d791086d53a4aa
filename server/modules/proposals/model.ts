import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { localizedSchema, versioned } from "../../db/schemas";
import type { LocalizedValue } from "../../../shared/localized";
import { ROLES } from "../../../shared/domain";
import {
  DECISION_OUTCOMES,
  POLICY_PRIORITIES,
  PROPOSAL_ACTIONS,
  PROPOSAL_STAGES,
  type ProposalStage,
} from "../../../shared/proposals";

const criterionSchema = new Schema(
  {
    met: { type: Boolean, default: false },
    justification: { type: String, default: null, maxlength: 2000 },
  },
  { _id: false },
);

const smartSchema = new Schema(
  {
    criteria: {
      type: new Schema(
        {
          specific: { type: criterionSchema, default: () => ({}) },
          measurable: { type: criterionSchema, default: () => ({}) },
          achievable: { type: criterionSchema, default: () => ({}) },
          relevant: { type: criterionSchema, default: () => ({}) },
          timeBound: { type: criterionSchema, default: () => ({}) },
        },
        { _id: false },
      ),
      default: () => ({}),
    },
    /** Derived by deriveSmartScore (shared/proposals.ts) on every save: 0-100. */
    score: { type: Number, default: 0, min: 0, max: 100 },
  },
  { _id: false },
);

const historySchema = new Schema(
  {
    /** null for the creation entry and for level changes (stage does not move). */
    from: { type: String, enum: [...PROPOSAL_STAGES, null], default: null },
    to: { type: String, enum: PROPOSAL_STAGES, required: true },
    action: {
      type: String,
      enum: [...PROPOSAL_ACTIONS, "create", "lift", "publishDebate"],
      required: true,
    },
    at: { type: Date, required: true },
    byUserId: { type: Schema.Types.ObjectId, required: true },
    role: { type: String, enum: [...ROLES, null], default: null },
    reason: { type: String, default: null, maxlength: 2000 },
  },
  { _id: false },
);

const proposalSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true, index: true },
    orgUnitId: { type: Schema.Types.ObjectId, required: true },
    authorId: { type: Schema.Types.ObjectId, required: true },
    title: { type: localizedSchema, required: true },
    problem: { type: localizedSchema, default: null },
    proposal: { type: localizedSchema, default: null },
    justification: {
      type: [
        new Schema(
          {
            text: { type: String, required: true, maxlength: 2000 },
            source: { type: String, default: null, maxlength: 500 },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    expectedImpact: {
      type: new Schema(
        {
          /** Euro per year (whole euros). */
          savingsPerYear: { type: Number, default: 0, min: 0 },
          quality: { type: String, default: null, maxlength: 2000 },
          fte: { type: Number, default: 0, min: 0 },
        },
        { _id: false },
      ),
      default: () => ({}),
    },
    smart: { type: smartSchema, default: () => ({}) },
    attachments: {
      type: [
        new Schema(
          {
            label: { type: String, required: true, maxlength: 200 },
            url: { type: String, required: true, maxlength: 2000 },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    stage: { type: String, enum: PROPOSAL_STAGES, default: "draft" },
    level: { type: String, enum: ["unit", "organisation"], default: "unit" },
    packageId: { type: Schema.Types.ObjectId, default: null },
    projectId: { type: Schema.Types.ObjectId, default: null },
    /** Euro per year actually saved, recorded when the proposal is realised. */
    realisedSavings: { type: Number, default: null, min: 0 },
    /** The college's decision, carried by the body as one voice (no votes, no names). */
    decision: {
      type: new Schema(
        {
          outcome: { type: String, enum: DECISION_OUTCOMES, required: true },
          text: { type: String, default: null, maxlength: 2000 },
          at: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    advice: {
      type: new Schema(
        {
          text: { type: String, required: true, maxlength: 10_000 },
          priority: { type: String, enum: POLICY_PRIORITIES, required: true },
          at: { type: Date, required: true },
          byUserId: { type: Schema.Types.ObjectId, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    debatePublished: { type: Boolean, default: false },
    history: { type: [historySchema], default: [] },
  },
  versioned,
);

export type HistoryEntry = InferSchemaType<typeof historySchema>;
export type Proposal = Omit<
  InferSchemaType<typeof proposalSchema>,
  "title" | "problem" | "proposal" | "stage" | "history"
> & {
  _id: mongoose.Types.ObjectId;
  title: LocalizedValue;
  problem: LocalizedValue | null;
  proposal: LocalizedValue | null;
  stage: ProposalStage;
  history: HistoryEntry[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
};
export const ProposalModel = mongoose.model("Proposal", proposalSchema);

/** A bundle of validated proposals the management team prepares for one college meeting. */
const packageSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true, index: true },
    title: { type: String, required: true, maxlength: 200 },
    /** Day of the college meeting (YYYY-MM-DD). */
    meetingDate: { type: String, required: true },
    createdById: { type: Schema.Types.ObjectId, required: true },
  },
  versioned,
);
export type ProposalPackage = InferSchemaType<typeof packageSchema> & {
  _id: mongoose.Types.ObjectId;
  version: number;
};
export const ProposalPackageModel = mongoose.model("ProposalPackage", packageSchema);
