import mongoose from "mongoose";
import { authorize, can, requireActor, type Actor } from "../../authz";
import { updateVersioned } from "../../db/versioned";
import { badInput, notFound, forbidden } from "../../errors";
import { getOrgUnits } from "../orgs";
import { getUser } from "../users";
import { recordAudit } from "../audit";
import { recordChange } from "./events";
import { withText, type LocalizedValue } from "../../../shared/localized";
import type { Locale, PlanMemberRole } from "../../../shared/domain";
import { MeasurementPointModel, ObjectiveModel, PlanModel, type Plan } from "./model";
import "./authz";

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

export interface CreatePlanInput {
  kind: Plan["kind"];
  title: string;
  description?: string | null;
  orgUnitId: string;
  periodStart: number;
  periodEnd: number;
  responsibleAuthority?: string | null;
}

export interface UpdatePlanInput {
  title?: string | null;
  description?: string | null;
  periodStart?: number | null;
  periodEnd?: number | null;
  responsibleAuthority?: string | null;
  status?: Plan["status"] | null;
}

/** A required text of at most `max` characters, trimmed; BAD_USER_INPUT names the field. */
export function requireText(value: string | null | undefined, field: string, max = 300): string {
  const trimmed = (value ?? "").trim();
  if (!trimmed) throw badInput(field, "errors.required");
  if (trimmed.length > max) throw badInput(field, "errors.tooLong", { max });
  return trimmed;
}

export function optionalText(
  value: string | null | undefined,
  field: string,
  max = 10_000,
): string | null {
  const trimmed = (value ?? "").trim();
  if (trimmed.length > max) throw badInput(field, "errors.tooLong", { max });
  return trimmed || null;
}

/** Puts a text typed in the actor's language into a stored localized value. */
export function localizedFrom(
  text: string | null,
  locale: Locale,
  existing?: LocalizedValue | null,
): LocalizedValue | null {
  if (text === null && !existing) return null;
  return withText(existing, locale, text ?? "");
}

function validatePeriod(start: number, end: number, prefix: string) {
  for (const [name, year] of [
    ["periodStart", start],
    ["periodEnd", end],
  ] as const) {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
      throw badInput(`${prefix}.${name}`, "errors.yearRange", { min: MIN_YEAR, max: MAX_YEAR });
  }
  if (end < start) throw badInput(`${prefix}.periodEnd`, "errors.periodOrder");
}

/** A plan the actor may read; NOT_FOUND for other organisations, FORBIDDEN within. */
export async function getPlan(actor: Actor | null, id: string): Promise<Plan> {
  const viewer = requireActor(actor);
  const plan = mongoose.isValidObjectId(id) ? await PlanModel.findById(id).lean<Plan>() : null;
  if (!plan || String(plan.organisationId) !== viewer.organisationId) throw notFound("Plan");
  authorize(viewer, "plan.read", plan);
  return plan;
}

/** A plan the actor may change (plan.update), else FORBIDDEN. */
export async function getEditablePlan(actor: Actor | null, id: string): Promise<Plan> {
  const plan = await getPlan(actor, id);
  authorize(actor, "plan.update", plan);
  return plan;
}

/** The plans the actor may read, newest first, by cursor. */
export async function listPlans(actor: Actor | null, first: number, after?: string | null) {
  const viewer = requireActor(actor);
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw badInput("first", "errors.pageSize", { max: 100 });
  const filter: Record<string, unknown> = { organisationId: viewer.organisationId };
  if (after) {
    if (!mongoose.isValidObjectId(after)) throw badInput("after", "errors.badCursor");
    filter._id = mongoose.trusted({ $lt: new mongoose.Types.ObjectId(after) });
  }
  // Authorization is per plan, so filter in TS; a plan list per organisation stays small.
  const candidates = await PlanModel.find(filter).sort({ _id: -1 }).lean<Plan[]>();
  const readable = candidates.filter((p) => can(viewer, "plan.read", p));
  const nodes = readable.slice(0, first);
  return {
    nodes,
    pageInfo: {
      hasNextPage: readable.length > first,
      endCursor: nodes.length ? String(nodes.at(-1)!._id) : null,
    },
  };
}

export async function createPlan(actor: Actor | null, input: CreatePlanInput): Promise<Plan> {
  const viewer = requireActor(actor);
  const title = requireText(input.title, "input.title");
  const description = optionalText(input.description, "input.description");
  validatePeriod(input.periodStart, input.periodEnd, "input");
  const [unit] = mongoose.isValidObjectId(input.orgUnitId)
    ? await getOrgUnits([input.orgUnitId])
    : [null];
  if (!unit || String(unit.organisationId) !== viewer.organisationId)
    throw badInput("input.orgUnitId", "errors.unknownOrgUnit");
  authorize(viewer, "plan.create", {
    organisationId: viewer.organisationId,
    orgUnitId: String(unit._id),
  });
  const created = await PlanModel.create({
    organisationId: viewer.organisationId,
    orgUnitId: unit._id,
    kind: input.kind,
    title: localizedFrom(title, viewer.locale),
    description: localizedFrom(description, viewer.locale),
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    responsibleAuthority: input.responsibleAuthority?.trim() || null,
    members: [{ userId: viewer.id, role: "owner" }],
  });
  const plan = created.toObject() as Plan;
  await recordAudit(viewer, {
    planId: plan._id,
    action: "plan.create",
    entityType: "plan",
    entityId: plan._id,
    after: plan,
  });
  return plan;
}

