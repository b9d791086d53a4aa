import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { concatAST, parse, buildASTSchema } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { startTestServer, type GqlError, type TestServer } from "../harness";
import { must, Q, unitOf } from "../planning";
import { upgradeStatus } from "../realtimeClient";
import { readTypeDefs } from "../../server/graphql/schema";
import { documentKinds } from "../../server/modules/documents";
import { createOrganisation } from "../../server/modules/orgs";
import { createUser } from "../../server/modules/users";
import { UserModel } from "../../server/modules/users/model";
import { DOC_NAME_PATTERN } from "../../shared/domain";
import {
  PERSONAS,
  type Fixture,
  type Persona,
  type Probe,
  type Request,
  DOC_POLICY,
  ROOT_FIELD_POLICY,
} from "./authzPolicy";

/**
 * The authorization matrix: every GraphQL root field and every kind of co-written
 * document, tried as every persona, must match the one policy table in authzPolicy.ts.
 * A root field or document kind without a row fails the test, so a new path cannot
 * ship without someone deciding who may use it.
 */

let server: TestServer;
const cookies = {} as Record<Persona, string | undefined>;
let fx: Fixture;

/** Refusals: the caller learns nothing about the item. */
const DENIED_CODES = new Set(["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"]);

async function signInPersonas(): Promise<void> {
  const otherOrg = await createOrganisation("Andere Gemeente");
  await createUser({
    organisationId: String(otherOrg._id),
    email: "admin@andere.demo",
    name: "Andere Admin",
    password: "andere-admin-2026",
    isAdmin: true,
  });
  const accounts: [Persona, string][] = [
    ["admin", "admin@koers.demo"],
    ["director", "director@koers.demo"],
    ["viewer", "viewer@koers.demo"],
    ["mt", "mt@koers.demo"],
    ["head", "head@koers.demo"],
    ["manager", "manager@koers.demo"],
    ["alderman", "alderman@koers.demo"],
    ["college", "college@koers.demo"],
    ["pmo", "pmo@koers.demo"],
  ];
  for (const [persona, email] of accounts) cookies[persona] = await server.login(email);
  cookies.otherOrg = await server.login("admin@andere.demo", "andere-admin-2026");
  // A second session of the manager, ended server-side.
  const loggedOut = await server.login("manager@koers.demo");
  await fetch(`${server.url}/auth/logout`, {
    method: "POST",
    headers: { cookie: loggedOut, "content-type": "application/json" },
    body: "{}",
  });
  cookies.loggedOut = loggedOut;
  cookies.anonymous = undefined;
}

