import mongoose from "mongoose";
import type { Actor } from "../../authz";
import { updateVersioned } from "../../db/versioned";
import { badInput, notFound } from "../../errors";
import { getUsers } from "../users";
import { getEditablePlan, getPlan, localizedFrom, recordChange, requireText } from "../plans";
import { isIsoDate } from "../../../shared/periods";
import type { LocalizedValue } from "../../../shared/localized";
import { ActionModel, type Action } from "./model";
import { createThroughDocument, isDocumentSyncOn, updateThroughDocument } from "./documentSync";

export interface ActionInput {
  title?: string | null;
  ownerId?: string | null;
  dueDate?: string | null;
  status?: Action["status"] | null;
  progress?: number | null;
  doneDate?: string | null;
}

const today = () => new Date().toISOString().slice(0, 10);

function checkDate(value: string | null | undefined, field: string): string | null | undefined {
  if (value == null || value === "") return value === "" ? null : value;
  if (!isIsoDate(value)) throw badInput(field, "errors.date");
  return value;
}

function checkProgress(value: number | null | undefined): number | undefined {
  if (value == null) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > 100)
    throw badInput("input.progress", "errors.progress");
  return value;
}

async function checkOwner(
  actor: Actor,
  ownerId: string | null | undefined,
): Promise<string | null | undefined> {
  if (!ownerId) return ownerId === undefined ? undefined : null;
  const [user] = mongoose.isValidObjectId(ownerId) ? await getUsers([ownerId]) : [null];
  if (!user || String(user.organisationId) !== actor.organisationId)
    throw badInput("input.ownerId", "errors.unknownUser");
  return ownerId;
}

export async function listActionsOfPlans(planIds: readonly string[]): Promise<Action[]> {
  return ActionModel.find({ planId: mongoose.trusted({ $in: planIds }) })
    .sort({ dueDate: 1, _id: 1 })
    .lean<Action[]>();
}

export async function listActionsOfPoints(pointIds: readonly string[]): Promise<Action[]> {
  return ActionModel.find({ measurementPointId: mongoose.trusted({ $in: pointIds }) }).lean<
    Action[]
  >();
}

export interface ActionFilter {
  status?: Action["status"] | null;
  ownerId?: string | null;
  objectiveId?: string | null;
  measurementPointId?: string | null;
  dueFrom?: string | null;
  dueUntil?: string | null;
}

/** Actions of a plan the actor may read, filtered, by cursor (the _id of the last one). */
export async function listActions(
  actor: Actor | null,
  planId: string,
  filter: ActionFilter,
  first: number,
  after?: string | null,
) {
  await getPlan(actor, planId);
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw badInput("first", "errors.pageSize", { max: 100 });
  const all = await listActionsOfPlans([planId]);
  const matching = all.filter(
    (a) =>
      (!filter.status || a.status === filter.status) &&
      (!filter.ownerId || String(a.ownerId) === filter.ownerId) &&
      (!filter.objectiveId || String(a.objectiveId) === filter.objectiveId) &&
      (!filter.measurementPointId || String(a.measurementPointId) === filter.measurementPointId) &&
      (!filter.dueFrom || (a.dueDate ?? "") >= filter.dueFrom) &&
      (!filter.dueUntil || (!!a.dueDate && a.dueDate <= filter.dueUntil)),
  );
  const start = after ? matching.findIndex((a) => String(a._id) === after) + 1 : 0;
  if (after && start === 0) throw badInput("after", "errors.badCursor");
  const nodes = matching.slice(start, start + first);
  return {
    nodes,
    totalCount: matching.length,
    pageInfo: {
      hasNextPage: start + first < matching.length,
      endCursor: nodes.at(-1) ? String(nodes.at(-1)!._id) : null,
    },
  };
}

