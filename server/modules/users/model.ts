import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { ROLES, LOCALES } from "../../../shared/domain";

const membershipSchema = new Schema(
  {
    orgUnitId: { type: Schema.Types.ObjectId, required: true },
    role: { type: String, enum: ROLES, required: true },
  },
  { _id: false },
);

const userSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true, trim: true, maxlength: 254 },
    // Case-folded shadow field: FerretDB has no collation, so uniqueness and
    // lookups use the normalized form.
    emailLower: { type: String, required: true, unique: true },
    name: { type: String, required: true, trim: true, maxlength: 120 },
    locale: { type: String, enum: LOCALES, default: "nl" },
    isAdmin: { type: Boolean, default: false },
    disabled: { type: Boolean, default: false },
    memberships: { type: [membershipSchema], default: [] },
  },
  { timestamps: true, optimisticConcurrency: true },
);

// The password hash lives apart from the user so no query of users can ever
// carry it, and findOneAndX stays usable on users (no select:false paths).
const credentialSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    passwordHash: { type: String, required: true },
  },
  { timestamps: true },
);

export type User = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };
export const UserModel = mongoose.model("User", userSchema);
export const CredentialModel = mongoose.model("Credential", credentialSchema);
