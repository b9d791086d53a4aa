import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
let director: string;
let head: string;
let viewer: string;
let dirUnitId: string;
let demoPlanId: string;

const CREATE = `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id title { text } status version viewerCanEdit orgUnit { code } members { role user { name } } } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdatePlanInput!) { updatePlan(id: $id, version: $version, input: $input) { id title { text } version } }`;

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  [director, head, viewer] = await Promise.all([
    server.login("director@koers.demo"),
    server.login("head@koers.demo"),
    server.login("viewer@koers.demo"),
  ]);
  const me = await server.gql<{
    viewer: { planningUnits: { id: string; code: string }[] };
    plans: { nodes: { id: string }[] };
  }>("{ viewer { planningUnits { id code } } plans { nodes { id } } }", {}, { cookie: director });
  dirUnitId = me.data!.viewer.planningUnits.find((u) => u.code === "DIR")!.id;
  demoPlanId = me.data!.plans.nodes[0]!.id;
});
afterAll(() => server?.stop());

const input = (overrides: Record<string, unknown> = {}) => ({
  kind: "strategic_plan",
  title: "Strategisch plan 2025-2030",
  orgUnitId: dirUnitId,
  periodStart: 2025,
  periodEnd: 2030,
  ...overrides,
});

describe("plans", () => {
  it("refuses anonymous requests with UNAUTHENTICATED", async () => {
    const list = await server.gql("{ plans { nodes { id } } }");
    expect(list.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const create = await server.gql(CREATE, { input: input() });
    expect(create.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("creates a draft plan with the creator as owner", async () => {
    const result = await server.gql<{ createPlan: Record<string, unknown> }>(
      CREATE,
      { input: input() },
      { cookie: director },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.createPlan).toMatchObject({
      title: { text: "Strategisch plan 2025-2030" },
      status: "draft",
      version: 0,
      viewerCanEdit: true,
      orgUnit: { code: "DIR" },
      members: [{ role: "owner", user: { name: "Dirk Directeur" } }],
    });
  });

  it("names the field of invalid input, in the user's language", async () => {
    const empty = await server.gql(
      CREATE,
      { input: input({ title: "   " }) },
      { cookie: director, locale: "nl" },
    );
    expect(empty.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.title",
    });
    expect(empty.errors?.[0]?.message).toBe("input.title is verplicht.");
    const order = await server.gql(
      CREATE,
      { input: input({ periodEnd: 2020 }) },
      { cookie: director, locale: "en" },
    );
    expect(order.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.periodEnd",
    });
    const type = await server.gql(
      CREATE,
      { input: input({ periodStart: "soon" }) },
      { cookie: director },
    );
    expect(type.status).toBe(400);
    expect(type.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });
  });

  it("refuses plan creation in a unit where the user does not plan (FORBIDDEN)", async () => {
    const byViewer = await server.gql(CREATE, { input: input() }, { cookie: viewer });
    expect(byViewer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const byHead = await server.gql(CREATE, { input: input() }, { cookie: head });
    expect(byHead.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("hides a draft plan from a user of another unit (FORBIDDEN) and an unknown id (NOT_FOUND)", async () => {
    const other = await server.gql(
      "query($id: ID!) { plan(id: $id) { id } }",
      { id: demoPlanId },
      { cookie: head },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const headList = await server.gql<{ plans: { nodes: unknown[] } }>(
      "{ plans { nodes { id } } }",
      {},
      { cookie: head },
    );
    expect(headList.data!.plans.nodes).toHaveLength(0);
    const unknown = await server.gql(
      "query($id: ID!) { plan(id: $id) { id } }",
      { id: "0123456789abcdef01234567" },
      { cookie: director },
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const malformed = await server.gql(
      "query($id: ID!) { plan(id: $id) { id } }",
      { id: { $ne: null } },
      { cookie: director },
    );
    expect(malformed.status).toBe(400);
  });

  it("lets a read-only member read but not update", async () => {
    const read = await server.gql<{ plan: { viewerCanEdit: boolean } }>(
      "query($id: ID!) { plan(id: $id) { viewerCanEdit } }",
      { id: demoPlanId },
      { cookie: viewer },
    );
    expect(read.data!.plan.viewerCanEdit).toBe(false);
    const update = await server.gql(
      UPDATE,
      { id: demoPlanId, version: 0, input: { title: "x" } },
      { cookie: viewer },
    );
    expect(update.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("updates with optimistic concurrency: a stale version gets CONFLICT", async () => {
    const created = await server.gql<{ createPlan: { id: string } }>(
      CREATE,
      { input: input() },
      { cookie: director },
    );
    const id = created.data!.createPlan.id;
    const first = await server.gql<{ updatePlan: { version: number; title: { text: string } } }>(
      UPDATE,
      { id, version: 0, input: { title: "Herzien plan" } },
      { cookie: director },
    );
    expect(first.data!.updatePlan).toMatchObject({ title: { text: "Herzien plan" }, version: 1 });
    const stale = await server.gql(
      UPDATE,
      { id, version: 0, input: { title: "Te laat" } },
      { cookie: director },
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("lets exactly one of 50 concurrent updates at the same version succeed", async () => {
    const created = await server.gql<{ createPlan: { id: string } }>(
      CREATE,
      { input: input() },
      { cookie: director },
    );
    const id = created.data!.createPlan.id;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        server.gql(
          UPDATE,
          { id, version: 0, input: { title: `Versie ${i}` } },
          { cookie: director },
        ),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    const conflicts = results.filter((r) => r.errors?.[0]?.extensions?.code === "CONFLICT");
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
  });
});

describe("GraphQL over HTTP", () => {
  it("serves queries by GET and refuses mutations by GET", async () => {
    const query = encodeURIComponent("{ viewer { name } }");
    const get = await fetch(`${server.url}/graphql?query=${query}`, {
      headers: { cookie: director, "apollo-require-preflight": "1" },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { viewer: { name: "Dirk Directeur" } } });
    const mutation = encodeURIComponent(`mutation { setLocale(locale: fr) { locale } }`);
    const refused = await fetch(`${server.url}/graphql?query=${mutation}`, {
      headers: { cookie: director, "apollo-require-preflight": "1" },
    });
    expect(refused.status).toBe(405);
  });

  it("refuses a simple (CSRF-able) request without a preflight header", async () => {
    const response = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent("{ viewer { name } }")}`,
      {
        headers: { cookie: director },
      },
    );
    expect(response.status).toBe(400);
  });

  it("answers 413 for a body over 1 MB", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: director },
      body: JSON.stringify({
        query: "{ viewer { name } }",
        variables: { pad: "x".repeat(1_100_000) },
      }),
    });
    expect(response.status).toBe(413);
  });

  it("passes the client's deepest query and rejects more than 15 aliases before running it", async () => {
    const deep = await server.gql(
      "{ plans { nodes { members { user { id } } orgUnit { id } } } a1: viewer { memberships { orgUnit { id } } } }",
      {},
      { cookie: director },
    );
    expect(deep.errors).toBeUndefined();
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: viewer { id }`).join(" ");
    const tooMany = await server.gql(`{ ${aliases} }`, {}, { cookie: director });
    expect(tooMany.status).toBe(400);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("never leaks a stack trace", async () => {
    const response = await server.gql("{ nope }", {}, { cookie: director });
    expect(JSON.stringify(response)).not.toMatch(/at .*\.ts:\d+|stacktrace|Did you mean/i);
  });
});
