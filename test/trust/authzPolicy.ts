import type { TestServer } from "../harness";
import { must, Q } from "../planning";

/**
 * The one policy table of the authorization matrix (authzMatrix.test.ts): for every
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

const SIGNED_IN: readonly Persona[] = PERSONAS.filter(
  (p) => p !== "anonymous" && p !== "loggedOut",
);
/** Who may read DIR's draft plan: its unit (viewer, management team, mandate holder) and admins. */
const READ: readonly Persona[] = ["admin", "director", "viewer", "mt"];
/** Who may change it: the unit's planners and admins. */
const WRITE: readonly Persona[] = ["admin", "director"];

const q = (query: string, variables?: Record<string, unknown>): Request => ({ query, variables });

const includesId = (id: (fx: Fixture) => string) => (value: unknown, fx: Fixture) =>
  JSON.stringify(value ?? null).includes(id(fx));

export const ROOT_FIELD_POLICY: Record<string, Probe> = {
  // ---- The viewer's own things: every signed-in person, about themselves only.
  "Query.viewer": { allowed: SIGNED_IN, request: () => q(`{ viewer { id } }`) },
  "Mutation.setLocale": {
    allowed: SIGNED_IN,
    request: () => q(`mutation { setLocale(locale: nl) { id } }`),
  },
  "Query.myWork": {
    allowed: SIGNED_IN,
    request: () => q(`{ myWork { period plans { id } } }`),
  },
  "Query.search": {
    allowed: READ,
    request: () => q(`query($q: String!) { search(query: $q) { id planId } }`, { q: "Matrixplan" }),
    sees: includesId((fx) => fx.planId),
  },
  "Query.plans": {
    allowed: READ,
    request: () => q(`{ plans(first: 100) { nodes { id } } }`),
    sees: includesId((fx) => fx.planId),
  },

  // ---- Reading a plan and what hangs under it.
  "Query.plan": {
    allowed: READ,
    request: (fx) => q(`query($id: ID!) { plan(id: $id) { id } }`, { id: fx.planId }),
  },
  "Query.objective": {
    allowed: READ,
    request: (fx) => q(`query($id: ID!) { objective(id: $id) { id } }`, { id: fx.objectiveId }),
  },
  "Query.measurementPoint": {
    allowed: READ,
    request: (fx) => q(`query($id: ID!) { measurementPoint(id: $id) { id } }`, { id: fx.pointId }),
  },
  "Query.measurementPoints": {
    allowed: READ,
    request: (fx) =>
      q(`query($id: ID!) { measurementPoints(planId: $id) { nodes { id } } }`, {
        id: fx.planId,
      }),
    sees: includesId((fx) => fx.pointId),
  },
  "Query.indicator": {
    allowed: READ,
    request: (fx) => q(`query($id: ID!) { indicator(id: $id) { id } }`, { id: fx.indicatorId }),
  },
  "Query.actions": {
    allowed: READ,
    request: (fx) =>
      q(`query($id: ID!) { actions(planId: $id) { nodes { id } } }`, { id: fx.planId }),
    sees: includesId((fx) => fx.actionId),
  },
  "Query.auditTrail": {
    allowed: READ,
    request: (fx) =>
      q(`query($id: ID!) { auditTrail(planId: $id) { nodes { id } } }`, {
        id: fx.planId,
      }),
    sees: (value) => JSON.stringify(value ?? null).includes('"id"'),
  },
  "Query.scoreboard": {
    allowed: READ,
    request: (fx) =>
      q(`query($id: ID!) { scoreboard(planId: $id, period: "2026-Q1") { period } }`, {
        id: fx.planId,
      }),
  },
  "Query.cycle": {
    allowed: READ,
    request: (fx) =>
      q(`query($id: ID!) { cycle(planId: $id, period: "2026-Q1") { id } }`, { id: fx.planId }),
  },
  "Query.documentVersions": {
    allowed: READ,
    request: (fx) =>
      q(`query($d: String!) { documentVersions(docName: $d) { id } }`, { d: fx.docName }),
    sees: includesId((fx) => fx.versionId),
  },
  "Query.documentVersionContent": {
    allowed: READ,
    request: (fx) =>
      q(`query($d: String!, $id: ID!) { documentVersionContent(docName: $d, id: $id) }`, {
        d: fx.docName,
        id: fx.versionId,
      }),
  },
  "Subscription.planEvents": {
    allowed: READ,
    request: (fx) => ({
      query: `subscription($id: ID!) { planEvents(planId: $id) { kind } }`,
      variables: { id: fx.planId },
      trigger: () =>
        must(fx.server, fx.directorCookie, Q.record, {
          input: { indicatorId: fx.indicatorId, period: "2026-Q2", value: Math.random() },
        }),
    }),
  },

  // ---- Creating plans: planners of the unit and administrators.
  // A unit of another organisation is an unknown unit (BAD_USER_INPUT on input.orgUnitId).
  "Mutation.createPlan": {
    allowed: WRITE,
    deniedWith: ["BAD_USER_INPUT"],
    request: (fx) =>
      q(Q.createPlan, {
        input: {
          kind: "strategic_plan",
          title: `Nieuw ${fx.unique()}`,
          orgUnitId: fx.orgUnitId,
          periodStart: 2026,
          periodEnd: 2030,
        },
      }),
  },
  "Mutation.createPlanFromImport": {
    allowed: WRITE,
    deniedWith: ["BAD_USER_INPUT"],
    request: (fx) =>
      q(`mutation($input: ImportPlanInput!) { createPlanFromImport(input: $input) { id } }`, {
        input: {
          kind: "mandate_objectives",
          title: `Import ${fx.unique()}`,
          orgUnitId: fx.orgUnitId,
          periodStart: 2026,
          periodEnd: 2030,
          nodes: [{ code: "SD 1", kind: "strategic_objective", title: "Geïmporteerd doel" }],
        },
      }),
  },

  // ---- Changing a plan: its planners and administrators. Versions are stale on
  // purpose: passing authorization then ends in CONFLICT, which leaves the fixture alone.
  "Mutation.updatePlan": {
    allowed: WRITE,
    request: (fx) =>
      q(`mutation($id: ID!) { updatePlan(id: $id, version: 999, input: { title: "x" }) { id } }`, {
        id: fx.planId,
      }),
  },
  "Mutation.setPlanMember": {
    allowed: WRITE,
    request: async (fx) => {
      const me = await fx.server.gql<{ viewer: { id: string } }>(
        `{ viewer { id } }`,
        {},
        {
          cookie: fx.directorCookie,
        },
      );
      return q(
        `mutation($p: ID!, $u: ID!) { setPlanMember(planId: $p, userId: $u, role: owner) { id } }`,
        { p: fx.planId, u: me.data!.viewer.id },
      );
    },
  },
  "Mutation.removePlanMember": {
    allowed: WRITE,
    // Removing someone who is not a member: authorized callers get a clear "not a member".
    request: (fx) =>
      q(`mutation($p: ID!, $u: ID!) { removePlanMember(planId: $p, userId: $u) { id } }`, {
        p: fx.planId,
        u: "0123456789abcdef01234567",
      }),
  },
  "Mutation.setTranslation": {
    allowed: WRITE,
    request: (fx) =>
      q(`mutation($input: SetTranslationInput!) { setTranslation(input: $input) { text } }`, {
        input: {
          entity: "objective",
          id: fx.objectiveId,
          field: "title",
          locale: "fr",
          text: "Objectif de la matrice",
          state: "draft",
        },
      }),
  },
  "Mutation.createObjective": {
    allowed: WRITE,
    request: (fx) =>
      q(Q.createObjective, {
        input: {
          planId: fx.planId,
          kind: "strategic_objective",
          code: `N${fx.unique()}`,
          title: "Nieuw doel",
        },
      }),
  },
  "Mutation.updateObjective": {
    allowed: WRITE,
    request: (fx) =>
      q(Q.updateObjective, { id: fx.objectiveId, version: 999, input: { title: "x" } }),
  },
  "Mutation.deleteObjective": {
    allowed: WRITE,
    request: async (fx) => {
      const fresh = await fx.freshObjective();
      return q(Q.deleteObjective, { id: fresh.id, version: fresh.version });
    },
  },
  "Mutation.createMeasurementPoint": {
    allowed: WRITE,
    request: (fx) =>
      q(Q.createPoint, {
        input: { objectiveId: fx.objectiveId, code: `P${fx.unique()}`, title: "Nieuw meetpunt" },
      }),
  },
  "Mutation.updateMeasurementPoint": {
    allowed: WRITE,
    request: (fx) => q(Q.updatePoint, { id: fx.pointId, version: 999, input: { title: "x" } }),
  },
  "Mutation.deleteMeasurementPoint": {
    allowed: WRITE,
    request: async (fx) => {
      const fresh = await fx.freshPoint();
      return q(Q.deletePoint, { id: fresh.id, version: fresh.version });
    },
  },
  "Mutation.createIndicator": {
    allowed: WRITE,
    request: (fx) =>
      q(Q.createIndicator, {
        input: { planId: fx.planId, name: `KPI ${fx.unique()}`, direction: "lower_is_better" },
      }),
  },
  "Mutation.updateIndicator": {
    allowed: WRITE,
    request: (fx) =>
      q(Q.updateIndicator, { id: fx.indicatorId, version: 999, input: { unit: "%" } }),
  },
  "Mutation.recordMeasurement": {
    allowed: WRITE,
    request: (fx) =>
      q(Q.record, { input: { indicatorId: fx.indicatorId, period: "2026-Q3", value: 5 } }),
  },
  "Mutation.createAction": {
    allowed: WRITE,
    request: (fx) => q(Q.createAction, { input: { planId: fx.planId, title: "Nieuwe actie" } }),
  },
  "Mutation.updateAction": {
    allowed: WRITE,
    request: (fx) => q(Q.updateAction, { id: fx.actionId, version: 999, input: { progress: 10 } }),
  },
  "Mutation.openCycle": {
    allowed: WRITE,
    // The fixture's cycle is open already: authorized callers get CONFLICT.
    request: (fx) => q(Q.openCycle, { planId: fx.planId, period: "2026-Q1" }),
  },
  "Mutation.advanceCycle": {
    allowed: WRITE,
    request: (fx) => q(Q.advance, { id: fx.cycleId, version: 999 }),
  },
  "Mutation.assessPoint": {
    allowed: WRITE,
    // The cycle is in phase plan: authorized callers are told assessing waits for Check.
    request: (fx) =>
      q(Q.assess, {
        input: { cycleId: fx.cycleId, measurementPointId: fx.pointId, status: "on_track" },
      }),
  },
  "Mutation.recordDecision": {
    allowed: WRITE,
    request: (fx) =>
      q(Q.decide, { input: { cycleId: fx.cycleId, kind: "other", text: "Besluit" } }),
  },
  "Mutation.closeCycle": {
    allowed: WRITE,
    request: (fx) => q(Q.close, { id: fx.cycleId, version: 999 }),
  },
  "Mutation.saveDocumentVersion": {
    allowed: WRITE,
    request: (fx) =>
      q(`mutation($d: String!) { saveDocumentVersion(docName: $d, name: "Matrix") { id } }`, {
        d: fx.docName,
      }),
  },
  "Mutation.restoreDocumentVersion": {
    allowed: WRITE,
    request: (fx) =>
      q(`mutation($d: String!, $id: ID!) { restoreDocumentVersion(docName: $d, id: $id) { id } }`, {
        d: fx.docName,
        id: fx.versionId,
      }),
  },
};

