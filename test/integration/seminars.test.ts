import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../harness";
import { must, unitOf } from "../planning";
import { connectClient, synced, waitForAsync, type Client } from "../realtimeClient";
import { NOTES_MAP } from "../../shared/seminarBoard";

let server: TestServer;
let director: string; // facilitator
let mt: string; // participant, first tab
let mtTab2: string; // the same participant, a second tab (another session)
let pmo: string; // participant
let head: string; // same organisation, not invited
let seminarId: string;
let swotBoardId: string;
let priorityBoardId: string;
let pollSessionId: string;
let writer: Client;

const code = (r: { errors?: { extensions?: { code?: string } }[] }) =>
  r.errors?.[0]?.extensions?.code;

const SEMINAR = `
  query($id: ID!) { seminar(id: $id) { id version viewerIsFacilitator
    sessions { id kind boards { id kind docName } polls { id } } } }`;
const BOARD = `
  query($id: ID!) { seminar(id: $id) { sessions { boards { id dotsPlaced myDotsLeft
    myDots { id noteId } notes { id text quadrant } voteTotals { noteId text dots rank tied } } } } }`;

async function userIdOf(cookie: string) {
  const r = await server.gql<{ viewer: { id: string } }>("{ viewer { id } }", {}, { cookie });
  return r.data!.viewer.id;
}

function addNote(client: Client, id: string, text: string, quadrant: string) {
  const note = new Y.Map<unknown>();
  client.doc.transact(() => {
    client.doc.getMap(NOTES_MAP).set(id, note);
    note.set("text", text);
    note.set("quadrant", quadrant);
    note.set("authorId", "x");
    note.set("colour", "#ffd43b");
    note.set("groupId", null);
    note.set("mergedInto", null);
    note.set("x", 0);
    note.set("y", 0);
    note.set("createdAt", Date.now());
  });
}

async function boardOf(cookie: string, boardId: string) {
  const r = await server.gql<{
    seminar: {
      sessions: {
        boards: {
          id: string;
          dotsPlaced: number;
          myDotsLeft: number;
          myDots: { noteId: string }[];
          notes: { id: string }[];
          voteTotals:
            { noteId: string; text: string; dots: number; rank: number; tied: boolean }[] | null;
        }[];
      }[];
    };
  }>(BOARD, { id: seminarId }, { cookie });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.seminar.sessions.flatMap((s) => s.boards).find((b) => b.id === boardId)!;
}

beforeAll(async () => {
  server = await startTestServer(import.meta.filename, { LOG_LEVEL: "error" });
  [director, mt, mtTab2, pmo, head] = await Promise.all([
    server.login("director@koers.demo"),
    server.login("mt@koers.demo"),
    server.login("mt@koers.demo"),
    server.login("pmo@koers.demo"),
    server.login("head@koers.demo"),
  ]);
  const orgUnitId = await unitOf(server, director, "DIR");
  const created = await must<{ id: string }>(
    server,
    director,
    `mutation($input: CreateSeminarInput!) { createSeminar(input: $input) { id } }`,
    {
      input: {
        title: "Seminarie test",
        date: "2026-05-04",
        orgUnitId,
        participantIds: [await userIdOf(mt), await userIdOf(pmo)],
        dotsPerParticipant: 3,
        sessions: [
          { title: "SWOT", kind: "swot" },
          { title: "Peiling", kind: "poll" },
          { title: "Prioriteiten", kind: "vote" },
        ],
      },
    },
  );
  seminarId = created.id;
  const s = await server.gql<{
    seminar: { sessions: { id: string; kind: string; boards: { id: string; kind: string }[] }[] };
  }>(SEMINAR, { id: seminarId }, { cookie: director });
  if (s.errors) throw new Error(JSON.stringify(s.errors));
  const sessions = s.data!.seminar.sessions;
  swotBoardId = sessions[0]!.boards[0]!.id;
  priorityBoardId = sessions[2]!.boards[0]!.id;
  pollSessionId = sessions[1]!.id;
  writer = connectClient(server.url, `board/${priorityBoardId}`, director);
  await synced(writer);
  addNote(writer, "p1", "Digitale dienstverlening", "candidates");
  addNote(writer, "p2", "Talent aantrekken", "candidates");
  addNote(writer, "p3", "Gebouwen verduurzamen", "candidates");
  await waitForAsync(
    async () => (await boardOf(director, priorityBoardId)).notes.length === 3,
    10_000,
    "notes stored",
  );
});
afterAll(async () => {
  writer?.destroy();
  await server?.stop();
});

