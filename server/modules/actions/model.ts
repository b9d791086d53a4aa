import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { localizedSchema, versioned } from "../../db/schemas";
import type { LocalizedValue } from "../../../shared/localized";

const actionSchema = new Schema(
  {
    planId: { type: Schema.Types.ObjectId, required: true, index: true },
    title: { type: localizedSchema, required: true },
    ownerId: { type: Schema.Types.ObjectId, default: null },
    dueDate: { type: String, default: null },
    status: {
      type: String,
      enum: ["not_started", "in_progress", "blocked", "done", "cancelled"],
      default: "not_started",
    },
    progress: { type: Number, default: 0, min: 0, max: 100 },
    doneDate: { type: String, default: null },
    objectiveId: { type: Schema.Types.ObjectId, default: null },
    measurementPointId: { type: Schema.Types.ObjectId, default: null },
    /**
     * "document": a row of the plan's action table (Yjs document `plan/<planId>`)
     * is the source of truth and this record is its projection (documentSync.ts).
     * "record": created where no realtime server runs (CLI import); adopted into
     * the document by the next reconciliation.
     */
    source: { type: String, enum: ["record", "document"], default: "record" },
  },
  versioned,
);

export type Action = Omit<InferSchemaType<typeof actionSchema>, "title"> & {
  _id: mongoose.Types.ObjectId;
  title: LocalizedValue;
  version: number;
};
export const ActionModel = mongoose.model("Action", actionSchema);

/** "Done on time" is derived, never typed in: done on or before the due date. */
export function isDoneOnTime(
  action: Pick<Action, "status" | "doneDate" | "dueDate">,
): boolean | null {
  if (action.status !== "done" || !action.doneDate || !action.dueDate) return null;
  return action.doneDate <= action.dueDate;
}