/** Account administration and the viewer's own notifications. */
Object.assign(ROOT_FIELD_POLICY, {
  "Mutation.setUserDisabled": {
    allowed: ["admin"],
    request: (fx) =>
      q(`mutation($u: ID!) { setUserDisabled(userId: $u, disabled: false) { id } }`, {
        u: fx.spareUserId,
      }),
  },
  "Mutation.removeMembership": {
    allowed: ["admin"],
    request: (fx) =>
      q(
        `mutation($u: ID!, $o: ID!) { removeMembership(userId: $u, orgUnitId: $o, role: viewer) { id } }`,
        { u: fx.spareUserId, o: fx.orgUnitId },
      ),
  },
  "Query.notifications": {
    allowed: SIGNED_IN,
    request: () => q(`{ notifications { id } }`),
  },
  "Query.unreadNotificationCount": {
    allowed: SIGNED_IN,
    request: () => q(`{ unreadNotificationCount }`),
  },
  "Mutation.markNotificationsRead": {
    allowed: SIGNED_IN,
    request: () => q(`mutation { markNotificationsRead }`),
  },
} satisfies Record<string, Probe>);

/** Every member of the organisation reads the portfolio; it is reported to board and government. */
const ORG_MEMBERS: readonly Persona[] = [
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
/** The programme office runs the portfolio. */
const PORTFOLIO_MANAGERS: readonly Persona[] = ["admin", "pmo"];
/** Mandate holders organise projects for their themes. */
const PROJECT_CREATORS: readonly Persona[] = ["admin", "director", "pmo"];
/** The project's lead (the director in the fixture) and the programme office. */
const PROJECT_EDITORS: readonly Persona[] = ["admin", "director", "pmo"];

Object.assign(ROOT_FIELD_POLICY, {
  "Query.programmes": {
    allowed: ORG_MEMBERS,
    request: () => q(`{ programmes { id } }`),
    sees: includesId((fx) => fx.programmeId),
  },
  "Query.portfolio": {
    allowed: ORG_MEMBERS,
    request: (fx) =>
      q(`query($p: ID) { portfolio(programmeId: $p) { id } }`, { p: fx.programmeId }),
  },
  "Query.project": {
    allowed: ORG_MEMBERS,
    request: (fx) => q(`query($id: ID!) { project(id: $id) { id } }`, { id: fx.projectId }),
  },
  "Query.portfolioKpis": {
    allowed: ORG_MEMBERS,
    request: (fx) =>
      q(`query($p: ID!) { portfolioKpis(programmeId: $p, period: "2026-Q2") { __typename } }`, {
        p: fx.programmeId,
      }),
  },
  // Approved proposals are readable by the whole organisation, so is this list of them.
  "Query.projectableProposals": {
    allowed: ORG_MEMBERS,
    request: () => q(`{ projectableProposals { id } }`),
    sees: includesId((fx) => fx.approvedProposalId),
  },
  "Query.projectDraftFromProposal": {
    allowed: PROJECT_CREATORS,
    request: (fx) =>
      q(
        `query($p: ID!, $r: ID!) { projectDraftFromProposal(programmeId: $p, proposalId: $r) { __typename } }`,
        { p: fx.programmeId, r: fx.approvedProposalId },
      ),
  },
  // Another organisation's administrator creates a programme in their own organisation.
  "Mutation.createProgramme": {
    allowed: [...PORTFOLIO_MANAGERS, "otherOrg"],
    request: (fx) =>
      q(`mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }`, {
        i: { name: `OPTIris ${fx.unique()}`, startYear: 2026, endYear: 2029 },
      }),
  },
  "Mutation.updateProgramme": {
    allowed: PORTFOLIO_MANAGERS,
    request: (fx) =>
      q(
        `mutation($id: ID!) { updateProgramme(id: $id, version: 999, input: { endYear: 2030 }) { id } }`,
        {
          id: fx.programmeId,
        },
      ),
  },
  "Mutation.createTheme": {
    allowed: PORTFOLIO_MANAGERS,
    request: (fx) =>
      q(`mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`, {
        i: { programmeId: fx.programmeId, name: `Thema ${fx.unique()}` },
      }),
  },
  "Mutation.updateTheme": {
    allowed: PORTFOLIO_MANAGERS,
    request: (fx) =>
      q(`mutation($id: ID!) { updateTheme(id: $id, version: 999, input: { order: 2 }) { id } }`, {
        id: fx.themeId,
      }),
  },
  "Mutation.createProject": {
    allowed: PROJECT_CREATORS,
    request: (fx) =>
      q(`mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
        i: {
          programmeId: fx.programmeId,
          themeId: fx.themeId,
          code: `P-${fx.unique()}`,
          name: "Nieuw project",
          startDate: "2026-01-01",
          endDate: "2026-12-31",
        },
      }),
  },
  "Mutation.createProjectFromProposal": {
    allowed: PROJECT_CREATORS,
    request: (fx) =>
      q(
        `mutation($i: CreateProjectFromProposalInput!) { createProjectFromProposal(input: $i) { id } }`,
        {
          i: {
            programmeId: fx.programmeId,
            themeId: fx.themeId,
            proposalId: fx.approvedProposalId,
            code: `V-${fx.unique()}`,
          },
        },
      ),
  },
  "Mutation.updateProject": {
    allowed: PROJECT_EDITORS,
    request: (fx) =>
      q(`mutation($id: ID!) { updateProject(id: $id, version: 999, input: { fte: 2 }) { id } }`, {
        id: fx.projectId,
      }),
  },
  "Mutation.setProjectRag": {
    allowed: PROJECT_EDITORS,
    request: (fx) =>
      q(`mutation($id: ID!) { setProjectRag(id: $id, version: 999, status: green) { id } }`, {
        id: fx.projectId,
      }),
  },
  "Mutation.createMilestone": {
    allowed: PROJECT_EDITORS,
    request: (fx) =>
      q(`mutation($i: CreateMilestoneInput!) { createMilestone(input: $i) { id } }`, {
        i: { projectId: fx.projectId, title: "Nieuwe mijlpaal", dueDate: "2026-09-30" },
      }),
  },
  "Mutation.updateMilestone": {
    allowed: PROJECT_EDITORS,
    request: (fx) =>
      q(
        `mutation($id: ID!) { updateMilestone(id: $id, version: 999, input: { title: "x" }) { id } }`,
        {
          id: fx.milestoneId,
        },
      ),
  },
  "Mutation.markMilestoneDone": {
    allowed: PROJECT_EDITORS,
    request: (fx) =>
      q(`mutation($id: ID!) { markMilestoneDone(id: $id, version: 999) { id } }`, {
        id: fx.milestoneId,
      }),
  },
  "Mutation.deleteMilestone": {
    allowed: PROJECT_EDITORS,
    request: async (fx) => {
      const fresh = await fx.freshMilestone();
      return q(`mutation($id: ID!) { deleteMilestone(id: $id) }`, { id: fresh.id });
    },
  },
  "Mutation.recordSatisfaction": {
    allowed: ["alderman", "college"],
    request: (fx) =>
      q(`mutation($i: SatisfactionInput!) { recordSatisfaction(input: $i) { __typename } }`, {
        i: { projectId: fx.projectId, period: "2026-Q2", score: 4 },
      }),
  },
} satisfies Record<string, Probe>);

/** A seminar is a closed room: its facilitator and invited participants, not even admins. */
const SEMINAR_ROOM: readonly Persona[] = ["director", "viewer", "mt"];
const FACILITATOR: readonly Persona[] = ["director"];
const seminarMutation = (field: string, args: string, extra: Record<string, unknown> = {}) =>
  ({
    allowed: FACILITATOR,
    request: (fx: Fixture) =>
      q(`mutation($s: ID!) { ${field}(seminarId: $s${args}) { id } }`, {
        s: fx.seminarId,
        ...extra,
      }),
  }) satisfies Probe;

Object.assign(ROOT_FIELD_POLICY, {
  "Query.seminars": {
    allowed: SEMINAR_ROOM,
    request: () => q(`{ seminars { id } }`),
    sees: includesId((fx) => fx.seminarId),
  },
  "Query.seminar": {
    allowed: SEMINAR_ROOM,
    request: (fx) => q(`query($id: ID!) { seminar(id: $id) { id } }`, { id: fx.seminarId }),
  },
  // People of one's own organisation: another organisation's admin sees theirs, not ours.
  "Query.seminarInvitees": {
    allowed: ORG_MEMBERS,
    request: () => q(`{ seminarInvitees { id } }`),
    sees: includesId((fx) => fx.directorId),
  },
  "Mutation.createSeminar": {
    allowed: ["admin", "director"],
    deniedWith: ["BAD_USER_INPUT"],
    request: (fx) =>
      q(`mutation($i: CreateSeminarInput!) { createSeminar(input: $i) { id } }`, {
        i: {
          title: `Seminarie ${fx.unique()}`,
          date: "2026-12-10",
          orgUnitId: fx.orgUnitId,
          participantIds: [],
          sessions: [{ title: "SWOT", kind: "swot" }],
        },
      }),
  },
  "Mutation.updateSeminar": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($s: ID!) { updateSeminar(id: $s, version: 999, input: { title: "x" }) { id } }`, {
        s: fx.seminarId,
      }),
  },
  "Mutation.addSeminarSession": seminarMutation(
    "addSeminarSession",
    `, input: { title: "Debat", kind: debate }`,
  ),
  "Mutation.moveToSession": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($s: ID!, $x: ID!) { moveToSession(seminarId: $s, sessionId: $x) { id } }`, {
        s: fx.seminarId,
        x: fx.sessionId,
      }),
  },
  "Mutation.startSeminarTimer": seminarMutation("startSeminarTimer", ", seconds: 300"),
  "Mutation.pauseSeminarTimer": seminarMutation("pauseSeminarTimer", ""),
  "Mutation.resumeSeminarTimer": seminarMutation("resumeSeminarTimer", ""),
  "Mutation.clearSeminarTimer": seminarMutation("clearSeminarTimer", ""),
  "Mutation.addBoard": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(
        `mutation($s: ID!, $x: ID!) { addBoard(seminarId: $s, sessionId: $x, kind: swot, title: "Extra") { id } }`,
        { s: fx.seminarId, x: fx.sessionId },
      ),
  },
  "Mutation.setBoardLocked": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($b: ID!) { setBoardLocked(boardId: $b, locked: false) { id } }`, {
        b: fx.boardId,
      }),
  },
  "Mutation.setBoardVotesRevealed": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($b: ID!) { setBoardVotesRevealed(boardId: $b, revealed: false) { id } }`, {
        b: fx.boardId,
      }),
  },
  // A note that does not exist: participants are told so, outsiders are refused first.
  "Mutation.placeDot": {
    allowed: SEMINAR_ROOM,
    request: (fx) =>
      q(`mutation($b: ID!) { placeDot(boardId: $b, noteId: "matrix-note") { id } }`, {
        b: fx.boardId,
      }),
  },
  "Mutation.removeDot": {
    allowed: SEMINAR_ROOM,
    request: (fx) =>
      q(`mutation($b: ID!) { removeDot(boardId: $b, noteId: "matrix-note") { id } }`, {
        b: fx.boardId,
      }),
  },
  "Mutation.createPoll": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($i: CreatePollInput!) { createPoll(input: $i) { id } }`, {
        i: {
          seminarId: fx.seminarId,
          sessionId: fx.sessionId,
          question: "Welk thema eerst?",
          kind: "single",
          options: ["Digitaal", "Dichtbij"],
        },
      }),
  },
  "Mutation.setPollOpen": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($p: ID!) { setPollOpen(pollId: $p, open: true) { id } }`, { p: fx.pollId }),
  },
  "Mutation.setPollRevealed": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($p: ID!) { setPollRevealed(pollId: $p, revealed: false) { id } }`, {
        p: fx.pollId,
      }),
  },
  "Mutation.answerPoll": {
    allowed: SEMINAR_ROOM,
    request: (fx) =>
      q(`mutation($p: ID!) { answerPoll(pollId: $p, input: { text: "x" }) { id } }`, {
        p: fx.pollId,
      }),
  },
  "Mutation.addSeminarOutcomeToPlan": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(
        `mutation($s: ID!, $p: ID!, $i: [SeminarOutcomeItemInput!]!) { addSeminarOutcomeToPlan(seminarId: $s, planId: $p, items: $i) { __typename } }`,
        {
          s: fx.seminarId,
          p: fx.planId,
          i: [{ text: `Lijn ${fx.unique()}`, as: "strategic_line" }],
        },
      ),
  },
  "Mutation.createPlanFromSeminar": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(
        `mutation($s: ID!, $i: CreatePlanFromSeminarInput!) { createPlanFromSeminar(seminarId: $s, input: $i) { __typename } }`,
        {
          s: fx.seminarId,
          i: {
            title: `Uit het seminarie ${fx.unique()}`,
            periodStart: 2027,
            periodEnd: 2030,
            items: [{ text: "Dichtbij de burger", as: "strategic_line" }],
          },
        },
      ),
  },
  "Subscription.seminarEvents": {
    allowed: SEMINAR_ROOM,
    request: (fx) => ({
      query: `subscription($s: ID!) { seminarEvents(seminarId: $s) { kind } }`,
      variables: { s: fx.seminarId },
      trigger: () =>
        must(
          fx.server,
          fx.directorCookie,
          `mutation($s: ID!) { startSeminarTimer(seminarId: $s, seconds: 60) { id } }`,
          {
            s: fx.seminarId,
          },
        ),
    }),
  },
} satisfies Record<string, Probe>);

