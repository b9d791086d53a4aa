import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../harness";
import { connectClient, synced, waitFor, type Client } from "../realtimeClient";
import { readDocState } from "../../server/realtime/docStore";
import { createPlanDoc } from "./planDocs";

/**
 * Ten stock WebsocketProvider clients edit one document at once: text inserts
 * and deletes, a map, an array, and short disconnections (their edits made
 * offline are merged on reconnect). Afterwards every client, a fresh client and
 * the stored state must be the same document. Seeds are in the test names.
 */
const CLIENTS = 10;
const OPS_PER_CLIENT = 150;
const SEEDS = [11, 2024, 777];

let server: TestServer;
let cookie: string;

beforeAll(async () => {
  // A small compaction threshold, so compaction runs while the clients type.
  server = await startTestServer(import.meta.filename, { YJS_COMPACT_AFTER_UPDATES: "40" });
  cookie = await server.login("director@koers.demo");
});
afterAll(() => server?.stop());

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Everything a client sees, in a form that compares with toEqual. */
function contentOf(doc: Y.Doc) {
  return {
    text: doc.getText("notes").toString(),
    // Key order follows arrival order, which differs between clients.
    actions: Object.entries(doc.getMap("actions").toJSON()).sort(([a], [b]) => a.localeCompare(b)),
    rows: doc.getArray("rows").toJSON(),
    stateVector: Buffer.from(Y.encodeStateVector(doc)).toString("hex"),
  };
}

async function type(client: Client, random: () => number, id: number): Promise<void> {
  const text = client.text;
  const actions = client.doc.getMap<string>("actions");
  const rows = client.doc.getArray<string>("rows");
  for (let op = 0; op < OPS_PER_CLIENT; op++) {
    const roll = random();
    if (roll < 0.45 || text.length === 0) {
      text.insert(Math.floor(random() * (text.length + 1)), `c${id}.${op} `);
    } else if (roll < 0.7) {
      const at = Math.floor(random() * text.length);
      text.delete(at, Math.min(text.length - at, 1 + Math.floor(random() * 6)));
    } else if (roll < 0.8) {
      actions.set(`action-${Math.floor(random() * 8)}`, `c${id}.${op}`);
    } else if (roll < 0.9) {
      rows.insert(Math.floor(random() * (rows.length + 1)), [`c${id}.${op}`]);
    } else if (roll < 0.98 || rows.length === 0) {
      if (rows.length) rows.delete(Math.floor(random() * rows.length), 1);
    } else {
      // Offline for a moment; edits go on locally and are merged on reconnect.
      client.provider.disconnect();
      setTimeout(() => client.provider.connect(), 20 + random() * 80);
    }
    await sleep(random() * 4);
  }
}

describe("ten clients typing at once", () => {
  it.each(SEEDS)(
    "end with the same document in every client, a fresh client and the store (seed %i)",
    async (seed) => {
      const docName = await createPlanDoc(server, cookie, `Convergence ${seed}`);
      const random = prng(seed);
      const clients = Array.from({ length: CLIENTS }, () =>
        connectClient(server.url, docName, cookie),
      );
      await Promise.all(clients.map(synced));
      const seeds = clients.map(() => Math.floor(random() * 2 ** 32));
      await Promise.all(clients.map((c, i) => type(c, prng(seeds[i]!), i)));
      for (const c of clients) if (!c.provider.wsconnected) c.provider.connect();

      const same = () => {
        const first = JSON.stringify(contentOf(clients[0]!.doc));
        return clients.every((c) => JSON.stringify(contentOf(c.doc)) === first);
      };
      await waitFor(same, 20_000, "the clients to converge");
      const expected = contentOf(clients[0]!.doc);
      expect(expected.text.length + expected.rows.length).toBeGreaterThan(0);

      const fresh = connectClient(server.url, docName, cookie);
      await synced(fresh);
      await waitFor(() => fresh.doc.store.pendingStructs === null, 5000, "pending structs");
      expect(contentOf(fresh.doc)).toEqual(expected);

      const stored = new Y.Doc();
      Y.applyUpdate(stored, await readDocState(docName));
      expect(contentOf(stored)).toEqual(expected);

      for (const c of [...clients, fresh]) c.destroy();
    },
  );
});