export async function updatePlan(
  actor: Actor | null,
  id: string,
  version: number,
  input: UpdatePlanInput,
): Promise<Plan> {
  const existing = await getEditablePlan(actor, id);
  const viewer = actor!;
  const title = input.title == null ? undefined : requireText(input.title, "input.title");
  const description =
    input.description === undefined
      ? undefined
      : optionalText(input.description, "input.description");
  validatePeriod(
    input.periodStart ?? existing.periodStart,
    input.periodEnd ?? existing.periodEnd,
    "input",
  );
  const { before, after } = await updateVersioned(PlanModel, id, version, (doc) => {
    if (title !== undefined)
      doc.title = localizedFrom(title, viewer.locale, doc.title as LocalizedValue)!;
    if (description !== undefined)
      doc.description = localizedFrom(
        description,
        viewer.locale,
        doc.description as LocalizedValue,
      );
    if (input.periodStart != null) doc.periodStart = input.periodStart;
    if (input.periodEnd != null) doc.periodEnd = input.periodEnd;
    if (input.responsibleAuthority !== undefined)
      doc.responsibleAuthority = input.responsibleAuthority?.trim() || null;
    if (input.status != null) doc.status = input.status;
  });
  await recordChange(
    viewer,
    {
      planId: id,
      action: "plan.update",
      entityType: "plan",
      entityId: id,
      before,
      after,
    },
    "plan_updated",
    id,
  );
  return after as Plan;
}

/** Adds a member or changes their role; only owners (or admins) manage members. */
export async function setPlanMember(
  actor: Actor | null,
  planId: string,
  userId: string,
  role: PlanMemberRole | null,
) {
  const plan = await getPlan(actor, planId);
  const viewer = actor!;
  const isOwner = plan.members.some((m) => String(m.userId) === viewer.id && m.role === "owner");
  if (!isOwner && !viewer.isAdmin) throw forbidden("plan.members");
  const user = await getUser(userId);
  if (!user || String(user.organisationId) !== viewer.organisationId)
    throw badInput("userId", "errors.unknownUser");
  const { before, after } = await updateVersioned<Plan>(PlanModel, planId, plan.version, (doc) => {
    // Reassign the filtered array: FerretDB ignores $pull on sub-documents.
    const members = (doc.toObject() as Plan).members;
    const others = members.filter((m) => String(m.userId) !== userId);
    const next = role ? [...others, { userId, role }] : others;
    if (!next.some((m) => m.role === "owner")) throw badInput("role", "errors.lastOwner");
    doc.set("members", next);
  });
  await recordChange(
    viewer,
    {
      planId,
      action: role ? "plan.member.set" : "plan.member.remove",
      entityType: "plan",
      entityId: planId,
      before: before.members,
      after: after.members,
    },
    "plan_updated",
    planId,
  );
  return after as Plan;
}

/** Realtime access to a plan's documents: read and write rights of the actor. */
export async function planDocumentAccess(
  actor: Actor,
  id: string,
): Promise<{ canRead: boolean; canWrite: boolean }> {
  const plan = await PlanModel.findById(id).lean<Plan>();
  if (!plan) return { canRead: false, canWrite: false };
  return { canRead: can(actor, "plan.read", plan), canWrite: can(actor, "plan.update", plan) };
}

export function canEditPlan(actor: Actor | null, plan: Plan): boolean {
  return can(actor, "plan.update", plan);
}

/** Sets one translation of the plan's title or description. */
export async function translatePlanText(
  actor: Actor | null,
  id: string,
  field: string,
  apply: (value: LocalizedValue | null) => LocalizedValue,
): Promise<LocalizedValue> {
  if (field !== "title" && field !== "description")
    throw badInput("input.field", "errors.unknownField");
  const plan = await getEditablePlan(actor, id);
  const { after } = await updateVersioned(PlanModel, id, plan.version, (doc) => {
    doc.set(field, apply(doc.get(field) as LocalizedValue | null));
  });
  await recordAudit(actor!, {
    planId: id,
    action: "plan.translate",
    entityType: "plan",
    entityId: id,
  });
  return (after as Plan)[field]!;
}

/** Loads plans by id, in the order asked (no authorization: for request loaders). */
export async function loadPlansById(ids: readonly string[]): Promise<(Plan | null)[]> {
  const plans = await PlanModel.find({ _id: mongoose.trusted({ $in: ids }) }).lean<Plan[]>();
  const byId = new Map(plans.map((p) => [String(p._id), p]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Removes a plan and its tree; only for undoing a plan whose creation failed half-way. */
export async function discardPlanTree(actor: Actor, planId: string): Promise<void> {
  await Promise.all([
    MeasurementPointModel.deleteMany({ planId }),
    ObjectiveModel.deleteMany({ planId }),
  ]);
  await PlanModel.deleteOne({ _id: planId });
  await recordAudit(actor, {
    planId,
    action: "plan.discard",
    entityType: "plan",
    entityId: planId,
  });
}
