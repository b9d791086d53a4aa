import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { startTestServer, type TestServer } from "../harness";
import { must, Q, unitOf } from "../planning";
import { countRoundTrips } from "../../server/db/connection";
// The test builds proposals with a given history directly (the proposal workflow is tested
// by its own module); the portfolio only reads them.
import { ProposalModel } from "../../server/modules/proposals";

let server: TestServer;
let pmo: string;
let director: string;
let head: string;
let mt: string;
let alderman: string;
let college: string;
let viewer: string;
let ids: Record<string, string>;
let programmeId: string;
let themeId: string;
const projects: Record<string, { id: string; version: number }> = {};

type Errors = { errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
const code = (r: Errors) => r.errors?.[0]?.extensions?.code;

const F = {
  programme: `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id version } }`,
  theme: `mutation($input: CreateThemeInput!) { createTheme(input: $input) { id } }`,
  project: `mutation($input: CreateProjectInput!) { createProject(input: $input) { id version } }`,
  updateProject: `mutation($id: ID!, $version: Int!, $input: UpdateProjectInput!) { updateProject(id: $id, version: $version, input: $input) { id version planId realisedSavings } }`,
  milestone: `mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { id version status doneOnTime late } }`,
  markDone: `mutation($id: ID!, $version: Int!, $doneDate: String) { markMilestoneDone(id: $id, version: $version, doneDate: $doneDate) { id version status doneDate doneOnTime late } }`,
  rag: `mutation($id: ID!, $version: Int!, $status: RagStatus!, $reason: String) { setProjectRag(id: $id, version: $version, status: $status, reason: $reason) { id version rag { status reason setBy { name } } } }`,
  satisfaction: `mutation($input: SatisfactionInput!) { recordSatisfaction(input: $input) { period responses satisfied percent myScore } }`,
  fromProposal: `mutation($input: CreateProjectFromProposalInput!) { createProjectFromProposal(input: $input) { id code name { text } expectedSavings fte lead { name } proposals { id stage } } }`,
  kpis: `query($programmeId: ID!, $period: String!, $mandateHolderId: ID) { portfolioKpis(programmeId: $programmeId, period: $period, mandateHolderId: $mandateHolderId) { period figures { proposalsSubmitted averageSmartScore realisedSavings actions { onTime due percent } milestones { onTime due percent } onTime { onTime due percent } satisfactionResponses satisfiedResponses satisfactionPercent } quarters { period proposalsSubmitted } } }`,
  portfolio: `query($id: ID) { portfolio(programmeId: $id) { id name { text } themes { id name { text } } projects { id code rag { status } sponsor { name } milestones { id dueDate status doneOnTime } satisfaction { responses } } mandateHolders { id name } canManage canCreateProject } }`,
};

async function userIds() {
  const emails = ["pmo", "director", "head", "mt", "alderman", "college"];
  const result: Record<string, string> = {};
  for (const [i, cookie] of [pmo, director, head, mt, alderman, college].entries()) {
    const me = await server.gql<{ viewer: { id: string } }>("{ viewer { id } }", {}, { cookie });
    result[emails[i]!] = me.data!.viewer.id;
  }
  return result;
}

async function orgAndUnits() {
  const me = await server.gql<{ viewer: { organisation: { id: string } } }>(
    "{ viewer { organisation { id } } }",
    {},
    { cookie: director },
  );
  return {
    organisationId: me.data!.viewer.organisation.id,
    DIR: await unitOf(server, director, "DIR"),
  };
}

/** A proposal with a given history (stage entries at given instants). */
async function proposal(
  org: { organisationId: string },
  unit: string,
  steps: [string, string][],
  extra: Record<string, unknown> = {},
) {
  const history = steps.map(([to, at], i) => ({
    from: i === 0 ? null : steps[i - 1]![0],
    to,
    action: i === 0 ? "create" : "submit",
    at: new Date(at),
    byUserId: ids.head,
    role: null,
  }));
  const created = await ProposalModel.create({
    organisationId: org.organisationId,
    orgUnitId: unit,
    authorId: ids.head,
    title: { nl: `Voorstel ${steps.at(-1)![1]}`, states: { nl: "approved" } },
    stage: steps.at(-1)![0],
    history,
    ...extra,
  });
  return String(created._id);
}

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  const cookies = await Promise.all(
    ["pmo", "director", "head", "mt", "alderman", "college", "viewer"].map((u) =>
      server.login(`${u}@koers.demo`),
    ),
  );
  [pmo, director, head, mt, alderman, college, viewer] = cookies as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  ids = await userIds();
}, 120_000);
afterAll(() => server?.stop());

