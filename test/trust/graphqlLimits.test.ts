import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Kind,
  Lexer,
  Source,
  TokenKind,
  parse,
  print,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import * as clientDocuments from "../../client/gql/graphql";
import { countRoundTrips } from "../../server/db/connection";
import { COST_LIMITS, computeCost } from "../../server/graphql/costRule";
import { buildSchema } from "../../server/graphql/schema";
import { QUERY_LIMITS, createApollo } from "../../server/graphql/server";
import { startTestServer, type TestServer } from "../harness";

/**
 * G2: depth, alias, token and cost limits reject the limit + 1 before any
 * resolver runs, the limit itself passes, and so does every operation the web
 * client sends. "Before any resolver runs" is measured in database round trips:
 * a rejected request costs exactly what a request that fails to parse costs
 * (the session lookup), an accepted one costs more.
 */
let server: TestServer;
let cookie: string;
let schema: GraphQLSchema;
let serverRules: ValidationRule[];

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  cookie = await server.login("director@koers.demo");
  schema = buildSchema();
  // The server's own validation rules, built the way the server builds them.
  const apollo = await createApollo(schema, http.createServer(), false);
  serverRules = apollo.validationRules as ValidationRule[];
  await apollo.apollo.stop();
});
afterAll(() => server?.stop());

const ask = (query: string, variables: Record<string, unknown> = {}) =>
  server.gql(query, variables, { cookie });

/** Database round trips of one request (the session lookup included). */
async function tripsOf(query: string, variables: Record<string, unknown> = {}) {
  const before = countRoundTrips();
  const response = await ask(query, variables);
  // Anything the request started after answering (a session touch) is counted too.
  await new Promise((r) => setTimeout(r, 50));
  return { response, trips: countRoundTrips() - before };
}

let baselineTrips: number;
async function baseline() {
  if (baselineTrips === undefined) {
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) counts.push((await tripsOf("{ viewer { id ")).trips);
    baselineTrips = Math.max(...counts);
  }
  return baselineTrips;
}

/** The limit passes (resolvers run), the limit + 1 is refused before any resolver. */
async function expectBoundary(atLimit: string, overLimit: string, detail: RegExp, vars = {}) {
  const ok = await tripsOf(atLimit, vars);
  expect(ok.response.errors?.map((e) => e.extensions?.code) ?? []).not.toContain(
    "GRAPHQL_VALIDATION_FAILED",
  );
  expect(ok.response.status).toBe(200);
  expect(ok.trips).toBeGreaterThan(await baseline());

  const refused = await tripsOf(overLimit, vars);
  expect(refused.response.status).toBe(400);
  expect(refused.response.data).toBeUndefined();
  const error = refused.response.errors?.[0] as { extensions?: { detail?: string } } | undefined;
  expect(error?.extensions?.detail ?? error).toMatch(detail);
  expect(refused.trips).toBeLessThanOrEqual(await baseline());
}

describe("depth limit", () => {
  /** `objective { parent { … { id } } }`: `depth` levels of fields, the leaf included. */
  const nested = (depth: number) =>
    `{ objective(id: "000000000000000000000000") ${"{ parent ".repeat(depth - 2)}{ id }${" }".repeat(depth - 2)} }`;

  it(`passes depth ${QUERY_LIMITS.maxDepth} and refuses ${QUERY_LIMITS.maxDepth + 1} before running it`, async () => {
    await expectBoundary(
      nested(QUERY_LIMITS.maxDepth),
      nested(QUERY_LIMITS.maxDepth + 1),
      /depth limit of 10 exceeded, found 11/,
    );
  });

  it("counts fragments (named, inline and a fragment named __schema) at their real depth", async () => {
    const inner =
      "{ parent ".repeat(QUERY_LIMITS.maxDepth - 2) +
      "{ id }" +
      " }".repeat(QUERY_LIMITS.maxDepth - 2);
    const viaFragments = [
      `{ objective(id: "x") { ...F } } fragment F on Objective { parent ${inner} }`,
      `{ objective(id: "x") { ... on Objective { parent ${inner} } } }`,
      `{ objective(id: "x") { ...__schema } } fragment __schema on Objective { parent ${inner} }`,
    ];
    for (const query of viaFragments) {
      const refused = await ask(query);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.errors)).toMatch(/depth limit/);
    }
  });
});