async function buildFixture(): Promise<Fixture> {
  const director = cookies.director!;
  const orgUnitId = await unitOf(server, director, "DIR");
  const title = "Matrixplan vertrouwelijk";
  const plan = await must<{ id: string }>(server, director, Q.createPlan, {
    input: { kind: "mandate_objectives", title, orgUnitId, periodStart: 2026, periodEnd: 2029 },
  });
  const planId = plan.id;
  const objective = await must<{ id: string }>(server, director, Q.createObjective, {
    input: { planId, kind: "strategic_objective", code: "SD 1", title: "Matrixdoel" },
  });
  const point = await must<{ id: string }>(server, director, Q.createPoint, {
    input: { objectiveId: objective.id, code: "1", title: "Matrixmeetpunt" },
  });
  const indicator = await must<{ id: string }>(server, director, Q.createIndicator, {
    input: {
      planId,
      measurementPointId: point.id,
      name: "Matrixindicator",
      direction: "higher_is_better",
    },
  });
  await must(server, director, Q.record, {
    input: { indicatorId: indicator.id, period: "2026-Q1", value: 3 },
  });
  const action = await must<{ id: string }>(server, director, Q.createAction, {
    input: { planId, title: "Matrixactie", dueDate: "2026-12-31" },
  });
  const cycle = await must<{ id: string }>(server, director, Q.openCycle, {
    planId,
    period: "2026-Q1",
  });
  const docName = `plan/${planId}`;
  const version = await must<{ id: string }>(
    server,
    director,
    `mutation($docName: String!, $name: String!) { saveDocumentVersion(docName: $docName, name: $name) { id } }`,
    { docName, name: "Matrixversie" },
  );
  const directorUser = await UserModel.findOne({ emailLower: "director@koers.demo" }).lean();
  const spare = await createUser({
    organisationId: String(directorUser!.organisationId),
    email: "reserve@koers.demo",
    name: "Reserve Lezer",
    password: "reserve-lezer-2026",
    memberships: [{ orgUnitId, role: "viewer" }],
  });
  const pmo = cookies.pmo!;
  const asPmo = <T>(query: string, variables: Record<string, unknown>) =>
    must<T>(server, pmo, query, variables);
  const programme = await asPmo<{ id: string }>(
    `mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }`,
    { i: { name: "OPTIris matrix", startYear: 2026, endYear: 2029 } },
  );
  const theme = await asPmo<{ id: string }>(
    `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
    { i: { programmeId: programme.id, name: "Digitalisering" } },
  );
  const project = await asPmo<{ id: string }>(
    `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
    {
      i: {
        programmeId: programme.id,
        themeId: theme.id,
        code: "MX-1",
        name: "Matrixproject",
        leadId: String(directorUser!._id),
        startDate: "2026-01-01",
        endDate: "2026-12-31",
      },
    },
  );
  const createMilestone = () =>
    asPmo<{ id: string; version: number }>(
      `mutation($i: CreateMilestoneInput!) { createMilestone(input: $i) { id version } }`,
      { i: { projectId: project.id, title: "Mijlpaal", dueDate: "2026-06-30" } },
    );
  const milestone = await createMilestone();
  const [viewerUser, mtUser] = await Promise.all(
    ["viewer@koers.demo", "mt@koers.demo"].map((email) =>
      UserModel.findOne({ emailLower: email }).lean(),
    ),
  );
  const seminar = await must<{
    id: string;
    sessions: { id: string; boards: { id: string }[] }[];
  }>(
    server,
    director,
    `mutation($i: CreateSeminarInput!) { createSeminar(input: $i) { id sessions { id boards { id } } } }`,
    {
      i: {
        title: "Matrixseminarie",
        date: "2026-12-10",
        orgUnitId,
        participantIds: [String(viewerUser!._id), String(mtUser!._id)],
        sessions: [{ title: "SWOT", kind: "swot" }],
      },
    },
  );
  const session = seminar.sessions[0]!;
  const poll = await must<{ id: string }>(
    server,
    director,
    `mutation($i: CreatePollInput!) { createPoll(input: $i) { id } }`,
    {
      i: {
        seminarId: seminar.id,
        sessionId: session.id,
        question: "Waar beginnen we?",
        kind: "text",
      },
    },
  );
  // Proposals of WE, walked along the path by the demo account of each role.
  const units = await must<{ id: string; code: string }[]>(
    server,
    cookies.head!,
    `{ proposalUnits { id code } }`,
    {},
  );
  const weUnitId = units.find((u) => u.code === "WE")!.id;
  const PATH = [
    ["head", "submit"],
    ["manager", "forward"],
    ["mt", "validate"],
  ] as const;
  const TRANSITION = `mutation($id: ID!, $v: Int!, $i: ProposalTransitionInput!) { transitionProposal(id: $id, version: $v, input: $i) { id version } }`;
  const freshProposal = async (stage: "draft" | "submitted" | "forwarded" | "validated") => {
    let proposal = await must<{ id: string; version: number }>(
      server,
      cookies.head!,
      `mutation($i: CreateProposalInput!) { createProposal(input: $i) { id version } }`,
      {
        i: {
          orgUnitId: weUnitId,
          title: "Scanstraat voor inkomende post",
          problem: "Inkomende post wordt drie keer met de hand geregistreerd.",
          proposal: "Eén scanstraat registreert en verdeelt de post digitaal.",
        },
      },
    );
    const steps = { draft: 0, submitted: 1, forwarded: 2, validated: 3 }[stage];
    for (const [persona, action] of PATH.slice(0, steps))
      proposal = await must(server, cookies[persona]!, TRANSITION, {
        id: proposal.id,
        v: proposal.version,
        i: { action },
      });
    return proposal;
  };
  const [draftProposal, submitted] = await Promise.all([
    freshProposal("draft"),
    freshProposal("submitted"),
  ]);
  const comment = await must<{ id: string }>(
    server,
    cookies.head!,
    `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`,
    { i: { target: { kind: "proposal", id: submitted.id }, body: "Cijfers van 2025 volgen." } },
  );
  const proposalPackage = await must<{ id: string }>(
    server,
    cookies.mt!,
    `mutation($i: CreateProposalPackageInput!) { createProposalPackage(input: $i) { id } }`,
    { i: { title: "College januari", meetingDate: "2027-01-14" } },
  );
  let approved = await freshProposal("validated");
  approved = await must(server, cookies.alderman!, TRANSITION, {
    id: approved.id,
    v: approved.version,
    i: { action: "advise", advice: { text: "Prioritair", priority: "high" } },
  });
  approved = await must(
    server,
    cookies.mt!,
    `mutation($id: ID!, $v: Int!, $p: ID) { setProposalPackage(id: $id, version: $v, packageId: $p) { id version } }`,
    { id: approved.id, v: approved.version, p: proposalPackage.id },
  );
  approved = await must(server, cookies.college!, TRANSITION, {
    id: approved.id,
    v: approved.version,
    i: { action: "approve" },
  });
  let counter = 0;
  const gqlAs = (query: string, variables: Record<string, unknown>) =>
    must<{ id: string; version: number }>(server, director, query, variables);
  return {
    title,
    orgUnitId,
    planId,
    objectiveId: objective.id,
    pointId: point.id,
    indicatorId: indicator.id,
    actionId: action.id,
    cycleId: cycle.id,
    docName,
    versionId: version.id,
    unique: () => `${Date.now().toString(36)}${(counter++).toString(36)}`,
    freshObjective: () =>
      gqlAs(Q.createObjective, {
        input: {
          planId,
          kind: "strategic_objective",
          code: `M${counter++}`,
          title: "Wegwerpdoel",
        },
      }),
    freshPoint: () =>
      gqlAs(Q.createPoint, {
        input: { objectiveId: objective.id, code: `W${counter++}`, title: "Wegwerpmeetpunt" },
      }),
    directorCookie: director,
    server,
    spareUserId: String(spare._id),
    directorId: String(directorUser!._id),
    programmeId: programme.id,
    themeId: theme.id,
    projectId: project.id,
    milestoneId: milestone.id,
    freshMilestone: createMilestone,
    approvedProposalId: approved.id,
    weUnitId,
    proposalId: submitted.id,
    draftProposalId: draftProposal.id,
    freshProposal,
    packageId: proposalPackage.id,
    commentId: comment.id,
    seminarId: seminar.id,
    sessionId: session.id,
    boardId: session.boards[0]!.id,
    pollId: poll.id,
  };
}

