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

/** Who may open (read) each kind of co-written document; writes are in test/realtime. */
export const DOC_POLICY: Record<string, DocPolicy> = {
  plan: { read: READ, docName: (fx) => fx.docName },
};
