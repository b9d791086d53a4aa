import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
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
import { encodeSyncStep1, encodeUpdate } from "../../server/realtime/protocol";
import { logCollectionName } from "../../server/realtime/docStore";
import { MAX_FRAME_BYTES } from "../../server/realtime/server";
import { createPlanDoc } from "./planDocs";

/** Bounds: frame size, slow readers, idle documents, connection churn, failed loads. */
const UNLOAD_AFTER_MS = 300;

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
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const serverSync = (client: RawClient) =>
  waitFor(() => client.frames.some((f) => frameKind(f) === "sync-step-1"), 5000, "sync step 1");

describe("realtime limits", () => {
  it("closes a socket that sends a frame over 8 MiB with 1009 and keeps serving", async () => {
    const docName = await createPlanDoc(server, cookie, "Frame limit");
    const client = connectRaw(server.url, docName, cookie);
    await client.opened;
    await serverSync(client);
    const huge = new Uint8Array(MAX_FRAME_BYTES + 1024);
    huge.set([0, 2]);
    client.ws.send(huge);
    expect((await client.closed).code).toBe(1009);

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const other = connectClient(server.url, docName, cookie);
    await synced(other);
    other.text.insert(0, "still here");
    const watcher = connectClient(server.url, docName, cookie);
    await waitFor(() => watcher.text.toString() === "still here", 5000, "relay");
    other.destroy();
    watcher.destroy();
  });

  it("drops a client that stops reading instead of buffering for it", async () => {
    const docName = await createPlanDoc(server, cookie, "Paused reader");
    const paused = connectRaw(server.url, docName, cookie);
    await paused.opened;
    await serverSync(paused);
    // Stop reading at the TCP level: the kernel buffers fill, then the server's.
    (paused.ws as unknown as { _socket: Socket })._socket.pause();
    const writer = connectClient(server.url, docName, cookie);
    const reader = connectClient(server.url, docName, cookie);
    await Promise.all([synced(writer), synced(reader)]);
    expect(realtime().openSockets).toBe(3);

    const chunk = "x".repeat(256 * 1024);
    let sentBytes = 0;
    while (realtime().openSockets === 3 && sentBytes < 96 * 1024 * 1024) {
      writer.text.insert(writer.text.length, chunk);
      sentBytes += chunk.length;
      await sleep(10);
    }
    expect(realtime().openSockets).toBe(2);
    // The others are unaffected and still up to date.
    await waitFor(() => reader.text.length === writer.text.length, 10_000, "reader catch-up");
    console.log(`paused reader dropped after ${(sentBytes / 2 ** 20).toFixed(1)} MiB relayed`);
    writer.destroy();
    reader.destroy();
    paused.ws.terminate();
  });

  it("unloads a document once it has had no connection for YJS_UNLOAD_AFTER_MS", async () => {
    const docName = await createPlanDoc(server, cookie, "Unload");
    const client = connectClient(server.url, docName, cookie);
    await synced(client);
    client.text.insert(0, "kept");
    await sleep(100);
    const loadedBefore = realtime().loadedDocuments;
    client.destroy();
    await waitFor(() => realtime().openSockets === 0, 5000, "socket closed");
    expect(realtime().loadedDocuments).toBe(loadedBefore);
    await waitFor(() => realtime().loadedDocuments === 0, UNLOAD_AFTER_MS + 2000, "unload");

    const again = connectClient(server.url, docName, cookie);
    await synced(again);
    expect(again.text.toString()).toBe("kept");
    again.destroy();
  });

  it("leaves no document and no socket behind after 200 connect/disconnect cycles", async () => {
    const docs = await Promise.all(
      [0, 1, 2, 3].map((i) => createPlanDoc(server, cookie, `Churn ${i}`)),
    );
    for (let cycle = 0; cycle < 200; cycle++) {
      const docName = docs[cycle % docs.length]!;
      const client = connectRaw(server.url, docName, cookie);
      await client.opened;
      if (cycle % 3 === 1) {
        // An edit, then gone before it is stored.
        const doc = new Y.Doc();
        doc.getText("notes").insert(0, `cycle ${cycle} `);
        client.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
      } else if (cycle % 3 === 2) {
        await serverSync(client);
        await client.send(encodeSyncStep1(new Y.Doc()));
      }
      // Every other cycle leaves before the document has even loaded.
      client.ws.close();
      await client.closed;
    }
    await waitFor(
      () => realtime().openSockets === 0 && realtime().loadedDocuments === 0,
      UNLOAD_AFTER_MS + 5000,
      "every document unloaded",
    );
    expect(realtime().openSockets).toBe(0);
    expect(realtime().loadedDocuments).toBe(0);
    // The edits sent just before leaving were stored (document 1 got cycles 1, 13, … 193).
    const check = connectClient(server.url, docs[1]!, cookie);
    await synced(check);
    const stored = check.text
      .toString()
      .match(/cycle \d+/g)!
      .sort();
    expect(stored).toEqual(Array.from({ length: 17 }, (_, i) => `cycle ${1 + 12 * i}`).sort());
    check.destroy();
  });

  it("closes the socket (1011) and sends no document when loading it fails", async () => {
    const docName = await createPlanDoc(server, cookie, "Unreadable");
    // A snapshot row that cannot be read.
    await mongoose.connection
      .db!.collection("yjs_snapshots")
      .insertOne({ _id: docName, update: "not bytes", seq: 1 } as never);
    const rowsBefore = await mongoose.connection
      .db!.collection(logCollectionName(docName))
      .countDocuments();
    const client = connectRaw(server.url, docName, cookie);
    await client.opened;
    const doc = new Y.Doc();
    doc.getText("notes").insert(0, "must not be stored");
    client.ws.send(encodeSyncStep1(doc));
    client.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    expect((await client.closed).code).toBe(1011);
    expect(client.frames.filter((f) => frameKind(f) !== "awareness")).toEqual([]);
    const rowsAfter = await mongoose.connection
      .db!.collection(logCollectionName(docName))
      .countDocuments();
    expect(rowsAfter).toBe(rowsBefore);
    await mongoose.connection.db!.collection("yjs_snapshots").deleteOne({ _id: docName } as never);
  });
});
