import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { startTestServer, type TestServer } from "../harness";
import { buildLargePlan, must, Q, unitOf } from "../planning";
import { countRoundTrips } from "../../server/db/connection";

let server: TestServer;
let director: string;
let head: string;
let viewer: string;
let planId: string;
let objectiveId: string;
let pointId: string;
let pointVersion: number;
let indicatorId: string;

const code = (r: { errors?: { extensions?: { code?: string } }[] }) =>
  r.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  [director, head, viewer] = await Promise.all([
    server.login("director@koers.demo"),
    server.login("head@koers.demo"),
    server.login("viewer@koers.demo"),
  ]);
  const orgUnitId = await unitOf(server, director, "DIR");
  planId = (
    await must<{ id: string }>(server, director, Q.createPlan, {
      input: {
        kind: "mandate_objectives",
        title: "Mandaat A4",
        orgUnitId,
        periodStart: 2025,
        periodEnd: 2028,
      },
    })
  ).id;
}, 120_000);
afterAll(() => server?.stop());

describe("objective tree", () => {
  it("creates objectives with codes scoped by parent", async () => {
    const sd1 = await must<{ id: string; code: string }>(server, director, Q.createObjective, {
      input: { planId, kind: "strategic_objective", code: "SD 1", title: "Effectieve uitvoering" },
    });
    const td1 = await must<{ id: string }>(server, director, Q.createObjective, {
      input: {
        planId,
        kind: "transversal_objective",
        code: "TD 1",
        title: "Kwaliteit van de diensten",
      },
    });
    // "1.1" under SD 1 and under TD 1: allowed, codes are scoped by parent.
    await must(server, director, Q.createObjective, {
      input: {
        planId,
        parentId: sd1.id,
        kind: "operational_objective",
        code: "1.1",
        title: "Vertalen",
      },
    });
    await must(server, director, Q.createObjective, {
      input: {
        planId,
        parentId: td1.id,
        kind: "operational_objective",
        code: "1.1",
        title: "Tevredenheid",
      },
    });
    const twice = await server.gql(
      Q.createObjective,
      {
        input: {
          planId,
          parentId: sd1.id,
          kind: "operational_objective",
          code: "1.1",
          title: "Dubbel",
        },
      },
      { cookie: director },
    );
    expect(code(twice)).toBe("CONFLICT");
    expect(twice.errors?.[0]?.extensions?.field).toBe("input.code");
    objectiveId = sd1.id;
  });

  it("refuses edits by a read-only member and by a user of another unit", async () => {
    const input = { planId, kind: "strategic_objective", code: "SD 9", title: "x" };
    expect(code(await server.gql(Q.createObjective, { input }, { cookie: viewer }))).toBe(
      "FORBIDDEN",
    );
    expect(code(await server.gql(Q.createObjective, { input }, { cookie: head }))).toBe(
      "FORBIDDEN",
    );
    expect(code(await server.gql(Q.createObjective, { input }))).toBe("UNAUTHENTICATED");
    const read = await server.gql(
      `query($id: ID!) { objective(id: $id) { id } }`,
      { id: objectiveId },
      { cookie: head },
    );
    expect(code(read)).toBe("FORBIDDEN");
  });

  it("updates with a version and deletes only an empty objective", async () => {
    const extra = await must<{ id: string; version: number }>(server, director, Q.createObjective, {
      input: { planId, kind: "strategic_objective", code: "SD 8", title: "Tijdelijk" },
    });
    const updated = await must<{ version: number; code: string }>(
      server,
      director,
      Q.updateObjective,
      { id: extra.id, version: 0, input: { code: "SD 7" } },
    );
    expect(updated).toMatchObject({ code: "SD 7", version: 1 });
    expect(
      code(
        await server.gql(
          Q.updateObjective,
          { id: extra.id, version: 0, input: { code: "SD 6" } },
          { cookie: director },
        ),
      ),
    ).toBe("CONFLICT");
    expect(
      code(
        await server.gql(Q.deleteObjective, { id: objectiveId, version: 0 }, { cookie: director }),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(await must(server, director, Q.deleteObjective, { id: extra.id, version: 1 })).toBe(
      true,
    );
  });
});

describe("measurement points, indicators, measurements, actions", () => {
  it("creates a point with targets and deadlines of every kind, and validates them", async () => {
    indicatorId = (
      await must<{ id: string }>(server, director, Q.createIndicator, {
        input: {
          planId,
          name: "Aandeel aangenomen",
          unit: "%",
          direction: "higher_is_better",
          baseline: 40,
          targetValue: 70,
        },
      })
    ).id;
    const point = await must<{ id: string; version: number; targets: { deadline: unknown }[] }>(
      server,
      director,
      Q.createPoint,
      {
        input: {
          objectiveId,
          code: "1.1",
          title: "70% van de doorverwezen werkzoekenden wordt aangenomen",
          targets: [
            {
              text: "70% aangenomen",
              goal: { value: 70, comparator: "at_least", baseline: 40 },
              deadline: { kind: "year", value: "2025" },
              indicatorId,
            },
            {
              text: "Scorebord elk kwartaal",
              deadline: { kind: "continuous", value: "2025-12-01", text: "vanaf december 2025" },
            },
            { text: "Tegen einde mandaat", deadline: { kind: "event", text: "einde mandaat" } },
            { text: "Maart", deadline: { kind: "month", value: "2025-03" } },
          ],
        },
      },
    );
    expect(point.targets.map((t) => t.deadline)).toEqual([
      { kind: "year", from: "2025-01-01", until: "2025-12-31", text: "2025" },
      { kind: "continuous", from: "2025-12-01", until: null, text: "vanaf december 2025" },
      { kind: "event", from: null, until: null, text: "einde mandaat" },
      { kind: "month", from: "2025-03-01", until: "2025-03-31", text: "2025-03" },
    ]);
    pointId = point.id;
    pointVersion = point.version;
    const bad = await server.gql(
      Q.createPoint,
      {
        input: {
          objectiveId,
          code: "1.2",
          title: "x",
          targets: [{ text: "y", deadline: { kind: "quarter", value: "2025-Q5" } }],
        },
      },
      { cookie: director, locale: "en" },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.targets.0.deadline.value",
    });
    expect(bad.errors?.[0]?.message).toBe("Give the deadline as a quarter (YYYY-Q1 to YYYY-Q4).");
    const dup = await server.gql(
      Q.createPoint,
      { input: { objectiveId, code: "1.1", title: "x" } },
      { cookie: director },
    );
    expect(code(dup)).toBe("CONFLICT");
  });

  it("updates a point (keeping target ids) and refuses a stale version", async () => {
    const point = await must<{ version: number; targets: { id: string }[] }>(
      server,
      director,
      Q.updatePoint,
      {
        id: pointId,
        version: pointVersion,
        input: { title: "70% aangenomen na oriëntering" },
      },
    );
    expect(point.version).toBe(pointVersion + 1);
    expect(
      code(
        await server.gql(
          Q.updatePoint,
          { id: pointId, version: pointVersion, input: { title: "oud" } },
          { cookie: director },
        ),
      ),
    ).toBe("CONFLICT");
    pointVersion = point.version;
  });

  it("records and corrects quarterly measurements, validating the period and value", async () => {
    const first = await must<{ id: string; value: number; recordedBy: { name: string } }>(
      server,
      director,
      Q.record,
      { input: { indicatorId, period: "2025-Q1", value: 48 } },
    );
    expect(first).toMatchObject({
      id: `${indicatorId}:2025-Q1`,
      value: 48,
      recordedBy: { name: "Dirk Directeur" },
    });
    const corrected = await must<{ value: number; comment: string }>(server, director, Q.record, {
      input: { indicatorId, period: "2025-Q1", value: 50, comment: "gecorrigeerd" },
    });
    expect(corrected).toMatchObject({ value: 50, comment: "gecorrigeerd" });
    await must(server, director, Q.record, {
      input: { indicatorId, period: "2025-Q2", value: 58 },
    });
    const badPeriod = await server.gql(
      Q.record,
      { input: { indicatorId, period: "Q2-2025", value: 1 } },
      { cookie: director },
    );
    expect(badPeriod.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.period",
    });
    const byViewer = await server.gql(
      Q.record,
      { input: { indicatorId, period: "2025-Q3", value: 1 } },
      { cookie: viewer },
    );
    expect(code(byViewer)).toBe("FORBIDDEN");
    const updated = await must<{ unit: string; version: number }>(
      server,
      director,
      Q.updateIndicator,
      { id: indicatorId, version: 0, input: { unit: "pct" } },
    );
    expect(updated).toMatchObject({ unit: "pct", version: 1 });
  });

  it("derives 'done on time' from the due and done dates", async () => {
    const action = await must<{ id: string; version: number; doneOnTime: boolean | null }>(
      server,
      director,
      Q.createAction,
      {
        input: {
          planId,
          title: "Coördinatieoverleg opzetten",
          dueDate: "2025-06-30",
          measurementPointId: pointId,
        },
      },
    );
    expect(action.doneOnTime).toBeNull();
    const done = await must<{ status: string; doneOnTime: boolean; progress: number }>(
      server,
      director,
      Q.updateAction,
      {
        id: action.id,
        version: action.version,
        input: { status: "done", doneDate: "2025-06-15" },
      },
    );
    expect(done).toMatchObject({ status: "done", doneOnTime: true, progress: 100 });
    const late = await must<{ id: string; version: number }>(server, director, Q.createAction, {
      input: { planId, title: "Laat", dueDate: "2025-01-31" },
    });
    const lateDone = await must<{ doneOnTime: boolean }>(server, director, Q.updateAction, {
      id: late.id,
      version: late.version,
      input: { status: "done", doneDate: "2025-02-03" },
    });
    expect(lateDone.doneOnTime).toBe(false);
    const bad = await server.gql(
      Q.createAction,
      { input: { planId, title: "x", progress: 140 } },
      { cookie: director },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.progress",
    });
  });

  it("filters actions and measurement points with cursor pagination", async () => {
    const page = await server.gql<{
      actions: {
        nodes: { id: string }[];
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      `query($planId: ID!) { actions(planId: $planId, filter: { status: done }, first: 1) { nodes { id } totalCount pageInfo { hasNextPage endCursor } } }`,
      { planId },
      { cookie: director },
    );
    expect(page.data!.actions.totalCount).toBe(2);
    expect(page.data!.actions.pageInfo.hasNextPage).toBe(true);
    const next = await server.gql<{
      actions: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean } };
    }>(
      `query($planId: ID!, $after: String) { actions(planId: $planId, filter: { status: done }, first: 1, after: $after) { nodes { id } pageInfo { hasNextPage } } }`,
      { planId, after: page.data!.actions.pageInfo.endCursor },
      { cookie: director },
    );
    expect(next.data!.actions.nodes[0]!.id).not.toBe(page.data!.actions.nodes[0]!.id);
    expect(next.data!.actions.pageInfo.hasNextPage).toBe(false);
    const due = await server.gql<{ measurementPoints: { totalCount: number } }>(
      `query($planId: ID!) { measurementPoints(planId: $planId, filter: { deadlineFrom: "2025-03-01", deadlineUntil: "2025-03-31" }) { totalCount } }`,
      { planId },
      { cookie: director },
    );
    expect(due.data!.measurementPoints.totalCount).toBe(1);
  });
});