function rootFields(): { type: "Query" | "Mutation" | "Subscription"; name: string }[] {
  const schema = buildASTSchema(concatAST(readTypeDefs().map((sdl) => parse(sdl))));
  const out: { type: "Query" | "Mutation" | "Subscription"; name: string }[] = [];
  for (const type of [
    schema.getQueryType(),
    schema.getMutationType(),
    schema.getSubscriptionType(),
  ])
    for (const name of Object.keys(type?.getFields() ?? {}))
      out.push({ type: type!.name as "Query" | "Mutation" | "Subscription", name });
  return out;
}

type Outcome = "allowed" | "denied";

function classify(
  field: string,
  probe: Probe,
  result: { status: number; data?: Record<string, unknown> | null; errors?: GqlError[] },
): Outcome {
  const codes = (result.errors ?? []).map((e) => e.extensions?.code);
  if (result.status >= 500 || codes.includes("INTERNAL_SERVER_ERROR"))
    throw new Error(`${field}: server error ${JSON.stringify(result.errors)}`);
  if (codes.includes("GRAPHQL_VALIDATION_FAILED") || codes.includes("GRAPHQL_PARSE_FAILED"))
    throw new Error(`${field}: the probe is not a valid request ${JSON.stringify(result.errors)}`);
  if (codes.some((c) => c && (DENIED_CODES.has(c) || probe.deniedWith?.includes(c))))
    return "denied";
  // Refused after authorization (a stale version, a rule of the domain): it was let in.
  if (codes.length > 0) return "allowed";
  const value = result.data?.[field.split(".")[1]!];
  if (probe.sees) return probe.sees(value, fx) ? "allowed" : "denied";
  return value === null || value === undefined ? "denied" : "allowed";
}