/** Submitted proposals are read by the organisation; their debate only by those handling them. */
const DEBATE: readonly Persona[] = ["head", "manager"];
const proposalTarget = (fx: Fixture) => ({ kind: "proposal", id: fx.proposalId });

Object.assign(ROOT_FIELD_POLICY, {
  "Query.proposals": {
    allowed: ORG_MEMBERS,
    request: () => q(`{ proposals { id } }`),
    sees: includesId((fx) => fx.proposalId),
  },
  "Query.proposal": {
    allowed: ORG_MEMBERS,
    request: (fx) => q(`query($id: ID!) { proposal(id: $id) { id } }`, { id: fx.proposalId }),
  },
  "Query.proposalPackages": {
    allowed: ORG_MEMBERS,
    request: () => q(`{ proposalPackages { id } }`),
    sees: includesId((fx) => fx.packageId),
  },
  "Query.proposalUnits": {
    allowed: SIGNED_IN,
    request: () => q(`{ proposalUnits { id } }`),
  },
  "Mutation.createProposal": {
    allowed: ["head"],
    deniedWith: ["BAD_USER_INPUT"],
    request: (fx) =>
      q(`mutation($i: CreateProposalInput!) { createProposal(input: $i) { id } }`, {
        i: { orgUnitId: fx.weUnitId, title: `Voorstel ${fx.unique()}` },
      }),
  },
  "Mutation.updateProposal": {
    allowed: ["head"],
    request: (fx) =>
      q(
        `mutation($id: ID!) { updateProposal(id: $id, version: 999, input: { title: "x" }) { id } }`,
        {
          id: fx.draftProposalId,
        },
      ),
  },
  // One representative step of the path; test/integration/proposals.test.ts walks every
  // transition with every role.
  "Mutation.transitionProposal": {
    allowed: ["manager"],
    request: async (fx) => {
      const fresh = await fx.freshProposal("submitted");
      return q(
        `mutation($id: ID!, $v: Int!) { transitionProposal(id: $id, version: $v, input: { action: forward }) { id } }`,
        { id: fresh.id, v: fresh.version },
      );
    },
  },
  "Mutation.liftProposal": {
    allowed: ["mt"],
    request: async (fx) => {
      const fresh = await fx.freshProposal("forwarded");
      return q(
        `mutation($id: ID!, $v: Int!) { liftProposal(id: $id, version: $v, reason: "Raakt alle diensten") { id } }`,
        { id: fresh.id, v: fresh.version },
      );
    },
  },
  "Mutation.publishProposalDebate": {
    allowed: ["mt"],
    request: async (fx) => {
      const fresh = await fx.freshProposal("validated");
      return q(
        `mutation($id: ID!, $v: Int!) { publishProposalDebate(id: $id, version: $v) { id } }`,
        { id: fresh.id, v: fresh.version },
      );
    },
  },
  "Mutation.createProposalPackage": {
    allowed: ["mt"],
    request: (fx) =>
      q(`mutation($i: CreateProposalPackageInput!) { createProposalPackage(input: $i) { id } }`, {
        i: { title: `Pakket ${fx.unique()}`, meetingDate: "2027-01-15" },
      }),
  },
  "Mutation.setProposalPackage": {
    allowed: ["mt"],
    request: async (fx) => {
      const fresh = await fx.freshProposal("validated");
      return q(
        `mutation($id: ID!, $v: Int!, $p: ID) { setProposalPackage(id: $id, version: $v, packageId: $p) { id } }`,
        { id: fresh.id, v: fresh.version, p: fx.packageId },
      );
    },
  },
  "Query.comments": {
    allowed: DEBATE,
    request: (fx) =>
      q(`query($t: CommentTargetInput!) { comments(target: $t) { id } }`, {
        t: proposalTarget(fx),
      }),
    sees: includesId((fx) => fx.commentId),
  },
  "Query.mentionableUsers": {
    allowed: DEBATE,
    request: (fx) =>
      q(`query($t: CommentTargetInput!) { mentionableUsers(target: $t) { id } }`, {
        t: proposalTarget(fx),
      }),
  },
  "Mutation.addComment": {
    allowed: DEBATE,
    request: (fx) =>
      q(`mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`, {
        i: { target: proposalTarget(fx), body: "Welke cijfers staven dit?" },
      }),
  },
  "Mutation.editComment": {
    allowed: ["head"],
    request: (fx) =>
      q(`mutation($id: ID!) { editComment(id: $id, body: "Aangevuld") { id } }`, {
        id: fx.commentId,
      }),
  },
  "Mutation.setCommentResolved": {
    allowed: DEBATE,
    request: (fx) =>
      q(`mutation($id: ID!) { setCommentResolved(id: $id, resolved: false) { id } }`, {
        id: fx.commentId,
      }),
  },
} satisfies Record<string, Probe>);

/** Who may open (read) each kind of co-written document; writes are in test/realtime. */
export const DOC_POLICY: Record<string, DocPolicy> = {
  plan: { read: READ, docName: (fx) => fx.docName },
  board: { read: SEMINAR_ROOM, docName: (fx) => `board/${fx.boardId}` },
  // The implementation plan: whoever may read the proposal.
  proposal: { read: ORG_MEMBERS, docName: (fx) => `proposal/${fx.proposalId}` },
};
