import { ORG_MEMBERS, includesId, q, type Fixture, type Persona, type Probe } from "./personas";
import { must } from "../../planning";

/** A seminar is a closed room: its facilitator and invited participants, not even admins. */
export const SEMINAR_ROOM: readonly Persona[] = ["director", "viewer", "mt"];
const FACILITATOR: readonly Persona[] = ["director"];
const seminarMutation = (field: string, args: string, extra: Record<string, unknown> = {}) =>
  ({
    allowed: FACILITATOR,
    request: (fx: Fixture) =>
      q(`mutation($s: ID!) { ${field}(seminarId: $s${args}) { id } }`, {
        s: fx.seminarId,
        ...extra,
      }),
  }) satisfies Probe;

export const SEMINAR_FIELDS: Record<string, Probe> = {
  "Query.seminars": {
    allowed: SEMINAR_ROOM,
    request: () => q(`{ seminars { id } }`),
    sees: includesId((fx) => fx.seminarId),
  },
  "Query.seminar": {
    allowed: SEMINAR_ROOM,
    request: (fx) => q(`query($id: ID!) { seminar(id: $id) { id } }`, { id: fx.seminarId }),
  },
  // People of one's own organisation: another organisation's admin sees theirs, not ours.
  "Query.seminarInvitees": {
    allowed: ORG_MEMBERS,
    request: () => q(`{ seminarInvitees { id } }`),
    sees: includesId((fx) => fx.directorId),
  },
  "Mutation.createSeminar": {
    allowed: ["admin", "director"],
    deniedWith: ["BAD_USER_INPUT"],
    request: (fx) =>
      q(`mutation($i: CreateSeminarInput!) { createSeminar(input: $i) { id } }`, {
        i: {
          title: `Seminarie ${fx.unique()}`,
          date: "2026-12-10",
          orgUnitId: fx.orgUnitId,
          participantIds: [],
          sessions: [{ title: "SWOT", kind: "swot" }],
        },
      }),
  },
  "Mutation.updateSeminar": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($s: ID!) { updateSeminar(id: $s, version: 999, input: { title: "x" }) { id } }`, {
        s: fx.seminarId,
      }),
  },
  "Mutation.addSeminarSession": seminarMutation(
    "addSeminarSession",
    `, input: { title: "Debat", kind: debate }`,
  ),
  "Mutation.moveToSession": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($s: ID!, $x: ID!) { moveToSession(seminarId: $s, sessionId: $x) { id } }`, {
        s: fx.seminarId,
        x: fx.sessionId,
      }),
  },
  "Mutation.startSeminarTimer": seminarMutation("startSeminarTimer", ", seconds: 300"),
  "Mutation.pauseSeminarTimer": seminarMutation("pauseSeminarTimer", ""),
  "Mutation.resumeSeminarTimer": seminarMutation("resumeSeminarTimer", ""),
  "Mutation.clearSeminarTimer": seminarMutation("clearSeminarTimer", ""),
  "Mutation.addBoard": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(
        `mutation($s: ID!, $x: ID!) { addBoard(seminarId: $s, sessionId: $x, kind: swot, title: "Extra") { id } }`,
        { s: fx.seminarId, x: fx.sessionId },
      ),
  },
  "Mutation.setBoardLocked": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($b: ID!) { setBoardLocked(boardId: $b, locked: false) { id } }`, {
        b: fx.boardId,
      }),
  },
  "Mutation.setBoardVotesRevealed": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($b: ID!) { setBoardVotesRevealed(boardId: $b, revealed: false) { id } }`, {
        b: fx.boardId,
      }),
  },
  // A note that does not exist: participants are told so, outsiders are refused first.
  "Mutation.placeDot": {
    allowed: SEMINAR_ROOM,
    request: (fx) =>
      q(`mutation($b: ID!) { placeDot(boardId: $b, noteId: "matrix-note") { id } }`, {
        b: fx.boardId,
      }),
  },
  "Mutation.removeDot": {
    allowed: SEMINAR_ROOM,
    request: (fx) =>
      q(`mutation($b: ID!) { removeDot(boardId: $b, noteId: "matrix-note") { id } }`, {
        b: fx.boardId,
      }),
  },
  "Mutation.createPoll": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($i: CreatePollInput!) { createPoll(input: $i) { id } }`, {
        i: {
          seminarId: fx.seminarId,
          sessionId: fx.sessionId,
          question: "Welk thema eerst?",
          kind: "single",
          options: ["Digitaal", "Dichtbij"],
        },
      }),
  },
  "Mutation.setPollOpen": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($p: ID!) { setPollOpen(pollId: $p, open: true) { id } }`, { p: fx.pollId }),
  },
  "Mutation.setPollRevealed": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(`mutation($p: ID!) { setPollRevealed(pollId: $p, revealed: false) { id } }`, {
        p: fx.pollId,
      }),
  },
  "Mutation.answerPoll": {
    allowed: SEMINAR_ROOM,
    request: (fx) =>
      q(`mutation($p: ID!) { answerPoll(pollId: $p, input: { text: "x" }) { id } }`, {
        p: fx.pollId,
      }),
  },
  "Mutation.addSeminarOutcomeToPlan": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(
        `mutation($s: ID!, $p: ID!, $i: [SeminarOutcomeItemInput!]!) { addSeminarOutcomeToPlan(seminarId: $s, planId: $p, items: $i) { __typename } }`,
        {
          s: fx.seminarId,
          p: fx.planId,
          i: [{ text: `Lijn ${fx.unique()}`, as: "strategic_line" }],
        },
      ),
  },
  "Mutation.createPlanFromSeminar": {
    allowed: FACILITATOR,
    request: (fx) =>
      q(
        `mutation($s: ID!, $i: CreatePlanFromSeminarInput!) { createPlanFromSeminar(seminarId: $s, input: $i) { __typename } }`,
        {
          s: fx.seminarId,
          i: {
            title: `Uit het seminarie ${fx.unique()}`,
            periodStart: 2027,
            periodEnd: 2030,
            items: [{ text: "Dichtbij de burger", as: "strategic_line" }],
          },
        },
      ),
  },
  "Subscription.seminarEvents": {
    allowed: SEMINAR_ROOM,
    request: (fx) => ({
      query: `subscription($s: ID!) { seminarEvents(seminarId: $s) { kind } }`,
      variables: { s: fx.seminarId },
      trigger: () =>
        must(
          fx.server,
          fx.directorCookie,
          `mutation($s: ID!) { startSeminarTimer(seminarId: $s, seconds: 60) { id } }`,
          {
            s: fx.seminarId,
          },
        ),
    }),
  },
};
