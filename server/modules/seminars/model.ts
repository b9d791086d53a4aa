import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { versioned } from "../../db/schemas";

export const SESSION_KINDS = ["swot", "debate", "poll", "vote", "outcome"] as const;
export const BOARD_KINDS = ["swot", "priorities"] as const;
export const POLL_KINDS = ["single", "multiple", "scale", "text"] as const;

const sessionSchema = new Schema(
  {
    title: { type: String, required: true, maxlength: 200 },
    kind: { type: String, enum: SESSION_KINDS, required: true },
  },
  { _id: true },
);

const outcomeSchema = new Schema(
  {
    planId: { type: Schema.Types.ObjectId, required: true },
    objectiveIds: { type: [Schema.Types.ObjectId], default: [] },
    createdById: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { _id: false },
);

const seminarSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    orgUnitId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true, maxlength: 200 },
    date: { type: String, required: true },
    facilitatorId: { type: Schema.Types.ObjectId, required: true },
    participantIds: { type: [Schema.Types.ObjectId], default: [] },
    sessions: { type: [sessionSchema], default: [] },
    currentSessionId: { type: Schema.Types.ObjectId, default: null },
    // A running timer has endsAt; a paused one has pausedRemainingMs; neither = no timer.
    timerEndsAt: { type: Date, default: null },
    timerPausedRemainingMs: { type: Number, default: null },
    dotsPerParticipant: { type: Number, default: 3, min: 1, max: 20 },
    outcomes: { type: [outcomeSchema], default: [] },
  },
  versioned,
);

export type SeminarSession = InferSchemaType<typeof sessionSchema> & {
  _id: mongoose.Types.ObjectId;
};
export type SeminarOutcomeLink = InferSchemaType<typeof outcomeSchema>;
export type Seminar = Omit<InferSchemaType<typeof seminarSchema>, "sessions" | "outcomes"> & {
  _id: mongoose.Types.ObjectId;
  sessions: SeminarSession[];
  outcomes: SeminarOutcomeLink[];
  version: number;
};
export const SeminarModel = mongoose.model("Seminar", seminarSchema);

const boardSchema = new Schema(
  {
    seminarId: { type: Schema.Types.ObjectId, required: true, index: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: BOARD_KINDS, required: true },
    title: { type: String, required: true, maxlength: 200 },
    locked: { type: Boolean, default: false },
    votesRevealed: { type: Boolean, default: false },
  },
  versioned,
);
export type Board = InferSchemaType<typeof boardSchema> & {
  _id: mongoose.Types.ObjectId;
  version: number;
};
export const BoardModel = mongoose.model("SeminarBoard", boardSchema);

const pollOptionSchema = new Schema(
  { label: { type: String, required: true, maxlength: 200 } },
  { _id: true },
);

const pollSchema = new Schema(
  {
    seminarId: { type: Schema.Types.ObjectId, required: true, index: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    question: { type: String, required: true, maxlength: 500 },
    kind: { type: String, enum: POLL_KINDS, required: true },
    options: { type: [pollOptionSchema], default: [] },
    scaleMin: { type: Number, default: null },
    scaleMax: { type: Number, default: null },
    open: { type: Boolean, default: false },
    revealed: { type: Boolean, default: false },
  },
  versioned,
);
export type PollOption = { _id: mongoose.Types.ObjectId; label: string };
export type Poll = Omit<InferSchemaType<typeof pollSchema>, "options"> & {
  _id: mongoose.Types.ObjectId;
  options: PollOption[];
  version: number;
};
export const PollModel = mongoose.model("SeminarPoll", pollSchema);

/** One answer per person per poll: `_id` = `<pollId>:<userId>`, so a second tab replaces it. */
const pollAnswerSchema = new Schema(
  {
    _id: { type: String, required: true },
    pollId: { type: Schema.Types.ObjectId, required: true, index: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    optionIds: { type: [String], default: [] },
    value: { type: Number, default: null },
    text: { type: String, default: null, maxlength: 80 },
  },
  { timestamps: true, versionKey: false },
);
export type PollAnswer = InferSchemaType<typeof pollAnswerSchema> & { _id: string };
export const PollAnswerModel = mongoose.model("SeminarPollAnswer", pollAnswerSchema);

/**
 * One placed dot: `_id` = `<boardId>:<userId>:<slot>` with slot in 0..N-1. Placing a dot
 * inserts the lowest free slot; the duplicate-key error of a concurrent insert of the same
 * slot is atomic on FerretDB and MongoDB, so nobody ever holds more than N dots.
 */
const dotSchema = new Schema(
  {
    _id: { type: String, required: true },
    boardId: { type: Schema.Types.ObjectId, required: true, index: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    slot: { type: Number, required: true },
    noteId: { type: String, required: true, maxlength: 64 },
  },
  { timestamps: true, versionKey: false },
);
export type Dot = InferSchemaType<typeof dotSchema> & { _id: string };
export const DotModel = mongoose.model("SeminarDot", dotSchema);
