import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../harness";
import { must, unitOf } from "../planning";
import { connectClient, synced, waitFor, waitForAsync, type Client } from "../realtimeClient";
import { readDocState } from "../../server/realtime/docStore";
import { NOTES_MAP, readBoardNotes, SWOT_QUADRANTS } from "../../shared/seminarBoard";

/**
 * A SWOT board co-written by the facilitator and two participants with stock
 * WebsocketProvider clients: concurrent adds, edits, moves, groups and merges converge;
 * once the board is locked, participants' edits are dropped and never stored.
 */
let server: TestServer;
let director: string;
let mt: string;
let pmo: string;
let boardId: string;
const clients: Client[] = [];

const notesOf = (c: Client) => c.doc.getMap<Y.Map<unknown>>(NOTES_MAP);
/** Map iteration order differs between peers: compare with sorted keys. */
const canonical = (v: unknown): unknown =>
  v && typeof v === "object"
    ? Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([k, x]) => [k, canonical(x)]),
      )
    : v;
const snapshot = (c: Client) => JSON.stringify(canonical(notesOf(c).toJSON()));

function add(c: Client, id: string, text: string, quadrant: string) {
  const note = new Y.Map<unknown>();
  c.doc.transact(() => {
    notesOf(c).set(id, note);
    for (const [k, v] of Object.entries({
      text,
      quadrant,
      authorId: String(c.doc.clientID),
      colour: "#ffd43b",
      groupId: null,
      mergedInto: null,
      x: 0.1,
      y: 0.1,
      createdAt: Date.now(),
    }))
      note.set(k, v);
  });
}

async function storedNotes() {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await readDocState(`board/${boardId}`));
  return readBoardNotes(doc.getMap(NOTES_MAP));
}

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  [director, mt, pmo] = await Promise.all([
    server.login("director@koers.demo"),
    server.login("mt@koers.demo"),
    server.login("pmo@koers.demo"),
  ]);
  const ids = await Promise.all(
    [mt, pmo].map(async (cookie) => {
      const r = await server.gql<{ viewer: { id: string } }>("{ viewer { id } }", {}, { cookie });
      return r.data!.viewer.id;
    }),
  );
  const seminar = await must<{ sessions: { boards: { id: string }[] }[] }>(
    server,
    director,
    `mutation($input: CreateSeminarInput!) { createSeminar(input: $input) { sessions { boards { id } } } }`,
    {
      input: {
        title: "SWOT",
        date: "2026-05-04",
        orgUnitId: await unitOf(server, director, "DIR"),
        participantIds: ids,
        sessions: [{ title: "SWOT", kind: "swot" }],
      },
    },
  );
  boardId = seminar.sessions[0]!.boards[0]!.id;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe("SWOT board co-writing", () => {
  it("converges when three people add, edit, move, group and merge notes at once", async () => {
    const [a, b, c] = [director, mt, pmo].map((cookie) => {
      const client = connectClient(server.url, `board/${boardId}`, cookie);
      clients.push(client);
      return client;
    });
    await Promise.all([a, b, c].map((x) => synced(x!)));
    // Everyone adds notes at the same time, in every quadrant.
    for (let i = 0; i < 12; i++)
      for (const [k, x] of [a, b, c].entries())
        add(x!, `n${k}-${i}`, `note ${k}-${i}`, SWOT_QUADRANTS[i % 4]!);
    await waitFor(() => [a, b, c].every((x) => notesOf(x!).size === 36), 10_000, "36 notes");
    // Concurrent conflicting edits of the same notes.
    const note = (x: Client, id: string) => notesOf(x).get(id)!;
    note(a!, "n1-0").set("text", "edited by a");
    note(b!, "n1-0").set("text", "edited by b");
    note(c!, "n1-0").set("quadrant", "threats");
    note(a!, "n2-1").set("groupId", "g1");
    note(b!, "n2-2").set("groupId", "g1");
    c!.doc.transact(() => {
      note(c!, "n0-3").set("text", "merged: note 0-3 + note 0-4");
      note(c!, "n0-4").set("mergedInto", "n0-3");
    });
    note(b!, "n0-4").set("x", 0.8);
    notesOf(a!).delete("n2-11");
    await waitFor(
      () => snapshot(a!) === snapshot(b!) && snapshot(b!) === snapshot(c!),
      10_000,
      "convergence",
    );
    const final = notesOf(a!).get("n1-0")!;
    expect(["edited by a", "edited by b"]).toContain(final.get("text"));
    expect(final.get("quadrant")).toBe("threats");
    await waitForAsync(async () => (await storedNotes()).length === 35, 10_000, "stored");
    const stored = await storedNotes();
    expect(stored.find((n) => n.id === "n0-4")!.mergedInto).toBe("n0-3");
    expect(
      stored
        .filter((n) => n.groupId === "g1")
        .map((n) => n.id)
        .sort(),
    ).toEqual(["n2-1", "n2-2"]);
    // The server's view (used for votes and the outcome) leaves merged notes out.
    const board = await server.gql<{ seminar: unknown }>(
      `query { seminars { sessions { boards { id notes { id } } } } }`,
      {},
      { cookie: mt },
    );
    expect(JSON.stringify(board.data)).not.toContain('"n0-4"');
    expect(JSON.stringify(board.data)).toContain('"n0-3"');
  });

  it("drops participants' edits once the board is locked, also on sockets already open", async () => {
    const [a, b] = clients as [Client, Client];
    await must(
      server,
      director,
      `mutation($b: ID!) { setBoardLocked(boardId: $b, locked: true) { locked } }`,
      {
        b: boardId,
      },
    );
    // The open socket of the participant is closed and reconnects read-only.
    await waitFor(() => !b.provider.wsconnected, 5000, "participant disconnected").catch(
      () => undefined,
    );
    await waitFor(() => b.provider.synced && b.provider.wsconnected, 10_000, "participant back");
    add(b, "late", "written after the lock", "strengths");
    add(a, "facilitator", "the facilitator still writes", "strengths");
    await waitForAsync(
      async () => (await storedNotes()).some((n) => n.id === "facilitator"),
      10_000,
      "facilitator note stored",
    );
    // Give the participant's update time to arrive: it must not be stored or relayed.
    await new Promise((r) => setTimeout(r, 500));
    expect((await storedNotes()).some((n) => n.id === "late")).toBe(false);
    expect(notesOf(a).has("late")).toBe(false);
    const fresh = connectClient(server.url, `board/${boardId}`, pmo);
    clients.push(fresh);
    await synced(fresh);
    expect(notesOf(fresh).has("facilitator")).toBe(true);
    expect(notesOf(fresh).has("late")).toBe(false);
  });
});
