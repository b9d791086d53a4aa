import mongoose, { Schema } from "mongoose";

// Insert-only: an entry is never updated or deleted through the application.
const auditSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    planId: { type: Schema.Types.ObjectId, default: null },
    actorId: { type: Schema.Types.ObjectId, default: null },
    action: { type: String, required: true },
    entityType: { type: String, required: true },
    entityId: { type: String, required: true },
    // JSON text: snapshots may hold keys and nesting FerretDB refuses in documents.
    before: { type: String, default: null },
    after: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export interface AuditEntry {
  _id: mongoose.Types.ObjectId;
  organisationId: mongoose.Types.ObjectId;
  planId: mongoose.Types.ObjectId | null;
  actorId: mongoose.Types.ObjectId | null;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  at: Date;
}

export const AuditModel = mongoose.model("AuditEntry", auditSchema);
