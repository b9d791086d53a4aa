/**
 * The OPTIris KPIs (mandate objectives, transversal objective 5), computed, never typed in.
 *
 * Every figure is for one period P (a quarter "2025-Q2" or a year "2025") and optionally one
 * mandate holder M. Days are calendar days in Brussels (YYYY-MM-DD).
 *
 * Scope: the projects of one programme. The mandate holder responsible for a project is its
 * sponsor (mandate holders organise the projects of their themes). With M given, only the
 * projects sponsored by M count, and the proposals attributed to M (see below).
 *
 * KPI 1a — proposals submitted to the government: proposals of the organisation whose history
 *   enters the college's stage for the first time within P. The college's stage begins when
 *   the alderman advises (`advised`); a history that jumps straight to a decision counts at
 *   that decision. Each proposal counts once, in the period of that first entry.
 *   Attributed to M when the project carrying it out is sponsored by M, or, without a
 *   project, when its org unit is one where M holds the mandate_holder role.
 * KPI 1b — average SMART quality: the mean `smart.score` (0–100) of the proposals of 1a;
 *   null when there are none.
 * KPI 1c — realised savings (euro per year): the sum of
 *   - `realisedSavings` of the programme's projects whose `realisedOn` day falls in P, plus
 *   - `realisedSavings` of proposals realised in P (history enters `realised` within P) that
 *     no project carries out (no `projectId` and in no project's `proposalIds`).
 *   A project's figure replaces the figures of the proposals it carries out, so nothing is
 *   counted twice.
 * KPI 2 — on time: among the actions and milestones due in P (due day in P and not after the
 *   day of computation, so the current quarter is not penalised for what is not yet due;
 *   cancelled ones excluded), the share done on or before the due day (`isDoneOnTime`).
 *   Actions are those of each project's plan (`planId`), limited to the project's
 *   `objectiveIds` when it has some; an action counts once even when two projects share it.
 *   Reported separately for actions and for milestones, and combined.
 * KPI 3 — satisfaction of the government's representatives: the share of survey answers for
 *   quarters inside P with a score of 4 or 5 (on 1–5); null when there are none.
 *
 * `computeKpis` is pure; `loadKpiData` reads everything with a constant number of queries
 * (one per collection, whatever the number of projects), because FerretDB scans collections.
 */
import type { Project, Milestone, SatisfactionResponse } from "./model";
import { isMilestoneDoneOnTime } from "./model";
import { parsePeriod } from "../../../shared/periods";

export interface ProposalFacts {
  _id: unknown;
  orgUnitId: unknown;
  projectId?: unknown;
  realisedSavings?: number | null;
  smart?: { score?: number | null } | null;
  history: { to: string; at: Date | string }[];
}

export interface ActionFacts {
  _id: unknown;
  planId: unknown;
  objectiveId?: unknown;
  status: string;
  dueDate?: string | null;
  doneDate?: string | null;
}

export interface KpiData {
  projects: Project[];
  milestones: Milestone[];
  satisfaction: SatisfactionResponse[];
  proposals: ProposalFacts[];
  actions: ActionFacts[];
  /** Units where the mandate holder (if any) holds the mandate_holder role. */
  mandateUnitIds: string[];
}

export interface RatioFigure {
  onTime: number;
  due: number;
  /** 0–100, null when nothing was due. */
  percent: number | null;
}

export interface KpiFigures {
  period: string;
  proposalsSubmitted: number;
  averageSmartScore: number | null;
  realisedSavings: number;
  actions: RatioFigure;
  milestones: RatioFigure;
  onTime: RatioFigure;
  satisfactionResponses: number;
  satisfiedResponses: number;
  /** 0–100, null without answers. */
  satisfactionPercent: number | null;
}

/** The stages that mean "on the government's table". */
export const COLLEGE_STAGES = [
  "advised",
  "approved",
  "approved_with_amendments",
  "rejected",
  "deferred",
] as const;

const brusselsDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Brussels",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Brussels calendar day of an instant. */
export function dayOf(at: Date | string): string {
  return brusselsDay.format(typeof at === "string" ? new Date(at) : at);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function ratio(onTime: number, due: number): RatioFigure {
  return { onTime, due, percent: due ? round1((onTime / due) * 100) : null };
}

function firstDayEntering(p: ProposalFacts, stages: readonly string[]): string | null {
  const entry = p.history.find((h) => stages.includes(h.to));
  return entry ? dayOf(entry.at) : null;
}

/** The KPI figures of one period; `asOf` is the day of computation (YYYY-MM-DD). */
export function computeKpis(
  data: KpiData,
  periodKey: string,
  mandateHolderId: string | null,
  asOf: string,
): KpiFigures {
  const period = parsePeriod(periodKey);
  if (!period) throw new Error(`not a period: ${periodKey}`);
  const inP = (day: string | null | undefined) => !!day && day >= period.start && day <= period.end;
  const dueInP = (day: string | null | undefined) => inP(day) && day! <= asOf;

  const projects = mandateHolderId
    ? data.projects.filter((p) => String(p.sponsorId) === mandateHolderId)
    : data.projects;
  const projectIds = new Set(projects.map((p) => String(p._id)));
  const allProjectsById = new Map(data.projects.map((p) => [String(p._id), p]));
  const carriedBy = new Map<string, Project>();
  for (const p of data.projects) for (const id of p.proposalIds) carriedBy.set(String(id), p);
  const projectOf = (pr: ProposalFacts) =>
    (pr.projectId ? allProjectsById.get(String(pr.projectId)) : undefined) ??
    carriedBy.get(String(pr._id));
  const mandateUnits = new Set(data.mandateUnitIds);
  const proposals = mandateHolderId
    ? data.proposals.filter((pr) => {
        const project = projectOf(pr);
        if (project) return String(project.sponsorId) === mandateHolderId;
        return mandateUnits.has(String(pr.orgUnitId));
      })
    : data.proposals;

  // KPI 1a, 1b
  const submitted = proposals.filter((pr) => inP(firstDayEntering(pr, COLLEGE_STAGES)));
  const scores = submitted.map((pr) => pr.smart?.score ?? 0);
  const averageSmartScore = scores.length
    ? round1(scores.reduce((a, b) => a + b, 0) / scores.length)
    : null;

  // KPI 1c
  const projectSavings = projects
    .filter((p) => inP(p.realisedOn))
    .reduce((sum, p) => sum + (p.realisedSavings ?? 0), 0);
  const proposalSavings = proposals
    .filter((pr) => !projectOf(pr) && !pr.projectId && inP(firstDayEntering(pr, ["realised"])))
    .reduce((sum, pr) => sum + (pr.realisedSavings ?? 0), 0);

  // KPI 2
  const actionsSeen = new Set<string>();
  let actionsDue = 0;
  let actionsOnTime = 0;
  for (const project of projects) {
    if (!project.planId) continue;
    const objectives = new Set(project.objectiveIds.map(String));
    for (const a of data.actions) {
      const id = String(a._id);
      if (String(a.planId) !== String(project.planId) || actionsSeen.has(id)) continue;
      if (objectives.size && !objectives.has(String(a.objectiveId))) continue;
      if (a.status === "cancelled" || !dueInP(a.dueDate)) continue;
      actionsSeen.add(id);
      actionsDue += 1;
      if (a.status === "done" && a.doneDate && a.doneDate <= a.dueDate!) actionsOnTime += 1;
    }
  }
  const milestones = data.milestones.filter(
    (m) => projectIds.has(String(m.projectId)) && m.status !== "cancelled" && dueInP(m.dueDate),
  );
  const milestonesOnTime = milestones.filter((m) => isMilestoneDoneOnTime(m) === true).length;

  // KPI 3
  const answers = data.satisfaction.filter((s) => {
    const q = parsePeriod(s.period);
    return (
      projectIds.has(String(s.projectId)) && !!q && q.start >= period.start && q.end <= period.end
    );
  });
  const satisfied = answers.filter((s) => s.score >= 4).length;

  return {
    period: periodKey,
    proposalsSubmitted: submitted.length,
    averageSmartScore,
    realisedSavings: projectSavings + proposalSavings,
    actions: ratio(actionsOnTime, actionsDue),
    milestones: ratio(milestonesOnTime, milestones.length),
    onTime: ratio(actionsOnTime + milestonesOnTime, actionsDue + milestones.length),
    satisfactionResponses: answers.length,
    satisfiedResponses: satisfied,
    satisfactionPercent: answers.length ? round1((satisfied / answers.length) * 100) : null,
  };
}

/** The quarters of a period (a year gives four; a quarter itself). */
export function quartersOf(periodKey: string): string[] {
  const period = parsePeriod(periodKey);
  if (!period) return [];
  if (period.kind === "quarter") return [periodKey];
  const year = periodKey.slice(0, 4);
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}
