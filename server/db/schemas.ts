import { Schema } from "mongoose";

const stateEnum = { type: String, enum: ["missing", "draft", "approved", null], default: null };

/** A translatable text: one value per language plus each translation's state (shared/localized.ts). */
export const localizedSchema = new Schema(
  {
    nl: { type: String, default: null, maxlength: 10_000 },
    fr: { type: String, default: null, maxlength: 10_000 },
    en: { type: String, default: null, maxlength: 10_000 },
    states: {
      type: new Schema({ nl: stateEnum, fr: stateEnum, en: stateEnum }, { _id: false }),
      default: {},
    },
  },
  { _id: false },
);

export const deadlineSchema = new Schema(
  {
    kind: {
      type: String,
      enum: ["date", "month", "quarter", "year", "continuous", "event"],
      required: true,
    },
    from: { type: String, default: null },
    until: { type: String, default: null },
    text: { type: String, required: true, maxlength: 300 },
  },
  { _id: false },
);

/** Options every versioned entity uses: `version` is the optimistic-concurrency counter. */
export const versioned = {
  timestamps: true,
  versionKey: "version",
  optimisticConcurrency: true,
} as const;
