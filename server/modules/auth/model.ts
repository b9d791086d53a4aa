import mongoose, { Schema, type InferSchemaType } from "mongoose";

// _id is the SHA-256 of the session token: the cookie value itself is never
// stored, and the lookup on every request is by _id (the fast path on FerretDB).
const sessionSchema = new Schema({
  _id: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
  lastSeenAt: { type: Date, required: true },
  absoluteExpiresAt: { type: Date, required: true },
});

export type Session = InferSchemaType<typeof sessionSchema>;
export const SessionModel = mongoose.model("Session", sessionSchema);