describe("portfolio management and authorization", () => {
  it("refuses anonymous readers and lets every member read the demo portfolio", async () => {
    expect(code(await server.gql(F.portfolio, {}))).toBe("UNAUTHENTICATED");
    const r = await server.gql<{ portfolio: { projects: unknown[]; canManage: boolean } }>(
      F.portfolio,
      {},
      { cookie: viewer },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.portfolio.projects.length).toBe(5);
    expect(r.data!.portfolio.canManage).toBe(false);
  });

  it("lets only the pmo create programmes and themes", async () => {
    expect(code(await server.gql(F.programme, { input: { name: "X" } }, { cookie: head }))).toBe(
      "FORBIDDEN",
    );
    expect(code(await server.gql(F.programme, { input: { name: "X" } }, { cookie: viewer }))).toBe(
      "FORBIDDEN",
    );
    const bad = await server.gql(
      F.programme,
      { input: { name: "X", startYear: 2025, endYear: 2020 } },
      { cookie: pmo, locale: "fr" },
    );
    expect(code(bad)).toBe("BAD_USER_INPUT");
    expect(bad.errors![0]!.message).toBe("La dernière année ne peut pas précéder la première.");
    programmeId = (
      await must<{ id: string }>(server, pmo, F.programme, {
        input: { name: "OPTIris fixture", startYear: 2023, endYear: 2025 },
      })
    ).id;
    expect(
      code(await server.gql(F.theme, { input: { programmeId, name: "T" } }, { cookie: director })),
    ).toBe("FORBIDDEN");
    themeId = (
      await must<{ id: string }>(server, pmo, F.theme, { input: { programmeId, name: "Digitaal" } })
    ).id;
  });

  it("creates projects (pmo, mandate holder) and refuses others", async () => {
    const base = { programmeId, themeId, startDate: "2023-01-01", endDate: "2023-12-31" };
    expect(
      code(
        await server.gql(F.project, { input: { ...base, code: "X", name: "X" } }, { cookie: head }),
      ),
    ).toBe("FORBIDDEN");
    const late = await server.gql(
      F.project,
      { input: { ...base, code: "X", name: "X", endDate: "2022-01-01" } },
      { cookie: pmo, locale: "nl" },
    );
    expect(late.errors![0]!.message).toBe("De einddatum kan niet vóór de startdatum liggen.");
    projects.A = await must(server, director, F.project, {
      input: { ...base, code: "A", name: "Project A", sponsorId: ids.director, leadId: ids.head },
    });
    projects.B = await must(server, pmo, F.project, {
      input: { ...base, code: "B", name: "Project B", sponsorId: ids.director, leadId: ids.head },
    });
    projects.C = await must(server, pmo, F.project, {
      input: { ...base, code: "C", name: "Project C", sponsorId: ids.mt, leadId: ids.pmo },
    });
  });

  it("lets the lead edit their project and milestones, not another project", async () => {
    const m = await must<{ id: string; version: number }>(server, head, F.milestone, {
      input: { projectId: projects.A!.id, title: "Analyse", dueDate: "2023-04-10" },
    });
    const done = await must<{ doneOnTime: boolean; late: boolean; version: number }>(
      server,
      head,
      F.markDone,
      { id: m.id, version: m.version, doneDate: "2023-04-08" },
    );
    expect(done).toMatchObject({ doneOnTime: true, late: false });
    // The version moved on: a second write with the old version conflicts.
    expect(
      code(await server.gql(F.markDone, { id: m.id, version: m.version }, { cookie: head })),
    ).toBe("CONFLICT");
    expect(
      code(
        await server.gql(
          F.milestone,
          { input: { projectId: projects.C!.id, title: "X", dueDate: "2023-04-10" } },
          { cookie: head },
        ),
      ),
    ).toBe("FORBIDDEN");
    expect(
      code(
        await server.gql(
          F.milestone,
          { input: { projectId: projects.A!.id, title: "X", dueDate: "2023-04-10" } },
          { cookie: viewer },
        ),
      ),
    ).toBe("FORBIDDEN");
  });

  it("requires a reason for amber and red", async () => {
    const p = projects.B!;
    const r = await server.gql(
      F.rag,
      { id: p.id, version: p.version, status: "red" },
      { cookie: pmo, locale: "fr" },
    );
    expect(code(r)).toBe("BAD_USER_INPUT");
    expect(r.errors![0]!.message).toBe("Indiquez la raison du statut orange ou rouge.");
    expect(
      code(
        await server.gql(
          F.rag,
          { id: p.id, version: p.version, status: "red", reason: "x" },
          { cookie: viewer },
        ),
      ),
    ).toBe("FORBIDDEN");
    const ok = await must<{ version: number; rag: { status: string; reason: string } }>(
      server,
      pmo,
      F.rag,
      { id: p.id, version: p.version, status: "amber", reason: "Vertraging aanbesteding" },
    );
    expect(ok.rag).toMatchObject({ status: "amber", reason: "Vertraging aanbesteding" });
    projects.B!.version = ok.version;
  });

  it("lets only the government's representatives answer the survey, once per quarter", async () => {
    const input = { projectId: projects.B!.id, period: "2023-Q2", score: 2 };
    expect(code(await server.gql(F.satisfaction, { input }, { cookie: pmo }))).toBe("FORBIDDEN");
    expect(code(await server.gql(F.satisfaction, { input }, { cookie: head }))).toBe("FORBIDDEN");
    const bad = await server.gql(
      F.satisfaction,
      { input: { ...input, score: 6 } },
      { cookie: alderman, locale: "fr" },
    );
    expect(bad.errors![0]!.message).toBe("Donnez un score de 1 à 5.");
    await must(server, alderman, F.satisfaction, { input: { ...input, score: 5 } });
    // Answering again replaces the answer: still one response, now with score 2.
    const again = await must<{ responses: number; myScore: number }>(
      server,
      alderman,
      F.satisfaction,
      { input },
    );
    expect(again).toMatchObject({ responses: 1, myScore: 2 });
  });
});

