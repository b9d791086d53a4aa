import { ORG_MEMBERS, includesId, q, type Persona, type Probe } from "./personas";

/** The programme office runs the portfolio. */
const PORTFOLIO_MANAGERS: readonly Persona[] = ["admin", "pmo"];
/** Mandate holders organise projects for their themes. */
const PROJECT_CREATORS: readonly Persona[] = ["admin", "director", "pmo"];
/** The project's lead (the director in the fixture) and the programme office. */
const PROJECT_EDITORS: readonly Persona[] = ["admin", "director", "pmo"];

export const PORTFOLIO_FIELDS: Record<string, Probe> = {
  "Query.programmes": {
    allowed: ORG_MEMBERS,
    request: () => q(`{ programmes { id } }`),
    sees: includesId((fx) => fx.programmeId),
  },
  "Query.portfolio": {
    allowed: ORG_MEMBERS,
    request: (fx) =>
      q(`query($p: ID) { portfolio(programmeId: $p) { id } }`, { p: fx.programmeId }),
  },
  "Query.project": {
    allowed: ORG_MEMBERS,
    request: (fx) => q(`query($id: ID!) { project(id: $id) { id } }`, { id: fx.projectId }),
  },
  "Query.portfolioKpis": {
    allowed: ORG_MEMBERS,
    request: (fx) =>
      q(`query($p: ID!) { portfolioKpis(programmeId: $p, period: "2026-Q2") { __typename } }`, {
        p: fx.programmeId,
      }),
  },
  // Approved proposals are readable by the whole organisation, so is this list of them.
  "Query.projectableProposals": {
    allowed: ORG_MEMBERS,
    request: () => q(`{ projectableProposals { id } }`),
    sees: includesId((fx) => fx.approvedProposalId),
  },
  "Query.projectDraftFromProposal": {
    allowed: PROJECT_CREATORS,
    request: (fx) =>
      q(
        `query($p: ID!, $r: ID!) { projectDraftFromProposal(programmeId: $p, proposalId: $r) { __typename } }`,
        { p: fx.programmeId, r: fx.approvedProposalId },
      ),
  },
  // Another organisation's administrator creates a programme in their own organisation.
  "Mutation.createProgramme": {
    allowed: [...PORTFOLIO_MANAGERS, "otherOrg"],
    request: (fx) =>
      q(`mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }`, {
        i: { name: `OPTIris ${fx.unique()}`, startYear: 2026, endYear: 2029 },
      }),
  },
  "Mutation.updateProgramme": {
    allowed: PORTFOLIO_MANAGERS,
    request: (fx) =>
      q(
        `mutation($id: ID!) { updateProgramme(id: $id, version: 999, input: { endYear: 2030 }) { id } }`,
        {
          id: fx.programmeId,
        },
      ),
  },
  "Mutation.createTheme": {
    allowed: PORTFOLIO_MANAGERS,
    request: (fx) =>
      q(`mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`, {
        i: { programmeId: fx.programmeId, name: `Thema ${fx.unique()}` },
      }),
  },
  "Mutation.updateTheme": {
    allowed: PORTFOLIO_MANAGERS,
    request: (fx) =>
      q(`mutation($id: ID!) { updateTheme(id: $id, version: 999, input: { order: 2 }) { id } }`, {
        id: fx.themeId,
      }),
  },
  "Mutation.createProject": {
    allowed: PROJECT_CREATORS,
    request: (fx) =>
      q(`mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, {
        i: {
          programmeId: fx.programmeId,
          themeId: fx.themeId,
          code: `P-${fx.unique()}`,
          name: "Nieuw project",
          startDate: "2026-01-01",
          endDate: "2026-12-31",
        },
      }),
  },
  "Mutation.createProjectFromProposal": {
    allowed: PROJECT_CREATORS,
    request: (fx) =>
      q(
        `mutation($i: CreateProjectFromProposalInput!) { createProjectFromProposal(input: $i) { id } }`,
        {
          i: {
            programmeId: fx.programmeId,
            themeId: fx.themeId,
            proposalId: fx.approvedProposalId,
            code: `V-${fx.unique()}`,
          },
        },
      ),
  },
  "Mutation.updateProject": {
    allowed: PROJECT_EDITORS,
    request: (fx) =>
      q(`mutation($id: ID!) { updateProject(id: $id, version: 999, input: { fte: 2 }) { id } }`, {
        id: fx.projectId,
      }),
  },
  "Mutation.setProjectRag": {
    allowed: PROJECT_EDITORS,
    request: (fx) =>
      q(`mutation($id: ID!) { setProjectRag(id: $id, version: 999, status: green) { id } }`, {
        id: fx.projectId,
      }),
  },
  "Mutation.createMilestone": {
    allowed: PROJECT_EDITORS,
    request: (fx) =>
      q(`mutation($i: CreateMilestoneInput!) { createMilestone(input: $i) { id } }`, {
        i: { projectId: fx.projectId, title: "Nieuwe mijlpaal", dueDate: "2026-09-30" },
      }),
  },
  "Mutation.updateMilestone": {
    allowed: PROJECT_EDITORS,
    request: (fx) =>
      q(
        `mutation($id: ID!) { updateMilestone(id: $id, version: 999, input: { title: "x" }) { id } }`,
        {
          id: fx.milestoneId,
        },
      ),
  },
  "Mutation.markMilestoneDone": {
    allowed: PROJECT_EDITORS,
    request: (fx) =>
      q(`mutation($id: ID!) { markMilestoneDone(id: $id, version: 999) { id } }`, {
        id: fx.milestoneId,
      }),
  },
  "Mutation.deleteMilestone": {
    allowed: PROJECT_EDITORS,
    request: async (fx) => {
      const fresh = await fx.freshMilestone();
      return q(`mutation($id: ID!) { deleteMilestone(id: $id) }`, { id: fresh.id });
    },
  },
  "Mutation.recordSatisfaction": {
    allowed: ["alderman", "college"],
    request: (fx) =>
      q(`mutation($i: SatisfactionInput!) { recordSatisfaction(input: $i) { __typename } }`, {
        i: { projectId: fx.projectId, period: "2026-Q2", score: 4 },
      }),
  },
};
