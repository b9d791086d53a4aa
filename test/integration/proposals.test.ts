import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { createOrgUnit } from "../../server/modules/orgs";
import { createUser } from "../../server/modules/users";
import { translate } from "../../shared/i18n";
import {
  PROPOSAL_TRANSITIONS,
  type ProposalAction,
  type ProposalStage,
} from "../../shared/proposals";
import type { Locale, Role } from "../../shared/domain";

/** A demo account with the role it acts in and the language it reads. */
interface Account {
  email: string;
  role: Role | "outsider_manager" | "viewer";
  locale: Locale;
  cookie: string;
}

let server: TestServer;
const accounts: Record<string, Account> = {};
let weUnitId: string;

const PROPOSAL_FIELDS = `id stage level version viewerActions viewerCanReadDebate viewerCanEdit
  smart { score } expectedImpact { savingsPerYear } realisedSavings projectId
  decision { outcome text } advice { text priority }
  history { from to action role reason actor { name } }`;
const CREATE = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { ${PROPOSAL_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: ProposalInput!) { updateProposal(id: $id, version: $version, input: $input) { ${PROPOSAL_FIELDS} } }`;
const MOVE = `mutation($id: ID!, $version: Int!, $input: ProposalTransitionInput!) { transitionProposal(id: $id, version: $version, input: $input) { ${PROPOSAL_FIELDS} } }`;
const GET = `query($id: ID!) { proposal(id: $id) { ${PROPOSAL_FIELDS} debatePublished } }`;
const COMMENTS = `query($id: ID!) { comments(target: { kind: proposal, id: $id }) { id body } }`;
const ADD_COMMENT = `mutation($id: ID!, $body: String!) { addComment(input: { target: { kind: proposal, id: $id }, body: $body }) { id } }`;

interface ProposalResult {
  id: string;
  stage: ProposalStage;
  version: number;
  viewerActions: ProposalAction[];
  viewerCanReadDebate: boolean;
  advice: { text: string } | null;
  history: {
    from: string | null;
    to: string;
    action: string;
    role: string | null;
    reason: string | null;
    actor: { name: string } | null;
  }[];
  [key: string]: unknown;
}

async function as<T = Record<string, unknown>>(
  who: string,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const account = accounts[who]!;
  return server.gql<T>(query, variables, { cookie: account.cookie, locale: account.locale });
}

async function move(
  who: string,
  p: { id: string; version: number },
  input: Record<string, unknown>,
) {
  const result = await as<{ transitionProposal: ProposalResult }>(who, MOVE, {
    id: p.id,
    version: p.version,
    input,
  });
  expect(result.errors, `${who} ${String(input.action)}`).toBeUndefined();
  return result.data!.transitionProposal;
}

const fullInput = () => ({
  orgUnitId: weUnitId,
  title: "Eén loket voor werkgeverspremies",
  problem: "Werkgevers dienen dezelfde gegevens in bij drie diensten.",
  proposal: "Eén digitaal loket met hergebruik van gegevens uit de Kruispuntbank.",
  justification: [{ text: "4.200 aanvragen per jaar", source: "Jaarverslag 2025" }],
  expectedImpact: { savingsPerYear: 120000, quality: "Kortere doorlooptijd", fte: 1.5 },
  smart: {
    specific: { met: true, justification: "Eén proces" },
    measurable: { met: true, justification: "Doorlooptijd per aanvraag" },
    achievable: { met: true, justification: "Bestaand platform" },
    relevant: { met: false, justification: null },
    timeBound: { met: true, justification: "" },
  },
  attachments: [{ label: "Analyse", url: "https://intranet.example.org/analyse.pdf" }],
});

/**
 * Every account tries the path actions it may not take now on the proposal as it stands: those the table in
 * shared/proposals.ts does not allow to its role in this stage are refused with FORBIDDEN
 * and the action's own message in the account's language; nothing changes.
 */
async function expectOnlyAllowedActions(p: ProposalResult) {
  for (const [who, account] of Object.entries(accounts)) {
    const role = account.role as Role;
    // The transitions leaving this stage that belong to other roles, and the account's own
    // actions that do not leave this stage.
    const refused = PROPOSAL_TRANSITIONS.filter((t) =>
      t.from.includes(p.stage) ? !t.roles.includes(role) : t.roles.includes(role),
    ).map((t) => t.action);
    const results = await Promise.all(
      refused.map((action) =>
        as(who, MOVE, { id: p.id, version: p.version, input: { action, reason: "test" } }),
      ),
    );
    results.forEach((result, i) => {
      const action = refused[i]!;
      // Drafts are invisible to everybody but their author: NOT_FOUND, not a hint it exists.
      const expected = p.stage === "draft" && who !== "head" ? "NOT_FOUND" : "FORBIDDEN";
      expect(result.errors?.[0]?.extensions?.code, `${who} ${action} at ${p.stage}`).toBe(expected);
      if (expected === "FORBIDDEN")
        expect(result.errors![0]!.message).toBe(
          translate(account.locale, `proposals.errors.forbidden.${action}`),
        );
    });
  }
  const after = await as<{ proposal: ProposalResult }>("head", GET, { id: p.id });
  expect(after.data!.proposal.stage).toBe(p.stage);
  expect(after.data!.proposal.version).toBe(p.version);
}

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  const demo: [string, string, Account["role"], Locale][] = [
    ["head", "head@koers.demo", "department_head", "nl"],
    ["manager", "manager@koers.demo", "manager", "nl"],
    ["mt", "mt@koers.demo", "management_team", "en"],
    ["alderman", "alderman@koers.demo", "alderman", "fr"],
    ["college", "college@koers.demo", "college", "nl"],
    ["pmo", "pmo@koers.demo", "pmo", "en"],
    ["viewer", "viewer@koers.demo", "viewer", "fr"],
  ];
  for (const [key, email, role, locale] of demo)
    accounts[key] = { email, role, locale, cookie: await server.login(email) };
  const me = await as<{
    viewer: { organisation: { id: string } };
    proposalUnits: { id: string; code: string }[];
  }>("head", "{ viewer { organisation { id } } proposalUnits { id code } }");
  weUnitId = me.data!.proposalUnits.find((u) => u.code === "WE")!.id;
  // A second unit with its own manager: a manager, but not of this proposal's unit.
  const organisationId = me.data!.viewer.organisation.id;
  const unit = await createOrgUnit({ organisationId, code: "SOC", name: "Dienst Sociale Zaken" });
  await createUser({
    organisationId,
    email: "manager-soc@koers.test",
    name: "Olga Andere Manager",
    password: "another-manager-2026",
    memberships: [{ orgUnitId: String(unit._id), role: "manager" }],
  });
  accounts.otherManager = {
    email: "manager-soc@koers.test",
    role: "outsider_manager",
    locale: "nl",
    cookie: await server.login("manager-soc@koers.test", "another-manager-2026"),
  };
});
afterAll(() => server?.stop());

describe("optimisation proposals", () => {
  it("refuses anonymous requests and proposals by people who are not department head of the unit", async () => {
    const anonymous = await server.gql("{ proposals { id } }");
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const byManager = await as("manager", CREATE, { input: fullInput() });
    expect(byManager.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it(
    "walks one proposal from draft to realised with each role, refusing every other transition",
    { timeout: 240_000 },
    async () => {
      const created = await as<{ createProposal: ProposalResult }>("head", CREATE, {
        input: fullInput(),
      });
      expect(created.errors).toBeUndefined();
      let p = created.data!.createProposal;
      // Two criteria are not counted: one is not met, one is met without a justification.
      expect(p).toMatchObject({ stage: "draft", level: "unit", smart: { score: 60 } });
      expect(p.viewerActions).toEqual(["submit"]);
      await expectOnlyAllowedActions(p);

      p = await move("head", p, { action: "submit" });
      expect(p.stage).toBe("submitted");
      await expectOnlyAllowedActions(p);

      const withoutReason = await as("manager", MOVE, {
        id: p.id,
        version: p.version,
        input: { action: "requestAdjustments" },
      });
      expect(withoutReason.errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "input.reason",
      });
      p = await move("manager", p, {
        action: "requestAdjustments",
        reason: "Onderbouw de besparing.",
      });
      expect(p.stage).toBe("adjustments_requested");
      await expectOnlyAllowedActions(p);

      const revised = await as<{ updateProposal: ProposalResult }>("head", UPDATE, {
        id: p.id,
        version: p.version,
        input: { expectedImpact: { savingsPerYear: 95000, fte: 1.2 } },
      });
      expect(revised.errors).toBeUndefined();
      p = revised.data!.updateProposal;
      expect(p.expectedImpact).toEqual({ savingsPerYear: 95000 });
      p = await move("head", p, { action: "resubmit" });
      p = await move("manager", p, { action: "forward" });
      expect(p.stage).toBe("forwarded");
      await expectOnlyAllowedActions(p);

      p = await move("mt", p, {
        action: "sendBack",
        reason: "Impact op andere diensten ontbreekt.",
      });
      expect(p.stage).toBe("submitted");
      p = await move("manager", p, { action: "forward" });
      p = await move("mt", p, { action: "validate" });
      expect(p.stage).toBe("validated");
      await expectOnlyAllowedActions(p);

      const noAdvice = await as("alderman", MOVE, {
        id: p.id,
        version: p.version,
        input: { action: "advise" },
      });
      expect(noAdvice.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      p = await move("alderman", p, {
        action: "advise",
        advice: { text: "Gunstig advies, prioriteit voor de legislatuur.", priority: "high" },
      });
      expect(p.stage).toBe("advised");
      expect(p.advice).toMatchObject({ priority: "high" });
      await expectOnlyAllowedActions(p);

      // The college decides only proposals the management team put in a package.
      const unpackaged = await as("college", MOVE, {
        id: p.id,
        version: p.version,
        input: { action: "approve" },
      });
      expect(unpackaged.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const pkg = await as<{ createProposalPackage: { id: string } }>(
        "mt",
        `mutation { createProposalPackage(input: { title: "College 15/12", meetingDate: "2026-12-15" }) { id } }`,
      );
      expect(pkg.errors).toBeUndefined();
      const headPackage = await as(
        "head",
        `mutation($id: ID!, $v: Int!, $pk: ID) { setProposalPackage(id: $id, version: $v, packageId: $pk) { id } }`,
        {
          id: p.id,
          v: p.version,
          pk: pkg.data!.createProposalPackage.id,
        },
      );
      expect(headPackage.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const packaged = await as<{ setProposalPackage: ProposalResult }>(
        "mt",
        `mutation($id: ID!, $v: Int!, $pk: ID) { setProposalPackage(id: $id, version: $v, packageId: $pk) { ${PROPOSAL_FIELDS} } }`,
        { id: p.id, v: p.version, pk: pkg.data!.createProposalPackage.id },
      );
      expect(packaged.errors).toBeUndefined();
      p = packaged.data!.setProposalPackage;

      p = await move("college", p, {
        action: "defer",
        reason: "Wacht op de begrotingsaanpassing.",
      });
      expect(p.stage).toBe("deferred");
      await expectOnlyAllowedActions(p);
      p = await move("college", p, { action: "approve" });
      expect(p).toMatchObject({ stage: "approved", decision: { outcome: "approved" } });
      await expectOnlyAllowedActions(p);

      const noProject = await as("pmo", MOVE, {
        id: p.id,
        version: p.version,
        input: { action: "startImplementation", projectId: "0123456789abcdef01234567" },
      });
      expect(noProject.errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "input.projectId",
      });
      const portfolio = await as<{ portfolio: { id: string; themes: { id: string }[] } }>(
        "pmo",
        "{ portfolio { id themes { id } } }",
      );
      expect(portfolio.errors).toBeUndefined();
      const project = await as<{ createProjectFromProposal: { id: string } }>(
        "pmo",
        `mutation($input: CreateProjectFromProposalInput!) { createProjectFromProposal(input: $input) { id } }`,
        {
          input: {
            programmeId: portfolio.data!.portfolio.id,
            themeId: portfolio.data!.portfolio.themes[0]!.id,
            proposalId: p.id,
            code: "OPT-T1",
          },
        },
      );
      expect(project.errors).toBeUndefined();
      const linked = await as<{ proposal: ProposalResult }>("pmo", GET, { id: p.id });
      p = linked.data!.proposal;
      p = await move("pmo", p, { action: "startImplementation" });
      expect(p).toMatchObject({
        stage: "in_implementation",
        projectId: project.data!.createProjectFromProposal.id,
      });
      await expectOnlyAllowedActions(p);

      const noSavings = await as("head", MOVE, {
        id: p.id,
        version: p.version,
        input: { action: "realise" },
      });
      expect(noSavings.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      p = await move("head", p, { action: "realise", realisedSavings: 87500 });
      expect(p).toMatchObject({ stage: "realised", realisedSavings: 87500 });
      await expectOnlyAllowedActions(p);

      // Every transition is in the history, in order; the bodies act as one voice.
      expect(p.history.map((h) => h.to)).toEqual([
        "draft",
        "submitted",
        "adjustments_requested",
        "submitted",
        "forwarded",
        "submitted",
        "forwarded",
        "validated",
        "advised",
        "deferred",
        "approved",
        "in_implementation",
        "realised",
      ]);
      const decision = p.history.find((h) => h.action === "approve")!;
      expect(decision).toMatchObject({ role: "college", actor: null });
      expect(p.history.find((h) => h.action === "forward")!.actor).toEqual({
        name: "Marc Manager",
      });
      expect(p.history.find((h) => h.action === "requestAdjustments")!.reason).toBe(
        "Onderbouw de besparing.",
      );
    },
  );

  it("refuses a transition decided on a stale version, and lets only one of two racing ones through", async () => {
    const created = await as<{ createProposal: ProposalResult }>("head", CREATE, {
      input: fullInput(),
    });
    const p = await move("head", created.data!.createProposal, { action: "submit" });
    const [a, b] = await Promise.all([
      as("manager", MOVE, { id: p.id, version: p.version, input: { action: "forward" } }),
      as("manager", MOVE, {
        id: p.id,
        version: p.version,
        input: { action: "requestAdjustments", reason: "x" },
      }),
    ]);
    const codes = [a, b].map((r) => r.errors?.[0]?.extensions?.code ?? "OK").sort();
    expect(codes).toEqual(["CONFLICT", "OK"]);
    const after = await as<{ proposal: ProposalResult }>("head", GET, { id: p.id });
    expect(after.data!.proposal.history).toHaveLength(3);
    expect(after.data!.proposal.history.at(-1)!.to).toBe(after.data!.proposal.stage);
  });

  it("keeps the debate from a manager of another unit until the management team publishes it", async () => {
    const created = await as<{ createProposal: ProposalResult }>("head", CREATE, {
      input: fullInput(),
    });
    let p = await move("head", created.data!.createProposal, { action: "submit" });
    p = await move("manager", p, {
      action: "requestAdjustments",
      reason: "Vertrouwelijke opmerking over de dienst.",
    });
    p = await move("head", p, { action: "resubmit" });
    const comment = await as("manager", ADD_COMMENT, {
      id: p.id,
      body: "Intern: de besparing lijkt te hoog.",
    });
    expect(comment.errors).toBeUndefined();
    p = await move("manager", p, { action: "forward" });

    // The proposal itself is readable; its debate (comments, reasons) is not.
    const before = await as<{ proposal: ProposalResult }>("otherManager", GET, { id: p.id });
    expect(before.errors).toBeUndefined();
    expect(before.data!.proposal.viewerCanReadDebate).toBe(false);
    expect(before.data!.proposal.history.every((h) => h.reason === null)).toBe(true);
    const hidden = await as("otherManager", COMMENTS, { id: p.id });
    expect(hidden.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    // The management team, which handles it now, reads it.
    const mtReads = await as<{ comments: { body: string }[] }>("mt", COMMENTS, { id: p.id });
    expect(mtReads.data!.comments.map((c) => c.body)).toEqual([
      "Intern: de besparing lijkt te hoog.",
    ]);

    const byManager = await as(
      "manager",
      `mutation($id: ID!, $v: Int!) { publishProposalDebate(id: $id, version: $v) { id } }`,
      { id: p.id, v: p.version },
    );
    expect(byManager.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(byManager.errors?.[0]?.message).toBe(
      translate("nl", "proposals.errors.forbidden.publishDebate"),
    );
    const published = await as<{ publishProposalDebate: { debatePublished: boolean } }>(
      "mt",
      `mutation($id: ID!, $v: Int!) { publishProposalDebate(id: $id, version: $v) { debatePublished } }`,
      { id: p.id, v: p.version },
    );
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishProposalDebate.debatePublished).toBe(true);

    const after = await as<{ proposal: ProposalResult }>("otherManager", GET, { id: p.id });
    expect(after.data!.proposal.viewerCanReadDebate).toBe(true);
    expect(
      after.data!.proposal.history.find((h) => h.action === "requestAdjustments")!.reason,
    ).toBe("Vertrouwelijke opmerking over de dienst.");
    const visible = await as<{ comments: { body: string }[] }>("otherManager", COMMENTS, {
      id: p.id,
    });
    expect(visible.data!.comments.map((c) => c.body)).toEqual([
      "Intern: de besparing lijkt te hoog.",
    ]);
    // Reading a published debate does not make one a participant.
    const speaks = await as("otherManager", ADD_COMMENT, { id: p.id, body: "Ook een mening" });
    expect(speaks.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("shows drafts to their author only", async () => {
    const created = await as<{ createProposal: ProposalResult }>("head", CREATE, {
      input: fullInput(),
    });
    const id = created.data!.createProposal.id;
    const byManager = await as("manager", GET, { id });
    expect(byManager.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const list = await as<{ proposals: { id: string }[] }>("manager", "{ proposals { id } }");
    expect(list.data!.proposals.map((p) => p.id)).not.toContain(id);
  });

  it("validates links and amounts in the user's language", async () => {
    const result = await as("head", CREATE, {
      input: { ...fullInput(), attachments: [{ label: "x", url: "javascript:alert(1)" }] },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.attachments.0.url",
    });
    expect(result.errors?.[0]?.message).toBe(translate("nl", "proposals.errors.url"));
  });
});
