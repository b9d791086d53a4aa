import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebSocket, WebSocketServer } from "ws";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../harness";
import {
  connectClient,
  connectRaw,
  frameKind,
  synced,
  waitFor,
  type RawClient,
} from "../realtimeClient";
import { encodeUpdate } from "../../server/realtime/protocol";
import { MAX_BUFFERED_BYTES } from "../../server/realtime/connection";
import { openSockets } from "../../server/modules/auth";
import { createPlanDoc } from "../realtime/planDocs";

// The long form (`npm run test:long`, reliability-anchors M2) runs 10,000 cycles.
const CYCLES = Number(process.env.MEMORY_CYCLES ?? 1000);

/**
 * Memory bounds (issue #10, reliability-anchors M2/M3), short forms; the long
 * forms are `npm run soak` and bench. A paused reader: the bytes the server
 * buffers for its socket stay under a fixed bound and the socket is dropped.
 * 1,000 connect/disconnect cycles (MEMORY_CYCLES=10000 for the long form) leave
 * no socket, no document and no entry in the socket registry behind.
 */
const UNLOAD_AFTER_MS = 200;
/** Each edit below is one frame of this many characters (plus a few bytes of framing). */
const CHUNK = 256 * 1024;

let server: TestServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer(import.meta.filename, {
    YJS_UNLOAD_AFTER_MS: String(UNLOAD_AFTER_MS),
  });
  cookie = await server.login("director@koers.demo");
});
afterAll(() => server?.stop());

const realtime = () => server.koers.realtime;
/** The server side of every Yjs socket (the realtime server's own ws server). */
const serverSockets = () =>
  [...(realtime() as unknown as { wss: WebSocketServer }).wss.clients] as WebSocket[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const serverSync = (client: RawClient) =>
  waitFor(() => client.frames.some((f) => frameKind(f) === "sync-step-1"), 5000, "sync step 1");

describe("memory bounds", () => {
  it("buffers at most ~4 MiB for a reader that stopped reading, then drops it", async () => {
    const docName = await createPlanDoc(server, cookie, "Paused reader, measured");
    const paused = connectRaw(server.url, docName, cookie);
    await paused.opened;
    await serverSync(paused);
    const pausedServerSide = serverSockets();
    expect(pausedServerSide).toHaveLength(1);
    const target = pausedServerSide[0]!;
    (paused.ws as unknown as { _socket: Socket })._socket.pause();

    // The largest frame the server hands this socket: under load several edits are merged
    // into one relayed update, and the cap is checked before each send.
    let maxFrame = 0;
    const send = target.send.bind(target) as (data: Uint8Array, ...rest: unknown[]) => void;
    (target as unknown as { send: typeof send }).send = (data, ...rest) => {
      maxFrame = Math.max(maxFrame, data.byteLength);
      send(data, ...rest);
    };

    const writer = connectClient(server.url, docName, cookie);
    const reader = connectClient(server.url, docName, cookie);
    try {
      await Promise.all([synced(writer), synced(reader)]);

      let maxBuffered = 0;
      const sampler = setInterval(() => {
        maxBuffered = Math.max(maxBuffered, target.bufferedAmount);
      }, 2);
      let sent = 0;
      try {
        while (target.readyState === target.OPEN && sent < 128 * 1024 * 1024) {
          writer.text.insert(writer.text.length, "y".repeat(CHUNK));
          sent += CHUNK;
          maxBuffered = Math.max(maxBuffered, target.bufferedAmount);
          await sleep(5);
        }
      } finally {
        clearInterval(sampler);
      }
      await waitFor(() => target.readyState === target.CLOSED, 5000, "paused socket dropped");
      // The check runs before each send: at most the cap plus the last frame.
      const bound = MAX_BUFFERED_BYTES + maxFrame;
      console.log(
        `paused reader: dropped after ${(sent / 2 ** 20).toFixed(1)} MiB written; ` +
          `server-side buffer peaked at ${(maxBuffered / 2 ** 20).toFixed(2)} MiB (bound ${(bound / 2 ** 20).toFixed(2)} MiB: cap + largest frame)`,
      );
      expect(maxBuffered).toBeGreaterThan(0);
      expect(maxBuffered).toBeLessThanOrEqual(bound);
      // The others are unaffected.
      await waitFor(() => reader.text.length === writer.text.length, 15_000, "reader catch-up");
    } finally {
      writer.destroy();
      reader.destroy();
      paused.ws.terminate();
    }
    await waitFor(() => realtime().openSockets === 0, 5000, "sockets closed");
  });

  it(`leaves no socket, document or registry entry after ${CYCLES} connect/disconnect cycles`, async () => {
    const docs = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => createPlanDoc(server, cookie, `Cycles ${i}`)),
    );
    const heapBefore = process.memoryUsage().heapUsed;
    const registryBefore = openSockets.size;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const client = connectRaw(server.url, docs[cycle % docs.length]!, cookie);
      await client.opened;
      if (cycle % 4 === 1) {
        const doc = new Y.Doc();
        doc.getText("notes").insert(0, `c${cycle} `);
        client.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
      } else if (cycle % 4 === 2) {
        await serverSync(client);
      }
      if (cycle % 10 === 9) client.ws.terminate();
      else client.ws.close();
      await client.closed;
    }
    await waitFor(
      () =>
        realtime().openSockets === 0 &&
        realtime().loadedDocuments === 0 &&
        openSockets.size === registryBefore,
      UNLOAD_AFTER_MS + 10_000,
      "everything released",
    );
    expect(realtime().openSockets).toBe(0);
    expect(realtime().loadedDocuments).toBe(0);
    expect(openSockets.size).toBe(registryBefore);
    console.log(
      `${CYCLES} cycles: 0 sockets, 0 documents, registry back to ${registryBefore}; ` +
        `heap ${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)} MiB from before (no forced GC)`,
    );
    // Every edit sent just before leaving was stored (document 1 got cycles 1, 21, 41, …).
    const check = connectClient(server.url, docs[1]!, cookie);
    await synced(check);
    const stored = check.text.toString().match(/c\d+/g) ?? [];
    expect(stored.sort()).toEqual(
      Array.from({ length: Math.ceil((CYCLES - 1) / 20) }, (_, i) => `c${1 + 20 * i}`).sort(),
    );
    check.destroy();
  }, 3_600_000);
});
