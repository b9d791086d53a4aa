import type { Actor } from "../../authz";
import { getMeasurementPoint, getObjective, getPlan } from "../plans";
import { registerCommentTarget } from "./registry";

/** true when `load` succeeds for the actor (NOT_FOUND / FORBIDDEN mean no). */
async function succeeds(load: () => Promise<unknown>): Promise<boolean> {
  try {
    await load();
    return true;
  } catch {
    return false;
  }
}

// Plans (action plans included), objectives and measurement points: whoever may read the plan
// may discuss it, with the plan's own confidentiality (plans/authz.ts).
registerCommentTarget("plan", {
  canRead: (actor: Actor, id) => succeeds(() => getPlan(actor, id)),
  canComment: (actor: Actor, id) => succeeds(() => getPlan(actor, id)),
  describe: async (actor, id) => {
    const plan = await getPlan(actor, id);
    return { organisationId: String(plan.organisationId), title: plan.title, link: `/plans/${id}` };
  },
});

registerCommentTarget("objective", {
  canRead: (actor, id) => succeeds(() => getObjective(actor, id)),
  canComment: (actor, id) => succeeds(() => getObjective(actor, id)),
  describe: async (actor, id) => {
    const objective = await getObjective(actor, id);
    return {
      organisationId: actor.organisationId,
      title: objective.title,
      link: `/plans/${String(objective.planId)}`,
    };
  },
});

registerCommentTarget("measurementPoint", {
  canRead: (actor, id) => succeeds(() => getMeasurementPoint(actor, id)),
  canComment: (actor, id) => succeeds(() => getMeasurementPoint(actor, id)),
  describe: async (actor, id) => {
    const point = await getMeasurementPoint(actor, id);
    return { organisationId: actor.organisationId, title: point.title, link: `/points/${id}` };
  },
});
