import { defineRules, hasRoleIn, isMemberOf, sameOrg, type Actor } from "../../authz";
import { PLANNER_ROLES } from "../../../shared/domain";
import type { Plan } from "./model";

type PlanRef = Pick<Plan, "organisationId" | "orgUnitId" | "status" | "members">;

const memberRole = (actor: Actor, plan: PlanRef) =>
  plan.members.find((m) => String(m.userId) === actor.id)?.role;

defineRules<PlanRef>({
  // Members, people of the owning unit, and — once approved — the whole organisation.
  "plan.read": (actor, plan) =>
    sameOrg(actor, plan.organisationId) &&
    (actor.isAdmin ||
      memberRole(actor, plan) !== undefined ||
      isMemberOf(actor, plan.orgUnitId) ||
      plan.status === "approved"),
  "plan.update": (actor, plan) =>
    sameOrg(actor, plan.organisationId) &&
    plan.status !== "archived" &&
    (actor.isAdmin ||
      ["owner", "editor"].includes(memberRole(actor, plan) ?? "") ||
      hasRoleIn(actor, plan.orgUnitId, PLANNER_ROLES)),
});

defineRules<{ organisationId: string; orgUnitId: string }>({
  "plan.create": (actor, target) =>
    sameOrg(actor, target.organisationId) &&
    (actor.isAdmin || hasRoleIn(actor, target.orgUnitId, PLANNER_ROLES)),
});
