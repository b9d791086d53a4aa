import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchema } from "../../server/graphql/schema";
import { startTestServer, type TestServer } from "../harness";
import { createPlanDoc } from "../realtime/planDocs";
import { generateRequests, type IdPool } from "./abuseGenerator";

/**
 * G1: malformed GraphQL requests, generated from the schema's root fields and
 * input types at run time plus a hand list of broken HTTP requests, sent as
 * anonymous and as users of several roles. None may answer 5xx or
 * INTERNAL_SERVER_ERROR, leak a stack, a duplicate-key message or a field
 * suggestion. ABUSE_REQUESTS / ABUSE_SEED change the run (the seed is logged).
 */
const GENERATED = Number(process.env.ABUSE_REQUESTS ?? 2000);
const SEED = Number(process.env.ABUSE_SEED ?? 20261127);
const PERSONAS = [
  "anonymous",
  "admin@koers.demo",
  "director@koers.demo",
  "manager@koers.demo",
  "pmo@koers.demo",
  "viewer@koers.demo",
  "alderman@koers.demo",
];

let server: TestServer;
const cookies = new Map<string, string>();

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  for (const persona of PERSONAS)
    if (persona !== "anonymous") cookies.set(persona, await server.login(persona));
});
afterAll(() => server?.stop());

interface Outcome {
  request?: string;
  ms: number;
  label: string;
  status: number;
  codes: string[];
  text: string;
}

const tally = {
  byStatus: new Map<number, number>(),
  byCode: new Map<string, number>(),
  unnamedBadInput: [] as string[],
};
const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

function record(outcome: Outcome) {
  count(tally.byStatus, outcome.status);
  for (const code of outcome.codes.length ? outcome.codes : ["(none)"]) count(tally.byCode, code);
}

