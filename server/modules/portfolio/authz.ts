import { defineRules, sameOrg, type Actor } from "../../authz";
import type { Role } from "../../../shared/domain";

/**
 * Who may do what in the OPTIris portfolio. The programme office (pmo) runs it; mandate
 * holders organise projects for their themes; a project's lead and sponsor keep it up to
 * date; the government's representatives (aldermen, college) answer the satisfaction survey.
 * Every member of the organisation may read the portfolio (it is reported to the board and
 * the government); anybody else is denied.
 */
export const PORTFOLIO_MANAGER_ROLES: readonly Role[] = ["pmo"];
export const PROJECT_CREATOR_ROLES: readonly Role[] = ["pmo", "mandate_holder"];
/** The government's representatives who answer the quarterly satisfaction survey. */
export const RESPONDENT_ROLES: readonly Role[] = ["alderman", "college"];

const hasAnyRole = (actor: Actor, roles: readonly Role[]) =>
  actor.memberships.some((m) => roles.includes(m.role));

export const isPortfolioManager = (actor: Actor) =>
  actor.isAdmin || hasAnyRole(actor, PORTFOLIO_MANAGER_ROLES);

interface OrgRef {
  organisationId: unknown;
}
interface ProjectRef extends OrgRef {
  leadId?: unknown;
  sponsorId?: unknown;
}

const isLeadOrSponsor = (actor: Actor, p: ProjectRef) =>
  (p.leadId != null && String(p.leadId) === actor.id) ||
  (p.sponsorId != null && String(p.sponsorId) === actor.id);

defineRules<OrgRef>({
  "portfolio.read": (actor, r) =>
    sameOrg(actor, r.organisationId) && (actor.isAdmin || actor.memberships.length > 0),
  "portfolio.manage": (actor, r) => sameOrg(actor, r.organisationId) && isPortfolioManager(actor),
  "project.create": (actor, r) =>
    sameOrg(actor, r.organisationId) && (actor.isAdmin || hasAnyRole(actor, PROJECT_CREATOR_ROLES)),
});

defineRules<ProjectRef>({
  // Lead and sponsor edit their project and its milestones; the pmo edits all.
  "project.update": (actor, p) =>
    sameOrg(actor, p.organisationId) && (isPortfolioManager(actor) || isLeadOrSponsor(actor, p)),
  "project.answerSurvey": (actor, p) =>
    sameOrg(actor, p.organisationId) && hasAnyRole(actor, RESPONDENT_ROLES),
});