describe("KPIs of a fixture portfolio, computed by hand", () => {
  beforeAll(async () => {
    const org = await orgAndUnits();
    const WE = String(
      (
        await server.gql<{ viewer: { memberships: { orgUnit: { id: string; code: string } }[] } }>(
          "{ viewer { memberships { orgUnit { id code } } } }",
          {},
          { cookie: head },
        )
      ).data!.viewer.memberships.find((m) => m.orgUnit.code === "WE")!.orgUnit.id,
    );

    // Milestones (A has m1 from the test above: due 04-10, done 04-08, on time).
    const ms: [string, string, string | null, string?][] = [
      ["A", "2023-05-15", "2023-05-20"], // m2 late
      ["A", "2023-06-30", null], // m3 not done
      ["A", "2023-08-01", null, "cancelled"], // m4 excluded
      ["B", "2023-05-01", "2023-05-01"], // m5 on time (same day)
      ["B", "2023-10-01", "2023-09-01"], // m6 on time (Q4)
      ["C", "2023-06-01", "2023-06-02"], // m7 late
      ["C", "2023-02-01", "2023-01-15"], // m8 on time (Q1)
    ];
    for (const [p, due, done, status] of ms)
      await must(server, pmo, F.milestone, {
        input: {
          projectId: projects[p]!.id,
          title: `M ${due}`,
          dueDate: due,
          ...(done ? { status: "done", doneDate: done } : status ? { status } : {}),
        },
      });

    // Actions of plan X, carried out by A (whole plan) and C (same plan: counted once).
    const plan = await must<{ id: string }>(server, director, Q.createPlan, {
      input: {
        kind: "operational_plan",
        title: "POP 2023",
        orgUnitId: org.DIR,
        periodStart: 2023,
        periodEnd: 2023,
      },
    });
    const actions: [string, string, string | null][] = [
      ["2023-04-20", "done", "2023-04-19"], // a1 on time
      ["2023-05-31", "done", "2023-06-05"], // a2 late
      ["2023-06-15", "in_progress", null], // a3 not done
      ["2023-06-20", "cancelled", null], // a4 excluded
      ["2023-12-01", "done", "2023-11-30"], // a5 on time (Q4)
    ];
    for (const [due, status, done] of actions) {
      const a = await must<{ id: string; version: number }>(server, director, Q.createAction, {
        input: { planId: plan.id, title: `A ${due}`, dueDate: due },
      });
      await must(server, director, Q.updateAction, {
        id: a.id,
        version: a.version,
        input: { status, ...(done ? { doneDate: done } : {}) },
      });
    }
    const savings: Record<string, [number, string]> = {
      A: [50_000, "2023-05-10"],
      B: [30_000, "2023-11-02"],
      C: [20_000, "2023-06-30"],
    };
    for (const key of ["A", "B", "C"]) {
      const [realisedSavings, realisedOn] = savings[key]!;
      const updated = await must<{ version: number }>(server, pmo, F.updateProject, {
        id: projects[key]!.id,
        version: projects[key]!.version,
        input: { realisedSavings, realisedOn, ...(key === "B" ? {} : { planId: plan.id }) },
      });
      projects[key]!.version = updated.version;
    }

    // Satisfaction (B 2023-Q2 alderman 2 exists from the test above).
    const answers: [string, string, string, number][] = [
      ["A", "2023-Q2", alderman, 4],
      ["A", "2023-Q2", college, 5],
      ["C", "2023-Q2", college, 3],
      ["C", "2023-Q2", alderman, 4],
      ["A", "2023-Q3", alderman, 5],
    ];
    for (const [p, period, cookie, score] of answers)
      await must(server, cookie, F.satisfaction, {
        input: { projectId: projects[p]!.id, period, score },
      });

    // Proposals. p1 carried out by A (projectId), p3 by C (listed in C's proposalIds).
    const base: [string, string][] = [
      ["draft", "2023-01-10T09:00:00Z"],
      ["submitted", "2023-01-15T09:00:00Z"],
      ["forwarded", "2023-02-01T09:00:00Z"],
      ["validated", "2023-03-01T09:00:00Z"],
    ];
    await proposal(
      org,
      WE,
      [
        ...base,
        ["advised", "2023-04-05T09:00:00Z"],
        ["approved", "2023-04-20T09:00:00Z"],
        ["in_implementation", "2023-05-01T09:00:00Z"],
        ["realised", "2023-06-01T09:00:00Z"],
      ],
      { smart: { score: 80 }, projectId: projects.A!.id, realisedSavings: 999_999 },
    );
    // p2: advised at 23:30 UTC on 31 March = 1 April in Brussels, so in Q2.
    await proposal(
      org,
      org.DIR,
      [
        ...base,
        ["advised", "2023-03-31T22:30:00Z"],
        ["approved", "2023-04-10T09:00:00Z"],
        ["in_implementation", "2023-04-11T09:00:00Z"],
        ["realised", "2023-05-05T09:00:00Z"],
      ],
      { smart: { score: 60 }, realisedSavings: 7_000 },
    );
    const p3 = await proposal(
      org,
      WE,
      [
        ...base,
        ["advised", "2023-06-10T09:00:00Z"],
        ["approved", "2023-06-12T09:00:00Z"],
        ["in_implementation", "2023-06-13T09:00:00Z"],
        ["realised", "2023-06-15T09:00:00Z"],
      ],
      { smart: { score: 40 }, realisedSavings: 5_000 },
    );
    await mongoose.connection
      .collection("portfolioprojects")
      .updateOne(
        { _id: new mongoose.Types.ObjectId(projects.C!.id) },
        { $set: { proposalIds: [new mongoose.Types.ObjectId(p3)] } },
      );
    await proposal(org, WE, [...base, ["advised", "2023-08-01T09:00:00Z"]], {
      smart: { score: 100 },
    }); // p4: Q3
    await proposal(org, WE, base, { smart: { score: 20 } }); // p5: never reached the college
    await proposal(
      org,
      org.DIR,
      [
        ["draft", "2023-01-05T09:00:00Z"],
        ["approved", "2023-02-10T09:00:00Z"],
      ],
      { smart: { score: 50 } },
    ); // p6: straight to a decision, Q1
  }, 120_000);

  const kpis = async (period: string, mandateHolderId?: string) =>
    (
      await must<{
        figures: Record<string, unknown>;
        quarters: { period: string; proposalsSubmitted: number }[];
      }>(server, viewer, F.kpis, { programmeId, period, mandateHolderId })
    ).figures;

  it("matches the hand-computed figures for 2023-Q2, whole portfolio", async () => {
    expect(await kpis("2023-Q2")).toEqual({
      // p1 (04-05), p2 (01/04 Brussels), p3 (06-10); p4 is Q3, p5 never, p6 Q1.
      proposalsSubmitted: 3,
      averageSmartScore: 60, // (80 + 60 + 40) / 3
      // A 50 000 (05-10) + C 20 000 (06-30) + p2 7 000 (no project). p1, p3: their projects count.
      realisedSavings: 77_000,
      // a1 on time; a2 late; a3 not done; a4 cancelled. Shared plan of A and C counted once.
      actions: { onTime: 1, due: 3, percent: 33.3 }, // 1/3
      // m1 ✓, m2 ✗, m3 ✗, m5 ✓, m7 ✗ (m4 cancelled)
      milestones: { onTime: 2, due: 5, percent: 40 }, // 2/5
      onTime: { onTime: 3, due: 8, percent: 37.5 }, // (1 + 2) / (3 + 5)
      // A: 4, 5; B: 2; C: 3, 4 → scores ≥ 4: 3 of 5
      satisfactionResponses: 5,
      satisfiedResponses: 3,
      satisfactionPercent: 60,
    });
  });

  it("matches the hand-computed figures for 2023-Q2, per mandate holder", async () => {
    // Director sponsors A and B, and holds mandate_holder in DIR (p2's unit).
    expect(await kpis("2023-Q2", ids.director)).toEqual({
      proposalsSubmitted: 2, // p1 (via A), p2 (via unit DIR)
      averageSmartScore: 70, // (80 + 60) / 2
      realisedSavings: 57_000, // A 50 000 + p2 7 000
      actions: { onTime: 1, due: 3, percent: 33.3 }, // plan X via A
      milestones: { onTime: 2, due: 4, percent: 50 }, // m1 ✓ m2 ✗ m3 ✗ m5 ✓
      onTime: { onTime: 3, due: 7, percent: 42.9 }, // 3/7 = 42.857…
      satisfactionResponses: 3, // A: 4, 5; B: 2
      satisfiedResponses: 2,
      satisfactionPercent: 66.7, // 2/3
    });
    // Mona sponsors C only and holds no mandate_holder role.
    expect(await kpis("2023-Q2", ids.mt)).toEqual({
      proposalsSubmitted: 1, // p3 (via C's proposalIds)
      averageSmartScore: 40,
      realisedSavings: 20_000, // C
      actions: { onTime: 1, due: 3, percent: 33.3 }, // plan X via C
      milestones: { onTime: 0, due: 1, percent: 0 }, // m7 late
      onTime: { onTime: 1, due: 4, percent: 25 },
      satisfactionResponses: 2, // C: 3, 4
      satisfiedResponses: 1,
      satisfactionPercent: 50,
    });
  });

  it("matches the hand-computed figures for the year 2023", async () => {
    expect(await kpis("2023")).toEqual({
      proposalsSubmitted: 5, // p1, p2, p3, p4, p6
      averageSmartScore: 66, // (80 + 60 + 40 + 100 + 50) / 5
      realisedSavings: 107_000, // 50 000 + 30 000 + 20 000 + 7 000
      actions: { onTime: 2, due: 4, percent: 50 }, // a1 ✓ a2 ✗ a3 ✗ a5 ✓
      milestones: { onTime: 4, due: 7, percent: 57.1 }, // m1 ✓ m2 ✗ m3 ✗ m5 ✓ m6 ✓ m7 ✗ m8 ✓
      onTime: { onTime: 6, due: 11, percent: 54.5 }, // 6/11 = 54.54…
      satisfactionResponses: 6, // 4, 5, 2, 3, 4, 5
      satisfiedResponses: 4,
      satisfactionPercent: 66.7, // 4/6
    });
    const series = await must<{ quarters: { period: string; proposalsSubmitted: number }[] }>(
      server,
      viewer,
      F.kpis,
      { programmeId, period: "2023" },
    );
    expect(series.quarters.map((q) => q.proposalsSubmitted)).toEqual([1, 3, 1, 0]);
  });

  it("refuses a month or a malformed period", async () => {
    const r = await server.gql(
      F.kpis,
      { programmeId, period: "2023-05" },
      { cookie: viewer, locale: "nl" },
    );
    expect(r.errors![0]!.message).toBe("Geef een kwartaal (2025-Q1) of een jaar (2025).");
  });

  it("reads the KPIs and the portfolio with a constant number of queries", async () => {
    const demo = await server.gql<{ portfolio: { id: string } }>(
      `{ portfolio { id } }`,
      {},
      { cookie: viewer },
    );
    const count = async (query: string, variables: Record<string, unknown>) => {
      const before = countRoundTrips();
      const r = await server.gql(query, variables, { cookie: viewer });
      expect(r.errors).toBeUndefined();
      return countRoundTrips() - before;
    };
    // The demo programme has 5 projects, the fixture 3: same number of round trips.
    const demoId = demo.data!.portfolio.id;
    expect(await count(F.kpis, { programmeId: demoId, period: "2023" })).toBe(
      await count(F.kpis, { programmeId, period: "2023" }),
    );
    expect(await count(F.portfolio, { id: demoId })).toBe(
      await count(F.portfolio, { id: programmeId }),
    );
  });
});