describe("alias limit", () => {
  const aliases = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: plans(first: 1) { nodes { id } }`).join(" ")} }`;

  it(`passes ${QUERY_LIMITS.maxAliases} aliases and refuses ${QUERY_LIMITS.maxAliases + 1} (and 1,000)`, async () => {
    await expectBoundary(
      aliases(QUERY_LIMITS.maxAliases),
      aliases(QUERY_LIMITS.maxAliases + 1),
      /Aliases limit of 15 exceeded, found 16/,
    );
    const thousand = await tripsOf(
      aliases(1000).replace(/ plans\(first: 1\) \{ nodes \{ id \} \}/g, " __typename"),
    );
    expect(thousand.response.status).toBe(400);
    expect(thousand.trips).toBeLessThanOrEqual(await baseline());
  });
});

describe("token limit", () => {
  // Distinct fragments (a thousand repeats of one field would trip graphql-js's
  // own overlap budget first): 13 tokens around, 9 per fragment (spread and
  // definition), and `id`s to pad (EOF is not counted).
  const tokens = (n: number) => {
    const count = Math.floor((n - 13) / 9);
    const pad = n - 13 - 9 * count;
    const names = Array.from({ length: count }, (_, i) => `F${i}`);
    return (
      `{ plans(first: 1) { nodes { ${names.map((f) => `...${f}`).join(" ")} } } } ` +
      names
        .map((f, i) => `fragment ${f} on Plan { id ${i === 0 ? "id ".repeat(pad) : ""}}`)
        .join(" ")
    );
  };

  it(`passes ${QUERY_LIMITS.maxTokens} tokens and refuses ${QUERY_LIMITS.maxTokens + 1}`, async () => {
    await expectBoundary(
      tokens(QUERY_LIMITS.maxTokens),
      tokens(QUERY_LIMITS.maxTokens + 1),
      /more tha[nt] 2000 tokens/,
    );
  });
});

describe("armor cost limit (literal page sizes)", () => {
  // armor: object 2, scalar 1, ×1.5 per level, × a literal `first`.
  // plans(first: 100) { nodes { id } } = 100 × (2 + 1.5 × (2 + 1.5)) = 725, six of them 4,350;
  // plans(first: 100) { __typename } = 350; then one top-level __typename is 1 each.
  const armorQuery = (extra: number) =>
    `{ ${Array.from({ length: 6 }, (_, i) => `p${i}: plans(first: 100) { nodes { id } }`).join(" ")} ` +
    `t: plans(first: 100) { __typename } ${"__typename ".repeat(extra)}}`;

  it(`passes armor cost ${QUERY_LIMITS.maxCost} and refuses ${QUERY_LIMITS.maxCost + 1}`, async () => {
    await expectBoundary(
      armorQuery(300),
      armorQuery(301),
      /Cost limit of 5000 exceeded, found 5001/,
    );
  });
});

