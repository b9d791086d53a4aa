import mongoose from "mongoose";
import type { Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { updateVersioned } from "../../db/versioned";
import { badInput, notFound } from "../../errors";
import { recordAudit } from "../audit";
import { getEditablePlan, getPlan, localizedFrom, recordChange, requireText } from "../plans";
import { parsePeriod } from "../../../shared/periods";
import type { LocalizedValue } from "../../../shared/localized";
import { IndicatorModel, MeasurementModel, type Indicator, type Measurement } from "./model";

export interface IndicatorInput {
  name?: string | null;
  unit?: string | null;
  direction?: Indicator["direction"] | null;
  baseline?: number | null;
  targetValue?: number | null;
  frequency?: Indicator["frequency"] | null;
}

function finiteOrNull(value: number | null | undefined, field: string): number | null | undefined {
  if (value == null) return value;
  if (!Number.isFinite(value)) throw badInput(field, "errors.number");
  return value;
}

async function findIndicator(id: string): Promise<Indicator> {
  const indicator = mongoose.isValidObjectId(id)
    ? await IndicatorModel.findById(id).lean<Indicator>()
    : null;
  if (!indicator) throw notFound("Indicator");
  return indicator;
}

export async function getIndicator(actor: Actor | null, id: string): Promise<Indicator> {
  const indicator = await findIndicator(id);
  await getPlan(actor, String(indicator.planId));
  return indicator;
}

export async function indicatorBelongsToPlan(
  indicatorId: string,
  planId: string,
): Promise<boolean> {
  if (!mongoose.isValidObjectId(indicatorId)) return false;
  const indicator = await IndicatorModel.findById(indicatorId).lean<Indicator>();
  return !!indicator && String(indicator.planId) === planId;
}

export async function findIndicators(ids: readonly string[]): Promise<Indicator[]> {
  return IndicatorModel.find({ _id: mongoose.trusted({ $in: ids }) }).lean<Indicator[]>();
}

export async function listIndicatorsOfPlans(planIds: readonly string[]): Promise<Indicator[]> {
  return IndicatorModel.find({ planId: mongoose.trusted({ $in: planIds }) }).lean<Indicator[]>();
}

export async function listMeasurementsOfPlans(planIds: readonly string[]): Promise<Measurement[]> {
  return MeasurementModel.find({ planId: mongoose.trusted({ $in: planIds }) }).lean<
    Measurement[]
  >();
}

export async function listMeasurementsOfIndicators(
  indicatorIds: readonly string[],
): Promise<Measurement[]> {
  return MeasurementModel.find({ indicatorId: mongoose.trusted({ $in: indicatorIds }) }).lean<
    Measurement[]
  >();
}

export async function createIndicator(
  actor: Actor | null,
  input: IndicatorInput & { planId: string; measurementPointId?: string | null },
) {
  const plan = await getEditablePlan(actor, input.planId);
  const viewer = actor!;
  const name = requireText(input.name, "input.name", 300);
  const created = await IndicatorModel.create({
    planId: plan._id,
    measurementPointId:
      input.measurementPointId && mongoose.isValidObjectId(input.measurementPointId)
        ? input.measurementPointId
        : null,
    name: localizedFrom(name, viewer.locale),
    unit: input.unit?.trim() || null,
    direction: input.direction ?? "higher_is_better",
    baseline: finiteOrNull(input.baseline, "input.baseline") ?? null,
    targetValue: finiteOrNull(input.targetValue, "input.targetValue") ?? null,
    frequency: input.frequency ?? "quarterly",
  });
  const indicator = created.toObject() as Indicator;
  await recordAudit(viewer, {
    planId: plan._id,
    action: "indicator.create",
    entityType: "indicator",
    entityId: indicator._id,
    after: indicator,
  });
  return indicator;
}

export async function updateIndicator(
  actor: Actor | null,
  id: string,
  version: number,
  input: IndicatorInput,
) {
  const existing = await findIndicator(id);
  await getEditablePlan(actor, String(existing.planId));
  const viewer = actor!;
  const name = input.name == null ? undefined : requireText(input.name, "input.name", 300);
  const { before, after } = await updateVersioned(IndicatorModel, id, version, (doc) => {
    if (name !== undefined)
      doc.name = localizedFrom(name, viewer.locale, doc.name as LocalizedValue)!;
    if (input.unit !== undefined) doc.unit = input.unit?.trim() || null;
    if (input.direction != null) doc.direction = input.direction;
    if (input.baseline !== undefined)
      doc.baseline = finiteOrNull(input.baseline, "input.baseline") ?? null;
    if (input.targetValue !== undefined)
      doc.targetValue = finiteOrNull(input.targetValue, "input.targetValue") ?? null;
    if (input.frequency != null) doc.frequency = input.frequency;
  });
  await recordAudit(viewer, {
    planId: existing.planId,
    action: "indicator.update",
    entityType: "indicator",
    entityId: id,
    before,
    after,
  });
  return after as Indicator;
}

/** Records or corrects the value of an indicator for a period (one value per period). */
export async function recordMeasurement(
  actor: Actor | null,
  input: {
    indicatorId: string;
    period: string;
    value: number;
    comment?: string | null;
    evidenceUrl?: string | null;
  },
  /** For restoring a backup: keep who recorded the value and when. */
  provenance?: { recordedBy: string; recordedAt: Date },
): Promise<Measurement> {
  const indicator = await findIndicator(input.indicatorId);
  await getEditablePlan(actor, String(indicator.planId));
  const viewer = actor!;
  if (!parsePeriod(input.period)) throw badInput("input.period", "errors.period");
  if (!Number.isFinite(input.value)) throw badInput("input.value", "errors.number");
  const evidenceUrl = input.evidenceUrl?.trim() || null;
  if (evidenceUrl && !/^https?:\/\/\S+$/i.test(evidenceUrl))
    throw badInput("input.evidenceUrl", "errors.url");
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > 2000)
    throw badInput("input.comment", "errors.tooLong", { max: 2000 });
  const id = `${indicator._id}:${input.period}`;
  const { before, after } = await withLock(`Measurement:${id}`, async () => {
    const previous = await MeasurementModel.findById(id).lean<Measurement>();
    const next = {
      _id: id,
      indicatorId: indicator._id,
      planId: indicator.planId,
      period: input.period,
      value: input.value,
      comment,
      evidenceUrl,
      recordedBy: new mongoose.Types.ObjectId(provenance?.recordedBy ?? viewer.id),
      recordedAt: provenance?.recordedAt ?? new Date(),
    };
    if (previous) await MeasurementModel.replaceOne({ _id: id }, next);
    else await MeasurementModel.create(next);
    return { before: previous, after: next as Measurement };
  });
  await recordChange(
    viewer,
    {
      planId: indicator.planId,
      action: "measurement.record",
      entityType: "measurement",
      entityId: id,
      before,
      after,
    },
    "measurement_recorded",
    indicator._id,
  );
  return after;
}

export async function translateIndicator(
  actor: Actor | null,
  id: string,
  apply: (v: LocalizedValue | null) => LocalizedValue,
) {
  const existing = await findIndicator(id);
  await getEditablePlan(actor, String(existing.planId));
  const { after } = await updateVersioned(IndicatorModel, id, existing.version, (doc) => {
    doc.name = apply(doc.name as LocalizedValue);
  });
  return (after as Indicator).name;
}

/** Removes the indicators and measurements of a plan whose creation failed half-way. */
export async function discardIndicatorsOfPlan(planId: string): Promise<void> {
  await Promise.all([
    IndicatorModel.deleteMany({ planId }),
    MeasurementModel.deleteMany({ planId }),
  ]);
}