describe("a project from a proposal", () => {
  it("pre-fills the project from an approved proposal and links both", async () => {
    const org = await orgAndUnits();
    const draftId = await proposal(org, org.DIR, [["draft", "2023-01-05T09:00:00Z"]]);
    const r = await server.gql(
      F.fromProposal,
      { input: { programmeId, themeId, proposalId: draftId } },
      { cookie: pmo, locale: "nl" },
    );
    expect(code(r)).toBe("BAD_USER_INPUT");
    const approvedId = await proposal(
      org,
      org.DIR,
      [
        ["draft", "2023-01-05T09:00:00Z"],
        ["approved", "2023-02-10T09:00:00Z"],
      ],
      { expectedImpact: { savingsPerYear: 42_000, fte: 1.5 } },
    );
    expect(
      code(
        await server.gql(
          F.fromProposal,
          { input: { programmeId, themeId, proposalId: approvedId } },
          { cookie: head },
        ),
      ),
    ).toBe("FORBIDDEN");
    const project = await must<{
      code: string;
      name: { text: string };
      expectedSavings: number;
      fte: number;
      lead: { name: string };
      proposals: { id: string }[];
    }>(server, pmo, F.fromProposal, { input: { programmeId, themeId, proposalId: approvedId } });
    expect(project).toMatchObject({
      code: "OPT-04",
      name: { text: "Voorstel 2023-02-10T09:00:00Z" },
      expectedSavings: 42_000,
      fte: 1.5,
      lead: { name: "Hilde Diensthoofd" },
      proposals: [{ id: approvedId }],
    });
    const stored = await ProposalModel.findById(approvedId).lean();
    expect(String(stored!.projectId)).toBe((project as unknown as { id: string }).id);
    const twice = await server.gql(
      F.fromProposal,
      { input: { programmeId, themeId, proposalId: approvedId } },
      { cookie: pmo, locale: "nl" },
    );
    expect(twice.errors![0]!.message).toBe("Dit voorstel wordt al door een project uitgevoerd.");
  });
});