describe("seminar visibility and facilitator controls", () => {
  it("refuses anonymous users and hides the seminar from people not invited", async () => {
    expect(code(await server.gql(SEMINAR, { id: seminarId }))).toBe("UNAUTHENTICATED");
    expect(code(await server.gql(SEMINAR, { id: seminarId }, { cookie: head }))).toBe("NOT_FOUND");
    const list = await server.gql<{ seminars: { id: string }[] }>(
      "{ seminars { id } }",
      {},
      {
        cookie: head,
      },
    );
    expect(list.data!.seminars.map((x) => x.id)).not.toContain(seminarId);
    const mine = await server.gql<{ seminars: { id: string }[] }>(
      "{ seminars { id } }",
      {},
      {
        cookie: pmo,
      },
    );
    expect(mine.data!.seminars.map((x) => x.id)).toContain(seminarId);
  });

  it("lists the people of the organisation who may be invited", async () => {
    expect(code(await server.gql("{ seminarInvitees { id } }"))).toBe("UNAUTHENTICATED");
    const r = await server.gql<{ seminarInvitees: { id: string; name: string }[] }>(
      "{ seminarInvitees { id name } }",
      {},
      { cookie: director },
    );
    expect(r.data!.seminarInvitees.map((u) => u.name)).toContain("Mona Managementteam");
  });

  it("lets only the facilitator move sessions, run the timer and lock boards", async () => {
    const move = `mutation($s: ID!, $id: ID!) { moveToSession(seminarId: $s, sessionId: $id) { currentSession { id } } }`;
    expect(code(await server.gql(move, { s: seminarId, id: pollSessionId }, { cookie: pmo }))).toBe(
      "FORBIDDEN",
    );
    expect(
      code(await server.gql(move, { s: seminarId, id: pollSessionId }, { cookie: head })),
    ).toBe("NOT_FOUND");
    const moved = await must<{ currentSession: { id: string } }>(server, director, move, {
      s: seminarId,
      id: pollSessionId,
    });
    expect(moved.currentSession.id).toBe(pollSessionId);
    const timer = `mutation($s: ID!) { startSeminarTimer(seminarId: $s, seconds: 300) { timer { endsAt pausedRemainingMs } } }`;
    expect(code(await server.gql(timer, { s: seminarId }, { cookie: mt }))).toBe("FORBIDDEN");
    const started = await must<{ timer: { endsAt: string | null } }>(server, director, timer, {
      s: seminarId,
    });
    expect(started.timer.endsAt).not.toBeNull();
    const paused = await must<{ timer: { endsAt: string | null; pausedRemainingMs: number } }>(
      server,
      director,
      `mutation($s: ID!) { pauseSeminarTimer(seminarId: $s) { timer { endsAt pausedRemainingMs } } }`,
      { s: seminarId },
    );
    expect(paused.timer.endsAt).toBeNull();
    expect(paused.timer.pausedRemainingMs).toBeGreaterThan(290_000);
    const lock = `mutation($b: ID!) { setBoardLocked(boardId: $b, locked: true) { locked } }`;
    expect(code(await server.gql(lock, { b: swotBoardId }, { cookie: pmo }))).toBe("FORBIDDEN");
  });

  it("tells the room each change as it is now, not as it was at the first event", async () => {
    // One websocket, several events: each must carry fresh data (the lock after the timer).
    const client = createClient({
      url: `${server.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(u: string, p?: string | string[]) {
          super(u, p, { headers: { cookie: pmo } });
        }
      },
      lazy: false,
      retryAttempts: 0,
    });
    type Event = {
      kind: string;
      seminar: {
        sessions: { boards: { id: string; locked: boolean; viewerCanEdit: boolean }[] }[];
      };
    };
    const events: Event[] = [];
    const unsubscribe = client.subscribe<{ seminarEvents: Event }>(
      {
        query: `subscription($s: ID!) { seminarEvents(seminarId: $s) { kind
          seminar { sessions { boards { id locked viewerCanEdit } } } } }`,
        variables: { s: seminarId },
      },
      {
        next: (v) => events.push(v.data!.seminarEvents),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await new Promise((r) => setTimeout(r, 300));
    const swotOf = (e: Event) =>
      e.seminar.sessions.flatMap((s) => s.boards).find((b) => b.id === swotBoardId)!;
    const lock = `mutation($b: ID!, $l: Boolean!) { setBoardLocked(boardId: $b, locked: $l) { locked } }`;

    await must(
      server,
      director,
      `mutation($s: ID!) { startSeminarTimer(seminarId: $s, seconds: 60) { id } }`,
      {
        s: seminarId,
      },
    );
    await waitForAsync(async () => events.some((e) => e.kind === "timer_changed"), 5000, "timer");
    expect(swotOf(events.find((e) => e.kind === "timer_changed")!).locked).toBe(false);

    await must(server, director, lock, { b: swotBoardId, l: true });
    await waitForAsync(async () => events.some((e) => e.kind === "board_changed"), 5000, "lock");
    const locked = swotOf(events.find((e) => e.kind === "board_changed")!);
    expect(locked).toMatchObject({ locked: true, viewerCanEdit: false });

    await must(server, director, lock, { b: swotBoardId, l: false });
    await waitForAsync(
      async () => events.filter((e) => e.kind === "board_changed").length >= 2,
      5000,
      "unlock",
    );
    expect(swotOf(events.filter((e) => e.kind === "board_changed")[1]!).locked).toBe(false);
    unsubscribe();
    await client.dispose();
  });
});

describe("dot voting", () => {
  it("gives each participant exactly N dots, even from two tabs firing at once", async () => {
    const place = `mutation($b: ID!, $n: String!) { placeDot(boardId: $b, noteId: $n) { id } }`;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        server.gql(
          place,
          { b: priorityBoardId, n: i % 2 ? "p1" : "p2" },
          {
            cookie: i % 2 ? mt : mtTab2,
          },
        ),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(3);
    expect(refused.map((r) => r.errors![0]!.message)).toHaveLength(3);
    expect(refused.every((r) => code(r) === "BAD_USER_INPUT")).toBe(true);
    const mine = await boardOf(mt, priorityBoardId);
    expect(mine.myDots).toHaveLength(3);
    expect(mine.myDotsLeft).toBe(0);
    expect(mine.dotsPlaced).toBe(3);
    // A dot can be taken back and placed again: still never more than N.
    await must(
      server,
      mtTab2,
      `mutation($b: ID!, $n: String!) { removeDot(boardId: $b, noteId: $n) { id } }`,
      {
        b: priorityBoardId,
        n: mine.myDots[0]!.noteId,
      },
    );
    await must(server, mt, place, { b: priorityBoardId, n: "p3" });
    expect((await boardOf(mt, priorityBoardId)).dotsPlaced).toBe(3);
  });

  it("refuses dots on unknown notes and from people not invited", async () => {
    const place = `mutation($b: ID!, $n: String!) { placeDot(boardId: $b, noteId: $n) { id } }`;
    expect(code(await server.gql(place, { b: priorityBoardId, n: "nope" }, { cookie: pmo }))).toBe(
      "BAD_USER_INPUT",
    );
    expect(code(await server.gql(place, { b: priorityBoardId, n: "p1" }, { cookie: head }))).toBe(
      "NOT_FOUND",
    );
  });

  it("hides totals from participants until the facilitator reveals them", async () => {
    const place = `mutation($b: ID!, $n: String!) { placeDot(boardId: $b, noteId: $n) { id } }`;
    for (const n of ["p1", "p1", "p3"]) await must(server, pmo, place, { b: priorityBoardId, n });
    const raw = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: pmo },
      body: JSON.stringify({ query: BOARD, variables: { id: seminarId } }),
    });
    const bytes = await raw.text();
    expect(bytes).toContain('"voteTotals":null');
    expect(bytes).not.toContain('"dots":');
    const facilitator = await boardOf(director, priorityBoardId);
    expect(facilitator.voteTotals).not.toBeNull();
    await must(
      server,
      director,
      `mutation($b: ID!) { setBoardVotesRevealed(boardId: $b, revealed: true) { votesRevealed } }`,
      {
        b: priorityBoardId,
      },
    );
    const after = await boardOf(pmo, priorityBoardId);
    const totals = after.voteTotals!;
    expect(totals.reduce((s, t) => s + t.dots, 0)).toBe(6);
    expect(totals[0]!.dots).toBeGreaterThanOrEqual(totals[1]!.dots);
    // Once revealed, dots are frozen.
    expect(code(await server.gql(place, { b: priorityBoardId, n: "p2" }, { cookie: pmo }))).toBe(
      "CONFLICT",
    );
  });
});

describe("live polls", () => {
  let pollId: string;
  let optionIds: string[];

  it("sends no results of others to a participant before reveal, in queries and subscriptions", async () => {
    const created = await must<{ id: string; options: { id: string }[] }>(
      server,
      director,
      `mutation($input: CreatePollInput!) { createPoll(input: $input) { id options { id } } }`,
      {
        input: {
          seminarId,
          sessionId: pollSessionId,
          question: "Grootste uitdaging?",
          kind: "single",
          options: ["Personeel", "Budget", "Digitalisering"],
        },
      },
    );
    pollId = created.id;
    optionIds = created.options.map((o) => o.id);
    expect(
      code(
        await server.gql(
          `mutation($p: ID!) { setPollOpen(pollId: $p, open: true) { open } }`,
          { p: pollId },
          { cookie: pmo },
        ),
      ),
    ).toBe("FORBIDDEN");
    await must(
      server,
      director,
      `mutation($p: ID!) { setPollOpen(pollId: $p, open: true) { open } }`,
      { p: pollId },
    );

    // pmo listens on the subscription and records every raw frame.
    const frames: string[] = [];
    const url = `${server.url.replace(/^http/, "ws")}/graphql`;
    const client = createClient({
      url,
      webSocketImpl: class extends WebSocket {
        constructor(u: string, p?: string | string[]) {
          super(u, p, { headers: { cookie: pmo } });
          this.on("message", (data) => frames.push(String(data)));
        }
      },
      lazy: false,
      retryAttempts: 0,
    });
    const events: { kind: string; poll: { answerCount: number; results: unknown } | null }[] = [];
    const unsubscribe = client.subscribe<{
      seminarEvents: { kind: string; poll: { answerCount: number; results: unknown } | null };
    }>(
      {
        query: `subscription($s: ID!) { seminarEvents(seminarId: $s) { kind poll { id answerCount
          results { respondents options { option { label } count } } } } }`,
        variables: { s: seminarId },
      },
      {
        next: (v) => events.push(v.data!.seminarEvents),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await new Promise((r) => setTimeout(r, 300));

    const answer = `mutation($p: ID!, $input: PollAnswerInput!) { answerPoll(pollId: $p, input: $input) { id } }`;
    await must(server, mt, answer, { p: pollId, input: { optionIds: [optionIds[2]] } });
    // Answering again from the other tab replaces the answer.
    await must(server, mtTab2, answer, { p: pollId, input: { optionIds: [optionIds[1]] } });
    await must(server, director, answer, { p: pollId, input: { optionIds: [optionIds[1]] } });
    await waitForAsync(
      async () => events.filter((e) => e.kind === "poll_answered").length >= 3,
      5000,
      "events",
    );

    const raw = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: pmo },
      body: JSON.stringify({
        query: `query($id: ID!) { seminar(id: $id) { sessions { polls { id answerCount myAnswer { optionIds }
          results { respondents average options { count } scale { count } words { word count } } } } } }`,
        variables: { id: seminarId },
      }),
    });
    const bytes = await raw.text();
    expect(bytes).toContain('"answerCount":2');
    expect(bytes).toContain('"results":null');
    expect(bytes).not.toContain('"count"');
    expect(bytes).not.toContain('"respondents"');
    expect(bytes).not.toContain(optionIds[1]!); // nobody else's choice, and pmo has none
    const subscriptionBytes = frames.join("\n");
    expect(subscriptionBytes).toContain("poll_answered");
    expect(subscriptionBytes).not.toContain('"count"');
    expect(subscriptionBytes).not.toContain('"respondents"');

    // The facilitator sees the results before the reveal.
    const facilitator = await server.gql<{
      seminar: { sessions: { polls: { id: string; results: { respondents: number } | null }[] }[] };
    }>(
      `query($id: ID!) { seminar(id: $id) { sessions { polls { id results { respondents } } } } }`,
      { id: seminarId },
      { cookie: director },
    );
    const seen = facilitator
      .data!.seminar.sessions.flatMap((s) => s.polls)
      .find((p) => p.id === pollId)!;
    expect(seen.results!.respondents).toBe(2);

    await must(
      server,
      director,
      `mutation($p: ID!) { setPollRevealed(pollId: $p, revealed: true) { revealed } }`,
      { p: pollId },
    );
    await waitForAsync(async () => events.some((e) => e.kind === "poll_revealed"), 5000, "reveal");
    const revealed = events.find((e) => e.kind === "poll_revealed")!;
    expect(revealed.poll!.results).toEqual({
      respondents: 2,
      options: [
        { option: { label: "Personeel" }, count: 0 },
        { option: { label: "Budget" }, count: 2 },
        { option: { label: "Digitalisering" }, count: 0 },
      ],
    });
    unsubscribe();
    await client.dispose();
  });
});

describe("outcome", () => {
  it("turns the top two priorities into strategic lines of a new draft plan, linked back", async () => {
    const top = (await boardOf(director, priorityBoardId)).voteTotals!.slice(0, 2);
    const orgUnitId = await unitOf(server, director, "DIR");
    const createFrom = `mutation($s: ID!, $input: CreatePlanFromSeminarInput!) {
      createPlanFromSeminar(seminarId: $s, input: $input) {
        plan { id status originSeminar { id } } objectives { id kind code title { text } } } }`;
    const input = {
      orgUnitId,
      title: "Strategisch plan 2026-2030",
      periodStart: 2026,
      periodEnd: 2030,
      items: [
        ...top.map((t) => ({ boardId: priorityBoardId, noteId: t.noteId, as: "strategic_line" })),
        { text: "Alle diensten online tegen 2028", as: "objective", parentIndex: 0 },
      ],
    };
    expect(code(await server.gql(createFrom, { s: seminarId, input }, { cookie: pmo }))).toBe(
      "FORBIDDEN",
    );
    const outcome = await must<{
      plan: { id: string; status: string; originSeminar: { id: string } };
      objectives: { kind: string; code: string; title: { text: string } }[];
    }>(server, director, createFrom, { s: seminarId, input });
    expect(outcome.plan.status).toBe("draft");
    expect(outcome.plan.originSeminar.id).toBe(seminarId);
    expect(outcome.objectives.map((o) => [o.kind, o.code, o.title.text])).toEqual([
      ["strategic_line", "1", top[0]!.text],
      ["strategic_line", "2", top[1]!.text],
      ["strategic_objective", "1.1", "Alle diensten online tegen 2028"],
    ]);
    const seminar = await server.gql<{ seminar: { outcomes: { plan: { id: string } }[] } }>(
      `query($id: ID!) { seminar(id: $id) { outcomes { plan { id } } } }`,
      { id: seminarId },
      { cookie: director },
    );
    expect(seminar.data!.seminar.outcomes.map((o) => o.plan.id)).toEqual([outcome.plan.id]);
  });
});

describe("PDF report", () => {
  it("answers a PDF to participants and refuses others", async () => {
    const url = `${server.url}/api/seminars/${seminarId}/report.pdf`;
    const ok = await fetch(url, { headers: { cookie: pmo } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("application/pdf");
    const body = Buffer.from(await ok.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    if (process.env.SEMINAR_REPORT_OUT)
      (await import("node:fs")).writeFileSync(process.env.SEMINAR_REPORT_OUT, body);
    expect((await fetch(url, { headers: { cookie: head } })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);
  });
});
