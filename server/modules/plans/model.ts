import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from "mongoose";
import { PLAN_KINDS, PLAN_MEMBER_ROLES, PLAN_STATUSES } from "../../../shared/domain";
import { deadlineSchema, localizedSchema, versioned } from "../../db/schemas";
import type { LocalizedValue } from "../../../shared/localized";
import type { Deadline } from "../../../shared/deadline";

const memberSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    role: { type: String, enum: PLAN_MEMBER_ROLES, required: true },
  },
  { _id: false },
);

const planSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    orgUnitId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: PLAN_KINDS, required: true },
    title: { type: localizedSchema, required: true },
    description: { type: localizedSchema, default: null },
    periodStart: { type: Number, required: true },
    periodEnd: { type: Number, required: true },
    responsibleAuthority: { type: String, trim: true, maxlength: 200, default: null },
    status: { type: String, enum: PLAN_STATUSES, default: "draft" },
    members: { type: [memberSchema], default: [] },
  },
  // `version` is the optimistic-concurrency counter clients send back; every save
  // checks it and bumps it (guarded by withLock on FerretDB, see db/mutex.ts).
  versioned,
);

const objectiveSchema = new Schema(
  {
    planId: { type: Schema.Types.ObjectId, required: true, index: true },
    parentId: { type: Schema.Types.ObjectId, default: null },
    kind: {
      type: String,
      enum: [
        "strategic_line",
        "strategic_objective",
        "transversal_objective",
        "operational_objective",
      ],
      required: true,
    },
    code: { type: String, required: true, trim: true, maxlength: 40 },
    title: { type: localizedSchema, required: true },
    description: { type: localizedSchema, default: null },
    order: { type: Number, default: 0 },
  },
  versioned,
);

const targetSchema = new Schema({
  text: { type: localizedSchema, required: true },
  goal: {
    type: new Schema(
      {
        value: { type: Number, required: true },
        unit: { type: String, default: null, maxlength: 40 },
        comparator: { type: String, enum: ["at_least", "at_most", "equal"], required: true },
        baseline: { type: Number, default: null },
      },
      { _id: false },
    ),
    default: null,
  },
  deadline: { type: deadlineSchema, default: null },
  indicatorId: { type: Schema.Types.ObjectId, default: null },
});

const measurementPointSchema = new Schema(
  {
    planId: { type: Schema.Types.ObjectId, required: true, index: true },
    objectiveId: { type: Schema.Types.ObjectId, required: true },
    code: { type: String, required: true, trim: true, maxlength: 40 },
    title: { type: localizedSchema, required: true },
    description: { type: localizedSchema, default: null },
    ownerIds: { type: [Schema.Types.ObjectId], default: [] },
    contributorIds: { type: [Schema.Types.ObjectId], default: [] },
    targets: { type: [targetSchema], default: [] },
    order: { type: Number, default: 0 },
  },
  versioned,
);

interface Versioned {
  _id: mongoose.Types.ObjectId;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

type WithText<T, K extends string> = Omit<T, K> & { [P in K]: LocalizedValue };

export type Plan = WithText<InferSchemaType<typeof planSchema>, "title"> & {
  description: LocalizedValue | null;
} & Versioned;
export type PlanDoc = HydratedDocument<Plan>;
export type PlanMember = Plan["members"][number];
export type Objective = WithText<InferSchemaType<typeof objectiveSchema>, "title"> & {
  description: LocalizedValue | null;
} & Versioned;
export interface Target {
  _id: mongoose.Types.ObjectId;
  text: LocalizedValue;
  goal: {
    value: number;
    unit?: string | null;
    comparator: "at_least" | "at_most" | "equal";
    baseline?: number | null;
  } | null;
  deadline: Deadline | null;
  indicatorId: mongoose.Types.ObjectId | null;
}
export type MeasurementPoint = Omit<
  InferSchemaType<typeof measurementPointSchema>,
  "title" | "targets"
> & {
  title: LocalizedValue;
  description: LocalizedValue | null;
  targets: Target[];
} & Versioned;

export const PlanModel = mongoose.model("Plan", planSchema);
export const ObjectiveModel = mongoose.model("Objective", objectiveSchema);
export const MeasurementPointModel = mongoose.model("MeasurementPoint", measurementPointSchema);