async function send(
  label: string,
  init: RequestInit & { headers?: Record<string, string> },
  path = "/graphql",
): Promise<Outcome> {
  const started = performance.now();
  const response = await fetch(`${server.url}${path}`, {
    ...init,
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let codes: string[] = [];
  try {
    const body = JSON.parse(text) as {
      errors?: { extensions?: { code?: string; field?: string } }[];
    };
    codes = (body.errors ?? []).map((e) => e.extensions?.code ?? "(no code)");
    for (const e of body.errors ?? [])
      if (e.extensions?.code === "BAD_USER_INPUT" && !e.extensions.field)
        tally.unnamedBadInput.push(label);
  } catch {
    codes = ["(not json)"];
  }
  return { ms, label, status: response.status, codes, text };
}

function problems(outcomes: Outcome[]): string[] {
  const found: string[] = [];
  for (const o of outcomes) {
    const why = [
      o.status >= 500 && `HTTP ${o.status}`,
      o.codes.includes("INTERNAL_SERVER_ERROR") && "INTERNAL_SERVER_ERROR",
      /\n\s+at .+:\d+:\d+|"stacktrace"/.test(o.text) && "stack trace",
      /E11000/.test(o.text) && "E11000",
      /Did you mean/.test(o.text) && "field suggestion",
    ].filter(Boolean);
    if (why.length)
      found.push(`${o.label}: ${why.join(", ")} → ${o.text.slice(0, 300)} ← ${o.request ?? ""}`);
  }
  return found;
}

/** Real ids of the seeded database: requests with them reach the services. */
async function idPool(): Promise<IdPool> {
  const director = cookies.get("director@koers.demo")!;
  const plans = await server.gql<{
    plans: {
      nodes: {
        id: string;
        objectives: { id: string; children: { id: string }[] }[];
        indicators: { id: string }[];
      }[];
    };
    viewer: { planningUnits: { id: string }[] };
  }>(
    "{ plans(first: 20) { nodes { id objectives { id children { id } } indicators { id } } } viewer { planningUnits { id } } }",
    {},
    { cookie: director },
  );
  const ids = new Set<string>();
  const docNames: string[] = [];
  for (const plan of plans.data?.plans.nodes ?? []) {
    ids.add(plan.id);
    docNames.push(`plan/${plan.id}`);
    for (const o of plan.objectives) {
      ids.add(o.id);
      for (const c of o.children) ids.add(c.id);
    }
    for (const i of plan.indicators) ids.add(i.id);
  }
  for (const unit of plans.data?.viewer.planningUnits ?? []) ids.add(unit.id);
  if (plans.errors) console.log(`id pool query: ${JSON.stringify(plans.errors).slice(0, 300)}`);
  // One plan of our own, so that plan ids and its document always exist.
  const docName = await createPlanDoc(server, director, "Abuse target");
  ids.add(docName.slice("plan/".length));
  docNames.push(docName);
  return { ids: [...ids], docNames };
}

/** Broken HTTP requests no generator of GraphQL documents would produce. */
function handList(
  cookie: string,
): { label: string; init: RequestInit & { headers?: Record<string, string> }; path?: string }[] {
  const json = { "content-type": "application/json", cookie };
  const post = (label: string, body: string | Blob, headers: Record<string, string> = json) => ({
    label,
    init: { method: "POST", headers, body },
  });
  const ok = "{ viewer { id } }";
  return [
    post("bad JSON", "{"),
    post("empty body", ""),
    post("JSON null", "null"),
    post("JSON array", "[]"),
    post("JSON number", "123"),
    post("JSON string", '"query"'),
    post("batch", JSON.stringify([{ query: ok }, { query: ok }])),
    post("query number", JSON.stringify({ query: 123 })),
    post("query operator", JSON.stringify({ query: { $ne: null } })),
    post("query null", JSON.stringify({ query: null })),
    post("query empty", JSON.stringify({ query: "" })),
    post("variables string", JSON.stringify({ query: ok, variables: "x" })),
    post("variables array", JSON.stringify({ query: ok, variables: [1] })),
    post(
      "variables __proto__",
      '{"query":"{ viewer { id } }","variables":{"__proto__":{"isAdmin":true}}}',
    ),
    post("operationName number", JSON.stringify({ query: ok, operationName: 5 })),
    post(
      "two operations, no name",
      JSON.stringify({ query: "query A { viewer { id } } query B { viewer { id } }" }),
    ),
    post("unknown operationName", JSON.stringify({ query: ok, operationName: "C" })),
    post(
      "persisted query",
      JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: "abc" } } }),
    ),
    post("extensions string", JSON.stringify({ query: ok, extensions: "x" })),
    post("NUL in query", JSON.stringify({ query: `${ok}\u0000` })),
    post("lone surrogate", JSON.stringify({ query: `{ viewer { id } } # \ud800` })),
    post("invalid UTF-8", new Blob([new Uint8Array([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d])])),
    post(
      "deeply nested JSON",
      `{"query":"{ viewer { id } }","variables":{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}}`,
    ),
    post("deeply nested selection", JSON.stringify({ query: "{ viewer ".repeat(30_000) })),
    post(
      "50,000 variables",
      JSON.stringify({
        query: ok,
        variables: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`v${i}`, i])),
      }),
    ),
    post(
      "huge int literal",
      JSON.stringify({ query: "{ plans(first: 99999999999999999999) { nodes { id } } }" }),
    ),
    post(
      "huge float var",
      // JSON allows 1e400; JSON.parse makes it Infinity.
      '{"query":"query($f: Int) { plans(first: $f) { nodes { id } } }","variables":{"f":1e400}}',
    ),
    post("text/plain (CSRF)", JSON.stringify({ query: ok }), {
      "content-type": "text/plain",
      cookie,
    }),
    post("form (CSRF)", "query=%7B%20viewer%20%7B%20id%20%7D%20%7D", {
      "content-type": "application/x-www-form-urlencoded",
      cookie,
    }),
    post("multipart", "--x\r\n\r\n--x--", {
      "content-type": "multipart/form-data; boundary=x",
      cookie,
    }),
    post("utf-16 charset", JSON.stringify({ query: ok }), {
      "content-type": "application/json; charset=utf-16",
      cookie,
    }),
    post("gzip garbage", "not gzip", { ...json, "content-encoding": "gzip" }),
    post("unknown encoding", "x", { ...json, "content-encoding": "br2" }),
    post("bad locale header", JSON.stringify({ query: ok }), {
      ...json,
      "x-koers-locale": "../../etc",
    }),
    post("bad cookie", JSON.stringify({ query: ok }), {
      "content-type": "application/json",
      cookie: "koers_session=%%%; x=\u00ff",
    }),
    post("accept html", JSON.stringify({ query: ok }), { ...json, accept: "text/html" }),
    post(
      "subscription over HTTP",
      JSON.stringify({ query: 'subscription { planEvents(planId: "x") { kind } }' }),
    ),
    post(
      "introspection fragment bomb",
      JSON.stringify({
        query: `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
      }),
    ),
    {
      label: "GET bad escape",
      init: { headers: { "apollo-require-preflight": "1", cookie } },
      path: "/graphql?query=%ZZ",
    },
    {
      label: "GET bad variables",
      init: { headers: { "apollo-require-preflight": "1", cookie } },
      path: `/graphql?query=${encodeURIComponent(ok)}&variables=notjson`,
    },
    {
      label: "GET mutation",
      init: { headers: { "apollo-require-preflight": "1", cookie } },
      path: `/graphql?query=${encodeURIComponent("mutation { setLocale(locale: fr) { locale } }")}`,
    },
    { label: "PUT", init: { method: "PUT", headers: json, body: JSON.stringify({ query: ok }) } },
    { label: "DELETE", init: { method: "DELETE", headers: json } },
  ];
}

describe("malformed GraphQL requests", () => {
  it(`answers ${GENERATED} generated requests and the hand list without 5xx or INTERNAL_SERVER_ERROR`, async () => {
    const schema = buildSchema();
    const pool = await idPool();
    expect(pool.ids.length).toBeGreaterThan(1);
    const requests = generateRequests(schema, pool, GENERATED, SEED);
    const fields = new Set(requests.map((r) => r.field));
    const outcomes: Outcome[] = [];

    // Four at a time: enough to overlap, not enough to queue behind the two cores.
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        const request = requests[index]!;
        const persona = PERSONAS[Math.floor(index / fields.size) % PERSONAS.length]!;
        const cookie = cookies.get(persona);
        const label = `#${index} ${persona} ${request.field} [${request.kind}]`;
        const outcome = await send(label, {
          method: "POST",
          headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
          body: JSON.stringify({ query: request.query, variables: request.variables }),
        });
        outcome.request = `${request.query} ${JSON.stringify(request.variables).slice(0, 400)}`;
        record(outcome);
        outcomes.push(outcome);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);

    for (const persona of ["anonymous", "director@koers.demo"]) {
      for (const probe of handList(cookies.get(persona) ?? "")) {
        const outcome = await send(`${persona} ${probe.label}`, probe.init, probe.path);
        record(outcome);
        outcomes.push(outcome);
      }
    }
    // The server is still up and still answers correctly.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const viewer = await server.gql(
      "{ viewer { id } }",
      {},
      { cookie: cookies.get("director@koers.demo") },
    );
    expect(viewer.errors).toBeUndefined();

    const kinds = new Map<string, number>();
    for (const r of requests)
      count(
        kinds,
        r.kind
          .replace(/^[^.]*\./, "")
          .replace(/\d+$/, "")
          .split(".")
          .pop()!,
      );
    console.log(
      [
        `abuse: seed ${SEED}, ${requests.length} generated over ${fields.size} root fields × ${PERSONAS.length} personas, ${outcomes.length - requests.length} hand-written`,
        `by HTTP status: ${JSON.stringify(Object.fromEntries([...tally.byStatus].sort()))}`,
        `by error code: ${JSON.stringify(Object.fromEntries([...tally.byCode].sort()))}`,
        `BAD_USER_INPUT without a field: ${tally.unnamedBadInput.length}`,
        `slowest: ${[...outcomes]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 5)
          .map((o) => `${o.ms.toFixed(0)} ms ${o.label}`)
          .join("; ")}`,
      ].join("\n"),
    );
    expect(problems(outcomes)).toEqual([]);
  }, 240_000);
});
