import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { localizedSchema, versioned } from "../../db/schemas";
import type { LocalizedValue } from "../../../shared/localized";

const indicatorSchema = new Schema(
  {
    planId: { type: Schema.Types.ObjectId, required: true, index: true },
    measurementPointId: { type: Schema.Types.ObjectId, default: null },
    name: { type: localizedSchema, required: true },
    unit: { type: String, default: null, maxlength: 40 },
    direction: { type: String, enum: ["higher_is_better", "lower_is_better"], required: true },
    baseline: { type: Number, default: null },
    targetValue: { type: Number, default: null },
    frequency: { type: String, enum: ["monthly", "quarterly", "yearly"], default: "quarterly" },
  },
  versioned,
);

// _id is "<indicatorId>:<period>": one value per indicator and period, and the
// natural key makes "record or correct" a lookup by _id (fast on FerretDB too).
const measurementSchema = new Schema(
  {
    _id: { type: String, required: true },
    indicatorId: { type: Schema.Types.ObjectId, required: true },
    planId: { type: Schema.Types.ObjectId, required: true, index: true },
    period: { type: String, required: true },
    value: { type: Number, required: true },
    comment: { type: String, default: null, maxlength: 2000 },
    evidenceUrl: { type: String, default: null, maxlength: 2000 },
    recordedBy: { type: Schema.Types.ObjectId, required: true },
    recordedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type Indicator = Omit<InferSchemaType<typeof indicatorSchema>, "name"> & {
  _id: mongoose.Types.ObjectId;
  name: LocalizedValue;
  version: number;
};
export type Measurement = InferSchemaType<typeof measurementSchema>;

export const IndicatorModel = mongoose.model("Indicator", indicatorSchema);
export const MeasurementModel = mongoose.model("Measurement", measurementSchema);
