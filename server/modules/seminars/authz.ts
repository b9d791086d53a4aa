import { defineRules, hasRoleIn, sameOrg, type Actor } from "../../authz";
import { PLANNER_ROLES } from "../../../shared/domain";
import type { Seminar } from "./model";

type SeminarRef = Pick<Seminar, "organisationId" | "facilitatorId" | "participantIds">;

export const isFacilitator = (actor: Actor, seminar: SeminarRef) =>
  sameOrg(actor, seminar.organisationId) && String(seminar.facilitatorId) === actor.id;

export const isParticipant = (actor: Actor, seminar: SeminarRef) =>
  sameOrg(actor, seminar.organisationId) &&
  seminar.participantIds.some((id) => String(id) === actor.id);

// A seminar is a closed room: only its facilitator and invited participants see it (not
// even admins or the rest of the unit), since debates of the board are confidential.
defineRules<SeminarRef>({
  "seminar.read": (actor, s) => isFacilitator(actor, s) || isParticipant(actor, s),
  "seminar.participate": (actor, s) => isFacilitator(actor, s) || isParticipant(actor, s),
  "seminar.facilitate": (actor, s) => isFacilitator(actor, s),
});

defineRules<{ organisationId: string; orgUnitId: string }>({
  "seminar.create": (actor, target) =>
    sameOrg(actor, target.organisationId) &&
    (actor.isAdmin || hasRoleIn(actor, target.orgUnitId, PLANNER_ROLES)),
});
