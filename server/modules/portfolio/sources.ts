import mongoose from "mongoose";
import { listActionsOfPlans } from "../actions";
import { getUsers } from "../users";
import { listProposalFacts } from "./proposalLink";
import type { KpiData } from "./kpis";
import { listMilestonesOfProjects } from "./milestones";
import { listSatisfactionOfProjects } from "./satisfaction";
import { listProjectsOfProgrammes } from "./service";

/**
 * Everything the KPIs of a programme need, with a constant number of queries: projects,
 * then milestones, answers, proposals, actions and the mandate holder in one parallel round.
 */
export async function loadKpiData(
  organisationId: string,
  programmeId: string,
  mandateHolderId: string | null,
): Promise<KpiData> {
  const projects = await listProjectsOfProgrammes([programmeId]);
  const projectIds = projects.map((p) => String(p._id));
  const planIds = [...new Set(projects.filter((p) => p.planId).map((p) => String(p.planId)))];
  const [milestones, satisfaction, proposals, actions, holders] = await Promise.all([
    listMilestonesOfProjects(projectIds),
    listSatisfactionOfProjects(projectIds),
    listProposalFacts(organisationId),
    // Asked even with no plan: the same queries whatever the portfolio holds.
    listActionsOfPlans(planIds),
    mandateHolderId && mongoose.isValidObjectId(mandateHolderId)
      ? getUsers([mandateHolderId])
      : Promise.resolve([]),
  ]);
  const holder = holders[0];
  const mandateUnitIds =
    holder && String(holder.organisationId) === organisationId
      ? holder.memberships
          .filter((m) => m.role === "mandate_holder")
          .map((m) => String(m.orgUnitId))
      : [];
  return { projects, milestones, satisfaction, proposals, actions, mandateUnitIds };
}
