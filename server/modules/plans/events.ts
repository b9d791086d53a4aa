import { publish, pubsub } from "../../pubsub";
import type { Actor } from "../../authz";
import { recordAudit } from "../audit";

export type PlanEventKind =
  | "plan_updated"
  | "objective_changed"
  | "measurement_point_changed"
  | "measurement_recorded"
  | "action_changed"
  | "cycle_changed";

export interface PlanEventPayload {
  planId: string;
  kind: PlanEventKind;
  entityId: string | null;
}

const topic = (planId: string) => `plan:${planId}`;

/** Tells subscribers of a plan what changed; called after the write succeeded. */
export function publishPlanEvent(
  planId: unknown,
  kind: PlanEventKind,
  entityId: unknown = null,
): void {
  const id = String(planId);
  publish(topic(id), {
    planId: id,
    kind,
    entityId: entityId == null ? null : String(entityId),
  } satisfies PlanEventPayload);
}

export function subscribePlanEvents(planId: string) {
  return pubsub.subscribe<PlanEventPayload>(topic(planId));
}

/**
 * After a write that succeeded: the audit entry, then the event for the plan's
 * subscribers (about `eventEntityId`, by default the audited entity).
 */
export async function recordChange(
  actor: Actor,
  entry: Parameters<typeof recordAudit>[1] & { planId: unknown },
  kind: PlanEventKind,
  eventEntityId: unknown = entry.entityId,
): Promise<void> {
  await recordAudit(actor, entry);
  publishPlanEvent(entry.planId, kind, eventEntityId);
}