describe("translations", () => {
  it("answers in the requested language and says when it fell back", async () => {
    const query = `query($id: ID!) { measurementPoint(id: $id) { title { text locale isFallback } } }`;
    const fr = await server.gql<{
      measurementPoint: { title: { locale: string; isFallback: boolean } };
    }>(query, { id: pointId }, { cookie: director, locale: "fr" });
    expect(fr.data!.measurementPoint.title).toMatchObject({ locale: "nl", isFallback: true });
    const set = await must<{ locale: string; translations: { locale: string; state: string }[] }>(
      server,
      director,
      Q.setTranslation,
      {
        input: {
          entity: "measurement_point",
          id: pointId,
          field: "title",
          locale: "fr",
          text: "70 % des chercheurs d'emploi orientés sont engagés",
          state: "draft",
        },
      },
    );
    expect(set.translations.find((t) => t.locale === "fr")?.state).toBe("draft");
    const after = await server.gql<{
      measurementPoint: { title: { text: string; isFallback: boolean } };
    }>(query, { id: pointId }, { cookie: director, locale: "fr" });
    expect(after.data!.measurementPoint.title).toMatchObject({
      text: "70 % des chercheurs d'emploi orientés sont engagés",
      isFallback: false,
    });
  });
});

describe("PDCA cycle", () => {
  let cycleId: string;
  let version: number;

  it("moves plan → do → check and refuses assessments before Check", async () => {
    const cycle = await must<{ id: string; phase: string; version: number }>(
      server,
      director,
      Q.openCycle,
      { planId, period: "2025-Q2" },
    );
    expect(cycle.phase).toBe("plan");
    expect(
      code(await server.gql(Q.openCycle, { planId, period: "2025-Q2" }, { cookie: director })),
    ).toBe("CONFLICT");
    expect(
      code(await server.gql(Q.openCycle, { planId, period: "2025-13" }, { cookie: director })),
    ).toBe("BAD_USER_INPUT");
    cycleId = cycle.id;
    const early = await server.gql(
      Q.assess,
      { input: { cycleId, measurementPointId: pointId, status: "on_track" } },
      { cookie: director },
    );
    expect(code(early)).toBe("BAD_USER_INPUT");
    let current = await must<{ phase: string; version: number }>(server, director, Q.advance, {
      id: cycleId,
      version: cycle.version,
    });
    expect(current.phase).toBe("do");
    current = await must(server, director, Q.advance, { id: cycleId, version: current.version });
    expect(current.phase).toBe("check");
    version = current.version;
  });

  it("computes the status, and overriding it needs a reason", async () => {
    const board = await must<{
      rows: {
        status: string;
        statusSource: string;
        latestValue: number;
        previousValue: number;
        trend: string;
      }[];
    }>(server, director, Q.scoreboard, { planId, period: "2025-Q2" });
    // 58 against 70 from a baseline of 40: 60% of the way at mid-year (~50% expected) → on track.
    expect(board.rows[0]).toMatchObject({
      status: "on_track",
      statusSource: "computed",
      latestValue: 58,
      previousValue: 50,
      trend: "improving",
    });
    const noReason = await server.gql(
      Q.assess,
      { input: { cycleId, measurementPointId: pointId, status: "at_risk" } },
      { cookie: director, locale: "en" },
    );
    expect(noReason.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.comment",
    });
    expect(noReason.errors?.[0]?.message).toBe(
      "Give a reason: the status you chose differs from the computed one.",
    );
    const assessed = await must<{
      assessments: { status: string; computedStatus: string; comment: string }[];
    }>(server, director, Q.assess, {
      input: {
        cycleId,
        measurementPointId: pointId,
        status: "at_risk",
        comment: "Instroom daalt in juni",
      },
    });
    expect(assessed.assessments).toEqual([
      { status: "at_risk", computedStatus: "on_track", comment: "Instroom daalt in juni" },
    ]);
  });

  it("cannot close while a point has no assessment, then closes and freezes the scoreboard", async () => {
    const other = await must<{ id: string }>(server, director, Q.createPoint, {
      input: { objectiveId, code: "1.2", title: "Pilootprojecten" },
    });
    let cycle = await server.gql<{
      cycle: { version: number; missingAssessments: { id: string }[] };
    }>(
      `query($planId: ID!) { cycle(planId: $planId, period: "2025-Q2") { version missingAssessments { id } } }`,
      { planId },
      { cookie: director },
    );
    expect(cycle.data!.cycle.missingAssessments.map((p) => p.id)).toEqual([other.id]);
    let current = await must<{ version: number; phase: string }>(server, director, Q.advance, {
      id: cycleId,
      version: cycle.data!.cycle.version,
    });
    expect(current.phase).toBe("act");
    const decided = await must<{
      version: number;
      decisions: { kind: string; action: { title: { text: string } } }[];
    }>(server, director, Q.decide, {
      input: {
        cycleId,
        kind: "new_action",
        text: "Extra jobbeurs",
        measurementPointId: pointId,
        newAction: { planId, title: "Jobbeurs organiseren", dueDate: "2025-09-30" },
      },
    });
    expect(decided.decisions[0]).toMatchObject({
      kind: "new_action",
      action: { title: { text: "Jobbeurs organiseren" } },
    });
    const refused = await server.gql(
      Q.close,
      { id: cycleId, version: decided.version },
      { cookie: director, locale: "en" },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(refused.errors?.[0]?.message).toBe(
      "Measurement points without an assessment: 1. Assess them before closing.",
    );
    current = await must(server, director, Q.assess, {
      input: { cycleId, measurementPointId: other.id, status: "no_data" },
    });
    const closed = await must<{ phase: string; closedAt: string }>(server, director, Q.close, {
      id: cycleId,
      version: current.version,
    });
    expect(closed.phase).toBe("closed");
    cycle = await server.gql(
      `query($planId: ID!) { cycle(planId: $planId, period: "2025-Q2") { version missingAssessments { id } } }`,
      { planId },
      { cookie: director },
    );
    version = cycle.data!.cycle.version;
  });

  it("keeps the frozen scoreboard immutable", async () => {
    const before = await must<{
      frozen: boolean;
      rows: {
        measurementPointId: string;
        latestValue: number | null;
        status: string;
        comment: string;
      }[];
    }>(server, director, Q.scoreboard, { planId, period: "2025-Q2" });
    expect(before.frozen).toBe(true);
    // Later changes do not reach the frozen board.
    await must(server, director, Q.record, {
      input: { indicatorId, period: "2025-Q2", value: 12 },
    });
    const current = await server.gql<{ measurementPoint: { version: number } }>(
      `query($id: ID!) { measurementPoint(id: $id) { version } }`,
      { id: pointId },
      { cookie: director },
    );
    await must(server, director, Q.updatePoint, {
      id: pointId,
      version: current.data!.measurementPoint.version,
      input: { title: "Gewijzigd na afsluiten" },
    });
    const after = await must<typeof before>(server, director, Q.scoreboard, {
      planId,
      period: "2025-Q2",
    });
    expect(after).toEqual(before);
    expect(before.rows.find((r) => r.measurementPointId === pointId)).toMatchObject({
      status: "at_risk",
      latestValue: 58,
      comment: "Instroom daalt in juni",
    });
    // And nothing can change the closed cycle.
    expect(
      code(
        await server.gql(
          Q.assess,
          { input: { cycleId, measurementPointId: pointId, status: "done", comment: "x" } },
          { cookie: director },
        ),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(code(await server.gql(Q.close, { id: cycleId, version }, { cookie: director }))).toBe(
      "BAD_USER_INPUT",
    );
  });
});

describe("audit trail", () => {
  it("records every mutation with who, what and before/after", async () => {
    const trail = await server.gql<{
      auditTrail: {
        nodes: {
          action: string;
          actor: { name: string };
          before: string | null;
          after: string | null;
        }[];
      };
    }>(
      `query($planId: ID!) { auditTrail(planId: $planId, first: 100) { nodes { action actor { name } before after } } }`,
      { planId },
      { cookie: director },
    );
    const actions = trail.data!.auditTrail.nodes.map((n) => n.action);
    for (const expected of [
      "plan.create",
      "objective.create",
      "objective.update",
      "objective.delete",
      "measurement_point.create",
      "measurement_point.update",
      "indicator.create",
      "measurement.record",
      "action.create",
      "action.update",
      "cycle.open",
      "cycle.advance",
      "cycle.assess",
      "cycle.decide",
      "cycle.close",
    ])
      expect(actions, expected).toContain(expected);
    const correction = trail.data!.auditTrail.nodes.find(
      (n) => n.action === "measurement.record" && n.before?.includes('"value":48'),
    );
    expect(JSON.parse(correction!.after!).value).toBe(50);
    expect(
      code(
        await server.gql(
          `query($planId: ID!) { auditTrail(planId: $planId) { nodes { action } } }`,
          { planId },
          { cookie: head },
        ),
      ),
    ).toBe("FORBIDDEN");
  });
});

describe("subscriptions", () => {
  it("pushes plan events to subscribers and refuses anonymous ones", async () => {
    const url = `${server.url.replace("http", "ws")}/graphql`;
    const client = createClient({
      url,
      webSocketImpl: class extends WebSocket {
        constructor(u: string, p?: string | string[]) {
          super(u, p, { headers: { cookie: director } });
        }
      },
      lazy: false,
      retryAttempts: 0,
    });
    const events: { kind: string; entityId: string }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe<{ planEvents: { kind: string; entityId: string } }>(
        {
          query: `subscription($planId: ID!) { planEvents(planId: $planId) { kind entityId plan { id } } }`,
          variables: { planId },
        },
        {
          next: (v) => {
            events.push(v.data!.planEvents);
            resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await new Promise((r) => setTimeout(r, 300));
    await must(server, director, Q.record, {
      input: { indicatorId, period: "2025-Q3", value: 61 },
    });
    await done;
    expect(events[0]).toEqual({
      kind: "measurement_recorded",
      entityId: indicatorId,
      plan: { id: planId },
    });
    await client.dispose();

    const anonymous = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
    });
    const refused = await new Promise<unknown>((resolve) => {
      anonymous.subscribe(
        {
          query: `subscription($planId: ID!) { planEvents(planId: $planId) { kind } }`,
          variables: { planId },
        },
        {
          next: () => resolve("data"),
          error: (e) => resolve(e),
          complete: () => resolve("complete"),
        },
      );
    });
    expect(refused).not.toBe("data");
    await anonymous.dispose();
  });
});

describe("scoreboard cost", () => {
  it("costs the same number of database round trips for a small and a larger plan", async () => {
    const small = await buildLargePlan(server, director, {
      objectives: 1,
      points: 2,
      measurements: 2,
      actions: 1,
    });
    const large = await buildLargePlan(server, director, {
      objectives: 3,
      points: 4,
      measurements: 4,
      actions: 2,
    });
    const tripsFor = async (plan: { planId: string; period: string }) => {
      const before = countRoundTrips();
      const board = await must<{ rows: unknown[] }>(server, director, Q.scoreboard, plan);
      return { trips: countRoundTrips() - before, rows: board.rows.length };
    };
    const a = await tripsFor(small);
    const b = await tripsFor(large);
    expect(a.rows).toBe(2);
    expect(b.rows).toBe(12);
    expect(b.trips).toBe(a.trips);
    expect(b.trips).toBeLessThanOrEqual(12);
  }, 120_000);
});
