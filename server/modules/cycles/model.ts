import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { versioned } from "../../db/schemas";
import type { PointStatusValue } from "../../../shared/status";
import type { Deadline } from "../../../shared/deadline";

const STATUSES = ["on_track", "at_risk", "off_track", "done", "no_data"];
export const PHASES = ["plan", "do", "check", "act", "closed"] as const;
export type Phase = (typeof PHASES)[number];

const assessmentSchema = new Schema(
  {
    measurementPointId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: STATUSES, required: true },
    computedStatus: { type: String, enum: STATUSES, required: true },
    comment: { type: String, default: null, maxlength: 4000 },
    assessedBy: { type: Schema.Types.ObjectId, required: true },
    assessedAt: { type: Date, required: true },
  },
  { _id: false },
);

const decisionSchema = new Schema({
  kind: { type: String, enum: ["new_action", "changed_target", "other"], required: true },
  text: { type: String, required: true, maxlength: 4000 },
  measurementPointId: { type: Schema.Types.ObjectId, default: null },
  actionId: { type: Schema.Types.ObjectId, default: null },
  decidedBy: { type: Schema.Types.ObjectId, required: true },
  decidedAt: { type: Date, required: true },
});

const phaseChangeSchema = new Schema(
  {
    from: { type: String, enum: [...PHASES, null], default: null },
    to: { type: String, enum: PHASES, required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

// _id is "<planId>:<period>": one cycle per plan and period, enforced by the key itself.
const cycleSchema = new Schema(
  {
    _id: { type: String, required: true },
    planId: { type: Schema.Types.ObjectId, required: true, index: true },
    period: { type: String, required: true },
    phase: { type: String, enum: PHASES, default: "plan" },
    assessments: { type: [assessmentSchema], default: [] },
    decisions: { type: [decisionSchema], default: [] },
    history: { type: [phaseChangeSchema], default: [] },
    closedAt: { type: Date, default: null },
    closedBy: { type: Schema.Types.ObjectId, default: null },
  },
  versioned,
);

// The frozen scoreboard of a closed cycle. Insert-only, same _id as its cycle;
// the rows are kept as JSON text, exactly as served at the close.
const snapshotSchema = new Schema(
  {
    _id: { type: String, required: true },
    planId: { type: Schema.Types.ObjectId, required: true },
    period: { type: String, required: true },
    /** JSON: `{ locales: { nl, fr, en } }`, the scoreboard as frozen in each language. */
    data: { type: String, required: true },
    createdAt: { type: Date, required: true },
    closedBy: { type: Schema.Types.ObjectId, default: null },
    /** Set once the close is complete (cycle closed, audit written); see repairCycles. */
    complete: { type: Boolean, default: false },
  },
  { versionKey: false },
);

export type PdcaCycle = InferSchemaType<typeof cycleSchema> & {
  _id: string;
  version: number;
  phase: Phase;
};
export type Assessment = PdcaCycle["assessments"][number] & {
  status: PointStatusValue;
  computedStatus: PointStatusValue;
};
export type Decision = PdcaCycle["decisions"][number] & { _id: mongoose.Types.ObjectId };
export type PhaseChange = PdcaCycle["history"][number];
export type ScoreboardSnapshot = InferSchemaType<typeof snapshotSchema>;

export const CycleModel = mongoose.model("PdcaCycle", cycleSchema);
export const SnapshotModel = mongoose.model("ScoreboardSnapshot", snapshotSchema);

/** The scoreboard as served (and as frozen in a snapshot). */
export interface ScoreboardData {
  planId: string;
  period: string;
  frozen: boolean;
  phase: Phase | null;
  generatedAt: string;
  rollup: {
    value: PointStatusValue;
    onTrack: number;
    atRisk: number;
    offTrack: number;
    done: number;
    noData: number;
    total: number;
  };
  rows: ScoreboardRowData[];
}

export interface ScoreboardRowData {
  measurementPointId: string;
  path: string[];
  objectiveTitle: string;
  code: string;
  title: string;
  owners: string[];
  status: PointStatusValue;
  statusSource: "computed" | "assessment";
  statusReason: string | null;
  targets: {
    text: string;
    deadline: string | null;
    deadlineKind: Deadline["kind"] | null;
    deadlineFrom: string | null;
    deadlineUntil: string | null;
    goal: number | null;
  }[];
  indicatorName: string | null;
  unit: string | null;
  latestValue: number | null;
  latestPeriod: string | null;
  previousValue: number | null;
  trend: "improving" | "stable" | "worsening" | "unknown";
  history: { period: string; value: number }[];
  comment: string | null;
  actionsDone: number;
  actionsTotal: number;
}
