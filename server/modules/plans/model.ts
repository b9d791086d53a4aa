import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from "mongoose";
import { PLAN_KINDS, PLAN_MEMBER_ROLES, PLAN_STATUSES } from "../../../shared/domain";

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
    title: { type: String, required: true, trim: true, maxlength: 300 },
    periodStart: { type: Number, required: true },
    periodEnd: { type: Number, required: true },
    responsibleAuthority: { type: String, trim: true, maxlength: 200, default: null },
    status: { type: String, enum: PLAN_STATUSES, default: "draft" },
    members: { type: [memberSchema], default: [] },
  },
  // `version` is the optimistic-concurrency counter clients send back; every save
  // checks it and bumps it (guarded by withLock on FerretDB, see db/mutex.ts).
  { timestamps: true, versionKey: "version", optimisticConcurrency: true },
);

export type Plan = InferSchemaType<typeof planSchema> & {
  _id: mongoose.Types.ObjectId;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};
export type PlanDoc = HydratedDocument<Plan>;
export type PlanMember = Plan["members"][number];
export const PlanModel = mongoose.model("Plan", planSchema);
