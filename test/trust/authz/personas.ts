import type { TestServer } from "../../harness";

/**
 * Personas, fixture and probe types of the one policy table of the authorization matrix (authzMatrix.test.ts): for every
 * GraphQL root field and every kind of co-written document, who may use it.
 *
 * The fixture is a draft plan of the unit DIR, written by its mandate holder. The
 * personas are the demo accounts of each role plus three outsiders:
 */
export const PERSONAS = [
  "anonymous", // no session cookie
  "loggedOut", // the cookie of a session that was logged out
  "otherOrg", // the administrator of another organisation
  "admin", // the organisation's administrator
  "director", // DIR: mandate holder and board member (the plan's writer)
  "viewer", // DIR: read-only
  "mt", // DIR: management team
  "head", // WE: department head (another unit for DIR's plan)
  "manager", // WE: manager
  "alderman", // COL: alderman
  "college", // COL: the college
  "pmo", // PMO: programme office
] as const;
export type Persona = (typeof PERSONAS)[number];

export interface Fixture {
  title: string;
  orgUnitId: string;
  /** The unit WE, where the department head and the manager work. */
  weUnitId: string;
  planId: string;
  objectiveId: string;
  pointId: string;
  indicatorId: string;
  actionId: string;
  cycleId: string;
  docName: string;
  versionId: string;
  unique(): string;
  freshObjective(): Promise<{ id: string; version: number }>;
  freshPoint(): Promise<{ id: string; version: number }>;
  directorCookie: string;
  server: TestServer;
  /** The OPTIris programme, a theme and a project led by the director, with a milestone. */
  programmeId: string;
  themeId: string;
  projectId: string;
  milestoneId: string;
  /** A seminar facilitated by the director with the viewer and the management team invited. */
  seminarId: string;
  sessionId: string;
  boardId: string;
  pollId: string;
  /** A proposal of WE submitted by its department head (awaiting the manager). */
  proposalId: string;
  /** A draft of WE's department head. */
  draftProposalId: string;
  /** A fresh proposal of WE walked by the real roles to `stage`. */
  freshProposal(stage: "draft" | "submitted" | "forwarded" | "validated"): Promise<{
    id: string;
    version: number;
  }>;
  packageId: string;
  /** A comment of the department head in the proposal's debate. */
  commentId: string;
  /** A proposal the college approved, not yet a project. */
  approvedProposalId: string;
  /** A throwaway milestone of that project (for deletes). */
  freshMilestone(): Promise<{ id: string; version: number }>;
  directorId: string;
  /** A DIR viewer nobody signs in as: the target of the account administration probes. */
  spareUserId: string;
}

export interface Request {
  query: string;
  variables?: Record<string, unknown>;
  /** For subscriptions: something the writer does that the subscription reports. */
  trigger?: () => Promise<unknown>;
}

export interface Probe {
  allowed: readonly Persona[];
  request(fx: Fixture, persona: Persona): Request | Promise<Request>;
  /** More codes that mean "refused" for this field (e.g. a unit of another organisation is unknown). */
  deniedWith?: readonly string[];
  /** For answers where a refusal is an absence (lists, search): does the persona see the fixture? */
  sees?: (value: unknown, fx: Fixture) => boolean;
}

export interface DocPolicy {
  read: readonly Persona[];
  docName(fx: Fixture): string | Promise<string>;
}

export const SIGNED_IN: readonly Persona[] = PERSONAS.filter(
  (p) => p !== "anonymous" && p !== "loggedOut",
);
/** Who may read DIR's draft plan: its unit (viewer, management team, mandate holder) and admins. */
export const READ: readonly Persona[] = ["admin", "director", "viewer", "mt"];
/** Who may change it: the unit's planners and admins. */
export const WRITE: readonly Persona[] = ["admin", "director"];

export const q = (query: string, variables?: Record<string, unknown>): Request => ({
  query,
  variables,
});

export const includesId = (id: (fx: Fixture) => string) => (value: unknown, fx: Fixture) =>
  JSON.stringify(value ?? null).includes(id(fx));

/** Every member of the organisation reads the portfolio; it is reported to board and government. */
export const ORG_MEMBERS: readonly Persona[] = [
  "admin",
  "director",
  "viewer",
  "mt",
  "head",
  "manager",
  "alderman",
  "college",
  "pmo",
];
