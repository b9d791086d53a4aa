import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { must, Q, unitOf } from "../planning";
import { quarterOf } from "../../shared/periods";

let server: TestServer;
let director: string;
let head: string;
let planId: string;

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  [director, head] = await Promise.all([
    server.login("director@koers.demo"),
    server.login("head@koers.demo"),
  ]);
  const orgUnitId = await unitOf(server, director, "DIR");
  planId = (
    await must<{ id: string }>(server, director, Q.createPlan, {
      input: {
        kind: "operational_plan",
        title: "Operationeel plan 2026",
        orgUnitId,
        periodStart: 2026,
        periodEnd: 2026,
      },
    })
  ).id;
  const sd = await must<{ id: string }>(server, director, Q.createObjective, {
    input: {
      planId,
      kind: "strategic_objective",
      code: "SD 3",
      title: "Samenwerking en coördinatie",
    },
  });
  const kpi = await must<{ id: string }>(server, director, Q.createIndicator, {
    input: { planId, name: "Doorverwijzingen", direction: "higher_is_better" },
  });
  await must(server, director, Q.createPoint, {
    input: {
      objectiveId: sd.id,
      code: "3.1",
      title: "Transversale samenwerking met Controle",
      targets: [
        {
          text: "4 overlegmomenten",
          indicatorId: kpi.id,
          goal: { value: 4, comparator: "at_least" },
        },
      ],
    },
  });
  const today = new Date().toISOString().slice(0, 10);
  await must(server, director, Q.createAction, {
    input: { planId, title: "Overleg plannen", dueDate: today, ownerId: await viewerId(director) },
  });
  await must(server, director, Q.createAction, {
    input: { planId, title: "Later", dueDate: "2099-01-01", ownerId: await viewerId(director) },
  });
}, 120_000);
afterAll(() => server?.stop());

async function viewerId(cookie: string) {
  return (await server.gql<{ viewer: { id: string } }>("{ viewer { id } }", {}, { cookie })).data!
    .viewer.id;
}

const SEARCH = `query($q: String!) { search(query: $q) { kind code title planTitle path } }`;

describe("global search", () => {
  it("finds plans, objectives and points by code or words, accents ignored", async () => {
    const byCode = await server.gql<{ search: { kind: string; code: string; path: string[] }[] }>(
      SEARCH,
      { q: "3.1" },
      { cookie: director },
    );
    expect(byCode.data!.search[0]).toMatchObject({
      kind: "measurement_point",
      code: "3.1",
      path: ["SD 3", "3.1"],
    });
    const byWords = await server.gql<{ search: { kind: string; title: string }[] }>(
      SEARCH,
      { q: "coordinatie samenwerking" },
      { cookie: director },
    );
    expect(byWords.data!.search.map((h) => h.kind)).toContain("objective");
    const plan = await server.gql<{ search: { kind: string }[] }>(
      SEARCH,
      { q: "operationeel 2026" },
      { cookie: director },
    );
    expect(plan.data!.search[0]!.kind).toBe("plan");
  });

  it("never shows what the user may not read", async () => {
    const hidden = await server.gql<{ search: unknown[] }>(SEARCH, { q: "3.1" }, { cookie: head });
    expect(hidden.data!.search).toEqual([]);
    const anonymous = await server.gql(SEARCH, { q: "3.1" });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const empty = await server.gql(SEARCH, { q: "   " }, { cookie: director });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "query" });
  });
});

describe("what needs me", () => {
  it("lists actions due soon, missing measurements of the quarter and my plans", async () => {
    const work = await server.gql<{
      myWork: {
        period: string;
        actionsDue: { title: { text: string } }[];
        missingMeasurements: { indicator: { name: { text: string } } }[];
        plans: { id: string }[];
      };
    }>(
      `{ myWork { period actionsDue { title { text } } missingMeasurements { indicator { name { text } } measurementPoint { code } } plans { id } } }`,
      {},
      { cookie: director },
    );
    const mine = work.data!.myWork;
    expect(mine.period).toBe(quarterOf(new Date()));
    expect(mine.actionsDue.map((a) => a.title.text)).toEqual(["Overleg plannen"]);
    expect(mine.missingMeasurements.map((m) => m.indicator.name.text)).toEqual([
      "Doorverwijzingen",
    ]);
    expect(mine.plans.map((p) => p.id)).toContain(planId);
    const theirs = await server.gql<{ myWork: { plans: unknown[]; actionsDue: unknown[] } }>(
      `{ myWork { plans { id } actionsDue { id } } }`,
      {},
      { cookie: head },
    );
    expect(theirs.data!.myWork).toEqual({ plans: [], actionsDue: [] });
  });
});
