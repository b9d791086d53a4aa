import mongoose from "mongoose";
import type { Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { updateVersioned } from "../../db/versioned";
import { AppError, badInput, notFound } from "../../errors";
import { recordAudit } from "../audit";
import { getUsers } from "../users";
import { indicatorBelongsToPlan } from "../indicators";
import { recordChange } from "./events";
import { getEditablePlan, getPlan, localizedFrom, optionalText, requireText } from "./service";
import { deadlineFromInput, type DeadlineKind } from "../../../shared/deadline";
import { withText, type LocalizedValue } from "../../../shared/localized";
import type { Locale } from "../../../shared/domain";
import {
  MeasurementPointModel,
  ObjectiveModel,
  type MeasurementPoint,
  type Objective,
  type Target,
} from "./model";

export interface TargetInput {
  id?: string | null;
  text: string;
  goal?: {
    value: number;
    unit?: string | null;
    comparator: "at_least" | "at_most" | "equal";
    baseline?: number | null;
  } | null;
  deadline?: { kind: DeadlineKind; value?: string | null; text?: string | null } | null;
  indicatorId?: string | null;
}

export interface PointInput {
  code?: string | null;
  title?: string | null;
  description?: string | null;
  ownerIds?: readonly string[] | null;
  contributorIds?: readonly string[] | null;
  targets?: readonly TargetInput[] | null;
  order?: number | null;
}

async function findPoint(id: string): Promise<MeasurementPoint> {
  const point = mongoose.isValidObjectId(id)
    ? await MeasurementPointModel.findById(id).lean<MeasurementPoint>()
    : null;
  if (!point) throw notFound("MeasurementPoint");
  return point;
}

/** A measurement point whose plan the actor may read. */
export async function getMeasurementPoint(
  actor: Actor | null,
  id: string,
): Promise<MeasurementPoint> {
  const point = await findPoint(id);
  await getPlan(actor, String(point.planId));
  return point;
}

/** Every measurement point of the given plans (the caller has authorized them). */
export async function listPointsOfPlans(planIds: readonly string[]): Promise<MeasurementPoint[]> {
  return MeasurementPointModel.find({ planId: mongoose.trusted({ $in: planIds }) })
    .sort({ order: 1, code: 1 })
    .lean<MeasurementPoint[]>();
}

async function validatePeople(
  actor: Actor,
  ids: readonly string[] | null | undefined,
  field: string,
) {
  if (!ids) return undefined;
  if (ids.some((id) => !mongoose.isValidObjectId(id))) throw badInput(field, "errors.unknownUser");
  const users = await getUsers(ids);
  if (users.some((u) => !u || String(u.organisationId) !== actor.organisationId))
    throw badInput(field, "errors.unknownUser");
  return [...new Set(ids)];
}

async function buildTargets(
  planId: string,
  locale: Locale,
  inputs: readonly TargetInput[],
  existing: Target[],
) {
  const targets = [];
  for (const [i, input] of inputs.entries()) {
    const field = `input.targets.${i}`;
    const text = requireText(input.text, `${field}.text`, 2000);
    const goal = input.goal ?? null;
    if (goal && !Number.isFinite(goal.value))
      throw badInput(`${field}.goal.value`, "errors.number");
    if (goal?.baseline != null && !Number.isFinite(goal.baseline))
      throw badInput(`${field}.goal.baseline`, "errors.number");
    let deadline = null;
    if (input.deadline) {
      const parsed = deadlineFromInput(
        input.deadline.kind,
        input.deadline.value,
        input.deadline.text,
      );
      if ("error" in parsed) throw badInput(`${field}.deadline.value`, parsed.error);
      deadline = parsed.deadline;
    }
    if (input.indicatorId && !(await indicatorBelongsToPlan(input.indicatorId, planId)))
      throw badInput(`${field}.indicatorId`, "errors.unknownIndicator");
    const previous = input.id ? existing.find((t) => String(t._id) === input.id) : undefined;
    if (input.id && !previous) throw badInput(`${field}.id`, "errors.unknownTarget");
    targets.push({
      ...(previous ? { _id: previous._id } : {}),
      text: withText(previous?.text, locale, text),
      goal: goal
        ? {
            value: goal.value,
            unit: goal.unit?.trim() || null,
            comparator: goal.comparator,
            baseline: goal.baseline ?? null,
          }
        : null,
      deadline,
      indicatorId: input.indicatorId || null,
    });
  }
  return targets;
}

async function assertCodeFree(objectiveId: string, code: string, exceptId?: string) {
  const siblings = await MeasurementPointModel.find({ objectiveId }).lean<MeasurementPoint[]>();
  if (siblings.some((s) => s.code === code && String(s._id) !== exceptId))
    throw new AppError("CONFLICT", `code ${code} is taken`, {
      messageKey: "errors.codeTaken",
      params: { code },
      field: "input.code",
    });
}

export async function createMeasurementPoint(
  actor: Actor | null,
  input: PointInput & { objectiveId: string },
) {
  const objective = mongoose.isValidObjectId(input.objectiveId)
    ? await ObjectiveModel.findById(input.objectiveId).lean<Objective>()
    : null;
  if (!objective) throw badInput("input.objectiveId", "errors.unknownObjective");
  const plan = await getEditablePlan(actor, String(objective.planId));
  const viewer = actor!;
  const code = requireText(input.code, "input.code", 40);
  const title = requireText(input.title, "input.title", 2000);
  const description = optionalText(input.description, "input.description");
  const ownerIds = (await validatePeople(viewer, input.ownerIds, "input.ownerIds")) ?? [viewer.id];
  const contributorIds =
    (await validatePeople(viewer, input.contributorIds, "input.contributorIds")) ?? [];
  const targets = await buildTargets(String(plan._id), viewer.locale, input.targets ?? [], []);
  const created = await withLock(`plan-tree:${plan._id}`, async () => {
    await assertCodeFree(String(objective._id), code);
    const doc = await MeasurementPointModel.create({
      planId: plan._id,
      objectiveId: objective._id,
      code,
      title: localizedFrom(title, viewer.locale),
      description: localizedFrom(description, viewer.locale),
      ownerIds,
      contributorIds,
      targets,
      order: input.order ?? 0,
    });
    return doc.toObject() as MeasurementPoint;
  });
  await recordChange(
    viewer,
    {
      planId: plan._id,
      action: "measurement_point.create",
      entityType: "measurement_point",
      entityId: created._id,
      after: created,
    },
    "measurement_point_changed",
    created._id,
  );
  return created;
}

export async function updateMeasurementPoint(
  actor: Actor | null,
  id: string,
  version: number,
  input: PointInput,
) {
  const existing = await findPoint(id);
  const plan = await getEditablePlan(actor, String(existing.planId));
  const viewer = actor!;
  const code = input.code == null ? undefined : requireText(input.code, "input.code", 40);
  const title = input.title == null ? undefined : requireText(input.title, "input.title", 2000);
  const description =
    input.description === undefined
      ? undefined
      : optionalText(input.description, "input.description");
  const ownerIds = await validatePeople(viewer, input.ownerIds, "input.ownerIds");
  const contributorIds = await validatePeople(viewer, input.contributorIds, "input.contributorIds");
  const targets = input.targets
    ? await buildTargets(String(plan._id), viewer.locale, input.targets, existing.targets)
    : undefined;
  const { before, after } = await withLock(`plan-tree:${plan._id}`, async () => {
    if (code !== undefined && code !== existing.code)
      await assertCodeFree(String(existing.objectiveId), code, id);
    return updateVersioned(MeasurementPointModel, id, version, (doc) => {
      if (code !== undefined) doc.code = code;
      if (title !== undefined)
        doc.title = localizedFrom(title, viewer.locale, doc.title as LocalizedValue)!;
      if (description !== undefined)
        doc.description = localizedFrom(
          description,
          viewer.locale,
          doc.description as LocalizedValue,
        );
      if (ownerIds) doc.set("ownerIds", ownerIds);
      if (contributorIds) doc.set("contributorIds", contributorIds);
      // Whole-array assignment: FerretDB has no positional or $pull updates.
      if (targets) doc.set("targets", targets);
      if (input.order != null) doc.order = input.order;
    });
  });
  await recordChange(
    viewer,
    {
      planId: plan._id,
      action: "measurement_point.update",
      entityType: "measurement_point",
      entityId: id,
      before,
      after,
    },
    "measurement_point_changed",
    id,
  );
  return after as MeasurementPoint;
}

export async function deleteMeasurementPoint(
  actor: Actor | null,
  id: string,
  version: number,
): Promise<boolean> {
  const existing = await findPoint(id);
  await getEditablePlan(actor, String(existing.planId));
  await withLock(`MeasurementPoint:${id}`, async () => {
    if (existing.version !== version)
      throw new AppError("CONFLICT", "stale point", { messageKey: "errors.CONFLICT" });
    await MeasurementPointModel.deleteOne({ _id: id });
  });
  await recordChange(
    actor!,
    {
      planId: existing.planId,
      action: "measurement_point.delete",
      entityType: "measurement_point",
      entityId: id,
      before: existing,
    },
    "measurement_point_changed",
    id,
  );
  return true;
}

/** Sets one translation of a point's or target's text (see i18n setTranslation). */
export async function translatePoint(
  actor: Actor | null,
  id: string,
  targetId: string | null,
  field: string,
  apply: (value: LocalizedValue | null) => LocalizedValue,
): Promise<LocalizedValue> {
  const existing = await findPoint(id);
  await getEditablePlan(actor, String(existing.planId));
  const { after } = await updateVersioned(MeasurementPointModel, id, existing.version, (doc) => {
    if (targetId) {
      const targets = (doc.toObject() as MeasurementPoint).targets;
      const index = targets.findIndex((t) => String(t._id) === targetId);
      if (index < 0) throw badInput("input.targetId", "errors.unknownTarget");
      targets[index]!.text = apply(targets[index]!.text);
      doc.set("targets", targets);
    } else if (field === "title" || field === "description") {
      doc.set(field, apply(doc.get(field) as LocalizedValue | null));
    } else throw badInput("input.field", "errors.unknownField");
  });
  await recordAudit(actor!, {
    planId: existing.planId,
    action: "measurement_point.translate",
    entityType: "measurement_point",
    entityId: id,
  });
  const point = after as MeasurementPoint;
  return targetId
    ? point.targets.find((t) => String(t._id) === targetId)!.text
    : (point[field as "title"] as LocalizedValue);
}