export async function createAction(
  actor: Actor | null,
  input: ActionInput & {
    planId: string;
    objectiveId?: string | null;
    measurementPointId?: string | null;
  },
): Promise<Action> {
  const plan = await getEditablePlan(actor, input.planId);
  const viewer = actor!;
  const title = requireText(input.title, "input.title", 1000);
  const status = input.status ?? "not_started";
  const fields = {
    planId: plan._id,
    title: localizedFrom(title, viewer.locale),
    ownerId: (await checkOwner(viewer, input.ownerId)) ?? null,
    dueDate: checkDate(input.dueDate, "input.dueDate") ?? null,
    status,
    progress: checkProgress(input.progress) ?? (status === "done" ? 100 : 0),
    doneDate: status === "done" ? (checkDate(input.doneDate, "input.doneDate") ?? today()) : null,
    objectiveId:
      input.objectiveId && mongoose.isValidObjectId(input.objectiveId) ? input.objectiveId : null,
    measurementPointId:
      input.measurementPointId && mongoose.isValidObjectId(input.measurementPointId)
        ? input.measurementPointId
        : null,
  };
  // With a realtime server the action plan document is the source of truth:
  // the action is a row of its table first (documentSync.ts).
  const action = isDocumentSyncOn()
    ? await createThroughDocument(viewer, String(plan._id), fields, viewer.locale)
    : ((await ActionModel.create(fields)).toObject() as Action);
  await recordChange(
    viewer,
    {
      planId: plan._id,
      action: "action.create",
      entityType: "action",
      entityId: action._id,
      after: action,
    },
    "action_changed",
    action._id,
  );
  return action;
}

export async function updateAction(
  actor: Actor | null,
  id: string,
  version: number,
  input: ActionInput,
): Promise<Action> {
  const existing = mongoose.isValidObjectId(id)
    ? await ActionModel.findById(id).lean<Action>()
    : null;
  if (!existing) throw notFound("Action");
  await getEditablePlan(actor, String(existing.planId));
  const viewer = actor!;
  const title = input.title == null ? undefined : requireText(input.title, "input.title", 1000);
  const ownerId = await checkOwner(viewer, input.ownerId);
  const dueDate = checkDate(input.dueDate, "input.dueDate");
  const doneDate = checkDate(input.doneDate, "input.doneDate");
  const progress = checkProgress(input.progress);
  const write = () =>
    updateVersioned(ActionModel, id, version, (doc) => {
      if (title !== undefined)
        doc.title = localizedFrom(title, viewer.locale, doc.title as LocalizedValue)!;
      if (ownerId !== undefined) doc.set("ownerId", ownerId);
      if (dueDate !== undefined) doc.dueDate = dueDate;
      if (progress !== undefined) doc.progress = progress;
      if (input.status != null && input.status !== doc.status) {
        doc.status = input.status;
        if (input.status === "done") {
          doc.doneDate = doneDate ?? today();
          doc.progress = 100;
        } else doc.doneDate = null;
      } else if (doneDate !== undefined && doc.status === "done") doc.doneDate = doneDate;
    });
  // A doc-backed action changes in its row first, so every open editor shows it.
  const { before, after } =
    (existing as { source?: string }).source === "document" && isDocumentSyncOn()
      ? await updateThroughDocument(
          viewer,
          existing,
          version,
          {
            title,
            ownerId: ownerId === undefined ? undefined : (ownerId ?? ""),
            dueDate: dueDate === undefined ? undefined : (dueDate ?? ""),
            status: input.status ?? undefined,
          },
          write,
        )
      : await write();
  await recordChange(
    viewer,
    {
      planId: existing.planId,
      action: "action.update",
      entityType: "action",
      entityId: id,
      before,
      after,
    },
    "action_changed",
    id,
  );
  return after as Action;
}

export async function translateAction(
  actor: Actor | null,
  id: string,
  apply: (v: LocalizedValue | null) => LocalizedValue,
) {
  const existing = mongoose.isValidObjectId(id)
    ? await ActionModel.findById(id).lean<Action>()
    : null;
  if (!existing) throw notFound("Action");
  await getEditablePlan(actor, String(existing.planId));
  const { after } = await updateVersioned(ActionModel, id, existing.version, (doc) => {
    doc.title = apply(doc.title as LocalizedValue);
  });
  return (after as Action).title;
}

/** One action whose plan the actor may read. */
export async function getActionById(actor: Actor | null, id: string): Promise<Action> {
  const action = mongoose.isValidObjectId(id)
    ? await ActionModel.findById(id).lean<Action>()
    : null;
  if (!action) throw notFound("Action");
  await getPlan(actor, String(action.planId));
  return action;
}

/** Removes the actions of a plan whose creation failed half-way. */
export async function discardActionsOfPlan(planId: string): Promise<void> {
  await ActionModel.deleteMany({ planId });
}