async function runQueryOrMutation(probe: Probe, request: Request, persona: Persona) {
  return server.gql<Record<string, unknown>>(request.query, request.variables, {
    cookie: cookies[persona],
  });
}

/** Subscribes as the persona and makes the writer cause an event: delivered or refused. */
async function runSubscription(request: Request, persona: Persona): Promise<Outcome> {
  const client = createClient({
    url: `${server.url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        const cookie = cookies[persona];
        super(url, protocols, { headers: cookie ? { cookie } : {} });
      }
    },
    lazy: false,
    retryAttempts: 0,
    // A refused connection is an expected outcome here, not something to log.
    onNonLazyError: () => undefined,
  });
  try {
    const outcome = new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no event and no refusal in 15 s")), 15_000);
      client.subscribe(request, {
        next: (message) => {
          clearTimeout(timer);
          resolve(message.errors?.length ? "denied" : "allowed");
        },
        error: () => {
          clearTimeout(timer);
          resolve("denied");
        },
        complete: () => {
          clearTimeout(timer);
          resolve("denied");
        },
      });
    });
    // Give the subscription a moment to be registered, then cause an event now and then.
    const poke = setInterval(() => void request.trigger?.(), 500);
    try {
      return await outcome;
    } finally {
      clearInterval(poke);
    }
  } finally {
    await client.dispose();
  }
}

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  await signInPersonas();
  fx = await buildFixture();
}, 180_000);
afterAll(() => server?.stop());

describe("authorization matrix", () => {
  it("has a policy row for every root field of the schema and nothing else", () => {
    const fields = rootFields().map((f) => `${f.type}.${f.name}`);
    const missing = fields.filter((f) => !(f in ROOT_FIELD_POLICY));
    const stale = Object.keys(ROOT_FIELD_POLICY).filter((f) => !fields.includes(f));
    expect(missing, "root fields without an authorization policy").toEqual([]);
    expect(stale, "policy rows for fields that no longer exist").toEqual([]);
  });

  it("has a policy row for every kind of co-written document", () => {
    const kinds = Object.keys(documentKinds()).sort();
    const patternKinds = /\^\(([^)]*)\)/.exec(DOC_NAME_PATTERN.source)![1]!.split("|").sort();
    expect(Object.keys(DOC_POLICY).sort()).toEqual(kinds);
    expect(kinds).toEqual(patternKinds);
  });

  it("answers every root field for every persona as the policy says", async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const { type, name } of rootFields()) {
      const field = `${type}.${name}`;
      const probe = ROOT_FIELD_POLICY[field];
      if (!probe) continue; // reported by the first test
      for (const persona of PERSONAS) {
        const request = await probe.request(fx, persona);
        const outcome =
          type === "Subscription"
            ? await runSubscription(request, persona)
            : classify(field, probe, await runQueryOrMutation(probe, request, persona));
        const expected: Outcome = probe.allowed.includes(persona) ? "allowed" : "denied";
        checked += 1;
        if (outcome !== expected)
          mismatches.push(`${field} as ${persona}: ${outcome}, policy ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(PERSONAS.length * 30);
  }, 600_000);

  it("opens every kind of co-written document only to the personas the policy names", async () => {
    const mismatches: string[] = [];
    for (const [kind, policy] of Object.entries(DOC_POLICY)) {
      const docName = await policy.docName(fx);
      for (const persona of PERSONAS) {
        const cookie = cookies[persona];
        const status = await upgradeStatus(
          `${server.url.replace(/^http/, "ws")}/yjs/${docName}`,
          cookie ? { cookie } : {},
        );
        const outcome: Outcome = status === 101 ? "allowed" : "denied";
        const expected: Outcome = policy.read.includes(persona) ? "allowed" : "denied";
        if (outcome !== expected) mismatches.push(`${kind} as ${persona}: ${status}`);
        if (outcome === "denied" && ![401, 403, 404].includes(status))
          mismatches.push(`${kind} as ${persona}: refused with ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
