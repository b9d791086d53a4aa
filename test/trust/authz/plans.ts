import { READ, SIGNED_IN, WRITE, includesId, q, type Probe } from "./personas";
import { must, Q } from "../../planning";

/** Plans and what hangs under them, the viewer's own things, documents. */
export const PLAN_FIELDS: Record<string, Probe> = {
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
export const ACCOUNT_FIELDS: Record<string, Probe> = {
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
};
