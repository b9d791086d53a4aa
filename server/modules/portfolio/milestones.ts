import mongoose from "mongoose";
import type { Actor } from "../../authz";
import { updateVersioned } from "../../db/versioned";
import { badInput, notFound } from "../../errors";
import { recordAudit } from "../audit";
import { optionalText, requireText } from "../plans";
import { MILESTONE_STATUSES, MilestoneModel, type Milestone, type MilestoneStatus } from "./model";
import { checkDate, getEditableProject, getProject } from "./service";

const { trusted } = mongoose;

const today = () => new Date().toISOString().slice(0, 10);

export async function listMilestonesOfProjects(
  projectIds: readonly string[],
): Promise<Milestone[]> {
  if (!projectIds.length) return [];
  return MilestoneModel.find({ projectId: trusted({ $in: projectIds }) })
    .sort({ dueDate: 1, _id: 1 })
    .lean<Milestone[]>();
}

export interface MilestoneInput {
  title?: string | null;
  deliverable?: string | null;
  dueDate?: string | null;
  status?: MilestoneStatus | null;
  doneDate?: string | null;
}

function checkStatus(status: MilestoneStatus | null | undefined) {
  if (status == null) return undefined;
  if (!MILESTONE_STATUSES.includes(status))
    throw badInput("input.status", "portfolio.errors.status");
  return status;
}

export async function createMilestone(
  actor: Actor | null,
  input: MilestoneInput & { projectId: string },
): Promise<Milestone> {
  const project = await getEditableProject(actor, input.projectId);
  const viewer = actor!;
  const title = requireText(input.title, "input.title", 300);
  const dueDate = checkDate(input.dueDate, "input.dueDate");
  if (!dueDate) throw badInput("input.dueDate", "errors.required");
  const status = checkStatus(input.status) ?? "planned";
  const created = await MilestoneModel.create({
    organisationId: project.organisationId,
    projectId: project._id,
    title,
    deliverable: optionalText(input.deliverable, "input.deliverable", 2000),
    dueDate,
    status,
    doneDate: status === "done" ? (checkDate(input.doneDate, "input.doneDate") ?? today()) : null,
  });
  const milestone = created.toObject() as Milestone;
  await recordAudit(viewer, {
    action: "milestone.create",
    entityType: "milestone",
    entityId: milestone._id,
    after: milestone,
  });
  return milestone;
}

async function getEditableMilestone(actor: Actor | null, id: string): Promise<Milestone> {
  const milestone = mongoose.isValidObjectId(id)
    ? await MilestoneModel.findById(id).lean<Milestone>()
    : null;
  if (!milestone) throw notFound("Milestone");
  await getEditableProject(actor, String(milestone.projectId));
  return milestone;
}

/** A milestone whose project the actor may read. */
export async function getMilestone(actor: Actor | null, id: string): Promise<Milestone> {
  const milestone = mongoose.isValidObjectId(id)
    ? await MilestoneModel.findById(id).lean<Milestone>()
    : null;
  if (!milestone) throw notFound("Milestone");
  await getProject(actor, String(milestone.projectId));
  return milestone;
}

export async function updateMilestone(
  actor: Actor | null,
  id: string,
  version: number,
  input: MilestoneInput,
): Promise<Milestone> {
  await getEditableMilestone(actor, id);
  const viewer = actor!;
  const title = input.title == null ? undefined : requireText(input.title, "input.title", 300);
  const deliverable =
    input.deliverable === undefined
      ? undefined
      : optionalText(input.deliverable, "input.deliverable", 2000);
  const dueDate = input.dueDate == null ? undefined : checkDate(input.dueDate, "input.dueDate");
  const doneDate =
    input.doneDate === undefined ? undefined : checkDate(input.doneDate, "input.doneDate");
  const status = checkStatus(input.status);
  const { before, after } = await updateVersioned<Milestone>(MilestoneModel, id, version, (doc) => {
    if (title !== undefined) doc.title = title;
    if (deliverable !== undefined) doc.deliverable = deliverable;
    if (dueDate) doc.dueDate = dueDate;
    if (status !== undefined && status !== doc.status) {
      doc.status = status;
      doc.doneDate = status === "done" ? (doneDate ?? today()) : null;
    } else if (doneDate && doc.status === "done") doc.doneDate = doneDate;
  });
  await recordAudit(viewer, {
    action: "milestone.update",
    entityType: "milestone",
    entityId: id,
    before,
    after,
  });
  return after;
}

/** Marks a milestone done on a day (today by default); "on time" is derived from it. */
export async function markMilestoneDone(
  actor: Actor | null,
  id: string,
  version: number,
  doneDate?: string | null,
): Promise<Milestone> {
  const day = checkDate(doneDate, "doneDate") ?? today();
  if (day > today()) throw badInput("doneDate", "portfolio.errors.doneInFuture");
  return updateMilestone(actor, id, version, { status: "done", doneDate: day });
}

export async function deleteMilestone(actor: Actor | null, id: string): Promise<boolean> {
  const milestone = await getEditableMilestone(actor, id);
  await MilestoneModel.deleteOne({ _id: id });
  await recordAudit(actor!, {
    action: "milestone.delete",
    entityType: "milestone",
    entityId: id,
    before: milestone,
  });
  return true;
}
