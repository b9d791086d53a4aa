import mongoose, { trusted } from "mongoose";
import { authorize, can, requireActor, type Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { AppError, badInput, notFound } from "../../errors";
import { getOrgUnits } from "../orgs";
import { publish } from "../../pubsub";
import { PlanModel, type Plan } from "./model";
import "./authz";

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

export interface CreatePlanInput {
  kind: Plan["kind"];
  title: string;
  orgUnitId: string;
  periodStart: number;
  periodEnd: number;
  responsibleAuthority?: string | null;
}

export interface UpdatePlanInput {
  title?: string | null;
  periodStart?: number | null;
  periodEnd?: number | null;
  responsibleAuthority?: string | null;
  status?: Plan["status"] | null;
}

function validateTitle(title: string | undefined, field: string): string | undefined {
  if (title === undefined) return undefined;
  const trimmed = title.trim();
  if (!trimmed) throw badInput(field, "errors.required");
  if (trimmed.length > 300) throw badInput(field, "errors.tooLong", { max: 300 });
  return trimmed;
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

/** The plans the actor may read, newest first, by cursor. */
export async function listPlans(actor: Actor | null, first: number, after?: string | null) {
  const viewer = requireActor(actor);
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw badInput("first", "errors.pageSize", { max: 100 });
  const filter: Record<string, unknown> = { organisationId: viewer.organisationId };
  if (after) {
    if (!mongoose.isValidObjectId(after)) throw badInput("after", "errors.badCursor");
    filter._id = trusted({ $lt: new mongoose.Types.ObjectId(after) });
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
  const title = validateTitle(input.title, "input.title")!;
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
    title,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    responsibleAuthority: input.responsibleAuthority?.trim() || null,
    members: [{ userId: viewer.id, role: "owner" }],
  });
  return created.toObject() as Plan;
}

export async function updatePlan(
  actor: Actor | null,
  id: string,
  version: number,
  input: UpdatePlanInput,
): Promise<Plan> {
  const viewer = requireActor(actor);
  const title = validateTitle(input.title ?? undefined, "input.title");
  return withLock(`plan:${id}`, async () => {
    const existing = await getPlan(viewer, id);
    authorize(viewer, "plan.update", existing);
    if (existing.version !== version)
      throw new AppError("CONFLICT", "The plan was changed by someone else", {
        messageKey: "errors.CONFLICT",
      });
    validatePeriod(
      input.periodStart ?? existing.periodStart,
      input.periodEnd ?? existing.periodEnd,
      "input",
    );
    const doc = await PlanModel.findById(id);
    if (!doc) throw notFound("Plan");
    if (title !== undefined) doc.title = title;
    if (input.periodStart != null) doc.periodStart = input.periodStart;
    if (input.periodEnd != null) doc.periodEnd = input.periodEnd;
    if (input.responsibleAuthority !== undefined)
      doc.responsibleAuthority = input.responsibleAuthority?.trim() || null;
    if (input.status != null) doc.status = input.status;
    await doc.save();
    const saved = doc.toObject() as Plan;
    publish(`plan:${id}`, saved);
    return saved;
  });
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
