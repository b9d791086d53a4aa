import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../harness";
import { connectClient, connectRaw, frameKind, synced, waitFor } from "../realtimeClient";
import { encodeUpdate } from "../../server/realtime/protocol";
import { missingDependencies } from "../../server/realtime/room";
import { createPlanDoc } from "./planDocs";

/** Updates with missing dependencies are refused; dead sockets are cut off by the heartbeat. */
const HEARTBEAT_MS = 200;

let server: TestServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer(import.meta.filename, {
    YJS_HEARTBEAT_MS: String(HEARTBEAT_MS),
  });
  cookie = await server.login("director@koers.demo");
});
afterAll(() => server?.stop());

/** Two consecutive updates of one client: the second depends on the first. */
function dependentUpdates() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  doc.getText("notes").insert(0, "first ");
  doc.getText("notes").insert(6, "second");
  doc.getText("notes").delete(0, 2);
  return { doc, updates };
}

describe("missingDependencies", () => {
  it("accepts what a document can integrate and names what it cannot", () => {
    const { updates } = dependentUpdates();
    const room = new Y.Doc();
    expect(missingDependencies(room, updates[0]!)).toBeNull();
    expect(missingDependencies(room, updates[1]!)).toMatch(/starts at 6/);
    expect(missingDependencies(room, updates[2]!)).toMatch(/deletion/);
    expect(missingDependencies(room, Y.mergeUpdates(updates))).toBeNull();
    Y.applyUpdate(room, updates[0]!);
    expect(missingDependencies(room, updates[1]!)).toBeNull();
    // An item of another client whose origin the room lacks.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.mergeUpdates(updates));
    const before = Y.encodeStateVector(other);
    other.getText("notes").insert(5, "!");
    expect(missingDependencies(room, Y.encodeStateAsUpdate(other, before))).toMatch(/unknown item/);
  });
});

describe("realtime hygiene", () => {
  it("refuses an update whose dependencies the room lacks, closing its sender with 1003", async () => {
    const docName = await createPlanDoc(server, cookie, "Missing dependencies");
    const honest = connectClient(server.url, docName, cookie);
    await synced(honest);
    honest.text.insert(0, "kept");
    const honestCloses: number[] = [];
    honest.provider.on("connection-close", (event: CloseEvent | null) =>
      honestCloses.push(event?.code ?? -1),
    );

    const raw = connectRaw(server.url, docName, cookie);
    await raw.opened;
    await waitFor(() => raw.frames.some((f) => frameKind(f) === "sync-step-1"), 5000, "sync");
    const { updates } = dependentUpdates();
    await raw.send(encodeUpdate(updates[1]!));
    expect((await raw.closed).code).toBe(1003);

    // Nothing of it is pending, stored or relayed; the room keeps serving.
    honest.text.insert(4, " going");
    const watcher = connectClient(server.url, docName, cookie);
    await waitFor(() => watcher.text.toString() === "kept going", 5000, "relay");
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await server.koers.realtime.readState(docName));
    expect(stored.getText("notes").toString()).toBe("kept going");
    expect(stored.store.pendingStructs).toBeNull();
    expect(stored.store.pendingDs).toBeNull();
    expect(watcher.doc.store.pendingStructs).toBeNull();
    expect(honestCloses, "the honest client stays connected (no reload)").toEqual([]);
    honest.destroy();
    watcher.destroy();
  });

  it("accepts an offline client's edits once it has synced", async () => {
    const docName = await createPlanDoc(server, cookie, "Offline edits");
    const offline = connectClient(server.url, docName, cookie, { connect: false });
    offline.text.insert(0, "written offline");
    offline.text.insert(15, ", then more");
    offline.provider.connect();
    await synced(offline);
    const watcher = connectClient(server.url, docName, cookie);
    await waitFor(
      () => watcher.text.toString() === "written offline, then more",
      5000,
      "offline edits arrive",
    );
    offline.destroy();
    watcher.destroy();
  });

  it("terminates a socket that stops answering pings", async () => {
    const docName = await createPlanDoc(server, cookie, "Heartbeat");
    const url = `${server.url.replace(/^http/, "ws")}/yjs/${docName}`;
    const dead = new WebSocket(url, { headers: { cookie }, autoPong: false });
    const live = new WebSocket(url, { headers: { cookie } });
    let pings = 0;
    dead.on("ping", () => pings++);
    const deadClosed = new Promise<number>((resolve) => dead.once("close", resolve));
    let liveClosed = false;
    live.once("close", () => (liveClosed = true));
    await Promise.all([dead, live].map((ws) => new Promise((r) => ws.once("open", r))));

    // 1006: cut off without a close frame, after the ping it left unanswered.
    expect(await deadClosed).toBe(1006);
    expect(pings).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, HEARTBEAT_MS * 3));
    expect(liveClosed).toBe(false);
    live.close();
  });
});
