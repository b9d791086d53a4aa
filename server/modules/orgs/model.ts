import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from "mongoose";

const organisationSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
  },
  { timestamps: true },
);

const orgUnitSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true, index: true },
    code: { type: String, required: true, trim: true, maxlength: 40 },
    name: { type: String, required: true, trim: true, maxlength: 200 },
    parentId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);

export type Organisation = InferSchemaType<typeof organisationSchema> & {
  _id: mongoose.Types.ObjectId;
};
export type OrgUnit = InferSchemaType<typeof orgUnitSchema> & { _id: mongoose.Types.ObjectId };
export type OrgUnitDoc = HydratedDocument<OrgUnit>;

export const OrganisationModel = mongoose.model("Organisation", organisationSchema);
export const OrgUnitModel = mongoose.model("OrgUnit", orgUnitSchema);
