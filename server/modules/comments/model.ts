import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { COMMENT_MAX_LENGTH, COMMENT_TARGET_KINDS } from "../../../shared/proposals";

/** A comment on something of another module; replies point to the first comment of a thread. */
const commentSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    targetKind: { type: String, enum: COMMENT_TARGET_KINDS, required: true },
    targetId: { type: Schema.Types.ObjectId, required: true, index: true },
    parentId: { type: Schema.Types.ObjectId, default: null },
    authorId: { type: Schema.Types.ObjectId, required: true },
    body: { type: String, required: true, maxlength: COMMENT_MAX_LENGTH },
    mentionIds: { type: [Schema.Types.ObjectId], default: [] },
    resolved: { type: Boolean, default: false },
    resolvedById: { type: Schema.Types.ObjectId, default: null },
    resolvedAt: { type: Date, default: null },
    editedAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: "version", optimisticConcurrency: true },
);

export type Comment = InferSchemaType<typeof commentSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  replies?: Comment[];
};
export const CommentModel = mongoose.model("Comment", commentSchema);
