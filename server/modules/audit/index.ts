import mongoose from "mongoose";
import type { Actor } from "../../authz";
import { badInput } from "../../errors";
import { AuditModel, type AuditEntry } from "./model";

export type { AuditEntry };

export async function initAudit(): Promise<void> {
  await AuditModel.init();
}

// Fields that say nothing to a reader of the trail.
const NOISE = new Set(["_id", "version", "createdAt", "updatedAt", "__v"]);

function serialize(value: unknown): string | null {
  if (value == null) return null;
  const plain = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  if (typeof plain === "object" && !Array.isArray(plain))
    for (const key of NOISE) delete plain[key];
  return JSON.stringify(plain);
}

/** Writes one audit entry: who did what to which entity, with before and after. */
export async function recordAudit(
  actor: Actor,
  entry: {
    planId?: unknown;
    action: string;
    entityType: string;
    entityId: unknown;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await AuditModel.create({
    organisationId: actor.organisationId,
    planId: entry.planId ?? null,
    actorId: mongoose.isValidObjectId(actor.id) ? actor.id : null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    before: serialize(entry.before),
    after: serialize(entry.after),
    at: new Date(),
  });
}

/** Whether `action` was recorded for the entity (repairs after a crash check it). */
export async function hasAuditEntry(entityId: string, action: string): Promise<boolean> {
  return (await AuditModel.exists({ entityId, action })) !== null;
}

/** Entries of a plan, newest first; the caller has checked the plan may be read. */
export async function listAudit(planId: string, first: number, after?: string | null) {
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw badInput("first", "errors.pageSize", { max: 100 });
  const filter: Record<string, unknown> = { planId };
  if (after) {
    if (!mongoose.isValidObjectId(after)) throw badInput("after", "errors.badCursor");
    filter._id = mongoose.trusted({ $lt: new mongoose.Types.ObjectId(after) });
  }
  const rows = await AuditModel.find(filter)
    .sort({ _id: -1 })
    .limit(first + 1)
    .lean<AuditEntry[]>();
  const nodes = rows.slice(0, first);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: nodes.at(-1) ? String(nodes.at(-1)!._id) : null,
    },
  };
}
