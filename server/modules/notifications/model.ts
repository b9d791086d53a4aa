import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { localizedSchema } from "../../db/schemas";
import type { LocalizedValue } from "../../../shared/localized";

export const NOTIFICATION_KINDS = ["proposal_reached", "mention", "due_soon", "overdue"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * One message in a user's notification centre. The text is rendered in the reader's language
 * from `kind`, `params` and `subject` (the title of what it is about, in every language).
 */
const notificationSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    subject: { type: localizedSchema, default: null },
    /** Safe string parameters of the message (stage, due date, who mentioned). */
    params: { type: Schema.Types.Mixed, default: {} },
    link: { type: String, required: true, maxlength: 500 },
    /**
     * Claim key: the periodic due-date scan inserts the same notification at most once
     * (an E11000 on insert is atomic on FerretDB and MongoDB alike).
     */
    dedupeKey: { type: String, required: true, unique: true },
    readAt: { type: Date, default: null },
    emailedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

export type Notification = Omit<InferSchemaType<typeof notificationSchema>, "subject"> & {
  _id: mongoose.Types.ObjectId;
  subject: LocalizedValue | null;
  params: Record<string, string>;
  createdAt: Date;
};
export const NotificationModel = mongoose.model("Notification", notificationSchema);