describe("cost limit with page sizes from variables (our rule)", () => {
  // Per plan: the connection 1 + nodes 1 + 3 assumed members × (member 1 + user 1) = 8,
  // so 6 × 100 × 8 + 2 × 50 (q1) + 99 (q2, __typename is free) + 1 (viewer) = 5,000.
  const heavy = "nodes { id members { user { id } } }";
  const query = `query Heavy($n: Int, $k1: Int, $k2: Int) {
    ${Array.from({ length: 6 }, (_, i) => `p${i}: plans(first: $n) { ${heavy} }`).join("\n    ")}
    q1: plans(first: $k1) { nodes { id } }
    q2: plans(first: $k2) { __typename }
    viewer { id }
  }`;
  const atLimit = { n: 100, k1: 50, k2: 99 };
  const overLimit = { n: 100, k1: 50, k2: 100 };

  it("weighs lists by the page size in a variable, a literal or the schema default", () => {
    expect(computeCost(schema, parse(query), "Heavy", atLimit)).toBe(COST_LIMITS.maxCost);
    expect(computeCost(schema, parse(query), "Heavy", overLimit)).toBe(COST_LIMITS.maxCost + 1);
    const one = (q: string, v = {}) => computeCost(schema, parse(q), null, v);
    expect(one("query($n: Int) { plans(first: $n) { nodes { id } } }", { n: 40 })).toBe(80);
    expect(one("{ plans(first: 40) { nodes { id } } }")).toBe(80);
    // The schema default (first: Int = 50), and an operation's own variable default.
    expect(one("{ plans { nodes { id } } }")).toBe(100);
    expect(one("query($n: Int = 7) { plans(first: $n) { nodes { id } } }")).toBe(14);
    // A page size that is missing or not a number counts as the largest page.
    expect(one("query($n: Int) { plans(first: $n) { nodes { id } } }", { n: "x" })).toBe(200);
  });

  it(`passes cost ${COST_LIMITS.maxCost} and refuses ${COST_LIMITS.maxCost + 1} before running it`, async () => {
    const ok = await tripsOf(query, atLimit);
    expect(ok.response.status).toBe(200);
    expect(ok.response.errors).toBeUndefined();
    expect(ok.trips).toBeGreaterThan(await baseline());

    for (const locale of ["nl", "fr", "en"]) {
      const before = countRoundTrips();
      const refused = await server.gql(query, overLimit, { cookie, locale });
      expect(countRoundTrips() - before).toBeLessThanOrEqual(await baseline());
      expect(refused.status).toBe(400);
      expect(refused.data).toBeUndefined();
      expect(refused.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
      expect(refused.errors?.[0]?.message).toContain("5001");
      expect(refused.errors?.[0]?.message).toMatch(
        { nl: /te veel gegevens/, fr: /trop de données/, en: /too much data/ }[locale]!,
      );
    }
  });

  it("closes the armor bypass: page sizes in variables no longer escape the budget", async () => {
    // 15 aliases × 100 plans × nested unpaged lists: armor sees no multiplier at all.
    const bypass = `query Bypass($n: Int) { ${Array.from(
      { length: 15 },
      (_, i) =>
        `a${i}: plans(first: $n) { nodes { members { user { id } } objectives { children { children { id } } } } }`,
    ).join(" ")} }`;
    const armorOnly = validate(schema, parse(bypass), [
      costLimitRule({ maxCost: QUERY_LIMITS.maxCost, propagateOnRejection: false }),
    ]);
    expect(armorOnly).toEqual([]);
    const { response, trips } = await tripsOf(bypass, { n: 100 });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    expect(trips).toBeLessThanOrEqual(await baseline());
    // The same with a huge page size, and with the schema default.
    const huge = await ask("query($n: Int) { plans(first: $n) { nodes { id } } }", { n: 1e9 });
    expect(huge.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
  });

  it("applies the same budget to graphql-ws subscriptions", async () => {
    const client = createClient({
      url: `${server.url.replace("http", "ws")}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(u: string, p?: string | string[]) {
          super(u, p, { headers: { cookie } });
        }
      },
      lazy: false,
      retryAttempts: 0,
    });
    // 3 objectives × 3 children per level, six levels deep: over the budget, under armor's.
    const tree = "objectives { " + "children { ".repeat(5) + "id" + " }".repeat(5) + " }";
    const trees = [1, 2, 3, 4, 5, 6].map((i) => `t${i}: ${tree}`).join(" ");
    const query = `subscription { planEvents(planId: "000000000000000000000000") { plan { ${trees} } } }`;
    expect(computeCost(schema, parse(query), null, {})).toBeGreaterThan(COST_LIMITS.maxCost);
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query },
        {
          next: (v) => resolve(v),
          error: (e) => resolve(e),
          complete: () => resolve("complete"),
        },
      );
    });
    expect(JSON.stringify(outcome)).toMatch(/QUERY_TOO_COSTLY/);
    await client.dispose();
  });
});

describe("body size", () => {
  const post = (bytes: number) =>
    fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query: "{ viewer { id } }", variables: { pad: "x".repeat(bytes) } }),
    });

  it("accepts a body just under 1 MB and answers 413 with a JSON error just over it", async () => {
    const under = await post(1024 * 1024 - 200);
    expect(under.status).toBe(200);
    const over = await post(1024 * 1024 + 10);
    expect(over.status).toBe(413);
    const body = (await over.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]!.extensions.code).toBe("BAD_REQUEST");
    expect(body.errors[0]!.message).not.toMatch(/at .*\.[jt]s:\d+/);
  });
});

describe("the web client's own operations", () => {
  const documents = Object.entries(clientDocuments).filter(
    ([name, value]) => name.endsWith("Document") && (value as DocumentNode)?.kind === Kind.DOCUMENT,
  ) as [string, DocumentNode][];

  it("finds the client's documents", () => {
    expect(documents.length).toBeGreaterThan(10);
  });

  it("passes every limit with page-size variables at their worst case", () => {
    const failures: string[] = [];
    let largestTokens = 0;
    for (const [name, document] of documents) {
      const text = print(document);
      try {
        parse(text, { maxTokens: QUERY_LIMITS.maxTokens });
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
      largestTokens = Math.max(largestTokens, countTokens(text));
      const errors = validate(schema, document, [...specifiedRules, ...serverRules]);
      failures.push(...errors.map((e) => `${name}: ${e.message}`));
      const operation = document.definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      // No variables: every page size counts as the largest page (100).
      const cost = computeCost(schema, document, operation?.name?.value, {});
      if (cost > COST_LIMITS.maxCost) failures.push(`${name}: cost ${cost}`);
    }
    expect(failures).toEqual([]);
    console.log(
      `${documents.length} client operations pass; the largest has ${largestTokens} tokens ` +
        `(limit ${QUERY_LIMITS.maxTokens})`,
    );
  });
});

function countTokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}
