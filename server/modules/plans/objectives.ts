import mongoose from "mongoose";
import type { Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { updateVersioned } from "../../db/versioned";
import { AppError, badInput, notFound } from "../../errors";
import { recordAudit } from "../audit";
import { recordChange } from "./events";
import { getEditablePlan, getPlan, localizedFrom, optionalText, requireText } from "./service";
import type { LocalizedValue } from "../../../shared/localized";
import { MeasurementPointModel, ObjectiveModel, type Objective } from "./model";

export interface CreateObjectiveInput {
  planId: string;
  parentId?: string | null;
  kind: Objective["kind"];
  code: string;
  title: string;
  description?: string | null;
  order?: number | null;
}

export interface UpdateObjectiveInput {
  kind?: Objective["kind"] | null;
  code?: string | null;
  title?: string | null;
  description?: string | null;
  order?: number | null;
}

async function findObjective(id: string): Promise<Objective> {
  const objective = mongoose.isValidObjectId(id)
    ? await ObjectiveModel.findById(id).lean<Objective>()
    : null;
  if (!objective) throw notFound("Objective");
  return objective;
}

/** An objective whose plan the actor may read. */
export async function getObjective(actor: Actor | null, id: string): Promise<Objective> {
  const objective = await findObjective(id);
  await getPlan(actor, String(objective.planId));
  return objective;
}

/** Every objective of a plan (the caller has authorized the plan). */
export async function listObjectivesOfPlans(planIds: readonly string[]): Promise<Objective[]> {
  return ObjectiveModel.find({ planId: mongoose.trusted({ $in: planIds }) })
    .sort({ order: 1, code: 1 })
    .lean<Objective[]>();
}

/**
 * Codes are scoped by parent and kind: "1.1" exists under SD 1 and under
 * transversal objective 1, and at the top "1" is both strategic objective 1 and
 * transversal objective 1 (the documents write "SD 1" and "TD 1").
 */
async function assertCodeFree(
  planId: string,
  parentId: string | null,
  kind: string,
  code: string,
  exceptId?: string,
) {
  const siblings = await ObjectiveModel.find({ planId, parentId }).lean<Objective[]>();
  if (siblings.some((s) => s.code === code && s.kind === kind && String(s._id) !== exceptId))
    throw new AppError("CONFLICT", `code ${code} is taken under this parent`, {
      messageKey: "errors.codeTaken",
      params: { code },
      field: "input.code",
    });
}

export async function createObjective(
  actor: Actor | null,
  input: CreateObjectiveInput,
): Promise<Objective> {
  const plan = await getEditablePlan(actor, input.planId);
  const viewer = actor!;
  const code = requireText(input.code, "input.code", 40);
  const title = requireText(input.title, "input.title", 1000);
  const description = optionalText(input.description, "input.description");
  const parentId = input.parentId ?? null;
  // An empty string is a bad id, not "no parent" (it would reach the query and fail to cast).
  if (parentId !== null) {
    const parent = mongoose.isValidObjectId(parentId)
      ? await ObjectiveModel.findById(parentId).lean<Objective>()
      : null;
    if (!parent || String(parent.planId) !== String(plan._id))
      throw badInput("input.parentId", "errors.unknownParent");
  }
  // Check-then-insert under the plan's tree lock, so two requests cannot both take a code.
  const created = await withLock(`plan-tree:${plan._id}`, async () => {
    await assertCodeFree(String(plan._id), parentId, input.kind, code);
    const doc = await ObjectiveModel.create({
      planId: plan._id,
      parentId,
      kind: input.kind,
      code,
      title: localizedFrom(title, viewer.locale),
      description: localizedFrom(description, viewer.locale),
      order: input.order ?? 0,
    });
    return doc.toObject() as Objective;
  });
  await recordChange(
    viewer,
    {
      planId: plan._id,
      action: "objective.create",
      entityType: "objective",
      entityId: created._id,
      after: created,
    },
    "objective_changed",
    created._id,
  );
  return created;
}

export async function updateObjective(
  actor: Actor | null,
  id: string,
  version: number,
  input: UpdateObjectiveInput,
) {
  const existing = await findObjective(id);
  await getEditablePlan(actor, String(existing.planId));
  const viewer = actor!;
  const code = input.code == null ? undefined : requireText(input.code, "input.code", 40);
  const title = input.title == null ? undefined : requireText(input.title, "input.title", 1000);
  const description =
    input.description === undefined
      ? undefined
      : optionalText(input.description, "input.description");
  const { before, after } = await withLock(`plan-tree:${existing.planId}`, async () => {
    const kind = input.kind ?? existing.kind;
    if ((code !== undefined && code !== existing.code) || kind !== existing.kind)
      await assertCodeFree(
        String(existing.planId),
        existing.parentId ? String(existing.parentId) : null,
        kind,
        code ?? existing.code,
        id,
      );
    return updateVersioned(ObjectiveModel, id, version, (doc) => {
      if (code !== undefined) doc.code = code;
      if (input.kind != null) doc.kind = input.kind;
      if (title !== undefined)
        doc.title = localizedFrom(title, viewer.locale, doc.title as LocalizedValue)!;
      if (description !== undefined)
        doc.description = localizedFrom(
          description,
          viewer.locale,
          doc.description as LocalizedValue,
        );
      if (input.order != null) doc.order = input.order;
    });
  });
  await recordChange(
    viewer,
    {
      planId: existing.planId,
      action: "objective.update",
      entityType: "objective",
      entityId: id,
      before,
      after,
    },
    "objective_changed",
    id,
  );
  return after as Objective;
}

/** Deletes an objective that has no sub-objectives and no measurement points. */
export async function deleteObjective(
  actor: Actor | null,
  id: string,
  version: number,
): Promise<boolean> {
  const existing = await findObjective(id);
  await getEditablePlan(actor, String(existing.planId));
  await withLock(`plan-tree:${existing.planId}`, async () => {
    const [child, point] = await Promise.all([
      ObjectiveModel.exists({ parentId: id }),
      MeasurementPointModel.exists({ objectiveId: id }),
    ]);
    if (child || point) throw badInput("id", "errors.objectiveNotEmpty");
    if (existing.version !== version)
      throw new AppError("CONFLICT", "stale objective", { messageKey: "errors.CONFLICT" });
    await ObjectiveModel.deleteOne({ _id: id });
  });
  await recordChange(
    actor!,
    {
      planId: existing.planId,
      action: "objective.delete",
      entityType: "objective",
      entityId: id,
      before: existing,
    },
    "objective_changed",
    id,
  );
  return true;
}

/** Sets one translation of an objective's title or description. */
export async function translateObjective(
  actor: Actor | null,
  id: string,
  field: string,
  apply: (value: LocalizedValue | null) => LocalizedValue,
): Promise<LocalizedValue> {
  if (field !== "title" && field !== "description")
    throw badInput("input.field", "errors.unknownField");
  const existing = await findObjective(id);
  await getEditablePlan(actor, String(existing.planId));
  const { after } = await updateVersioned(ObjectiveModel, id, existing.version, (doc) => {
    doc.set(field, apply(doc.get(field) as LocalizedValue | null));
  });
  await recordAudit(actor!, {
    planId: existing.planId,
    action: "objective.translate",
    entityType: "objective",
    entityId: id,
  });
  return (after as Objective)[field]!;
}
