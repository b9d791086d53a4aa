import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { startTestServer, withClient, testConfig, type TestServer } from "../harness";
import * as Y from "yjs";
import {
  connectClient,
  connectRaw,
  frameKind,
  synced,
  upgradeStatus,
  waitFor,
  waitForAsync,
} from "../realtimeClient";
import { startKoers } from "../../server/start";
import { createOrganisation, createOrgUnit } from "../../server/modules/orgs";
import { createUser } from "../../server/modules/users";
import { logCollectionName, readDocState } from "../../server/realtime/docStore";
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from "../../server/realtime/protocol";

let server: TestServer;
let director: string;
let viewer: string;
let outsider: string;
let planId: string;

beforeAll(async () => {
  server = await startTestServer(import.meta.filename, { YJS_COMPACT_AFTER_UPDATES: "50" });
  const org = await createOrganisation("Elders");
  const unit = await createOrgUnit({ organisationId: String(org._id), code: "X", name: "Elders" });
  await createUser({
    organisationId: String(org._id),
    email: "outsider@elders.test",
    name: "Otto Outsider",
    password: "outsider-pass-1",
    memberships: [{ orgUnitId: String(unit._id), role: "mandate_holder" }],
  });
  [director, viewer, outsider] = await Promise.all([
    server.login("director@koers.demo"),
    server.login("viewer@koers.demo"),
    server.login("outsider@elders.test", "outsider-pass-1"),
  ]);
  const plans = await server.gql<{ plans: { nodes: { id: string }[] } }>(
    "{ plans { nodes { id } } }",
    {},
    { cookie: director },
  );
  planId = plans.data!.plans.nodes[0]!.id;
});
afterAll(() => server?.stop());

const storedRows = async (docName: string) =>
  mongoose.connection.db!.collection(logCollectionName(docName)).countDocuments();

describe("the /yjs endpoint", () => {
  it("lets two stock WebsocketProvider clients see each other's edits", async () => {
    const a = connectClient(server.url, `plan/${planId}`, director);
    const b = connectClient(server.url, `plan/${planId}`, director);
    await Promise.all([synced(a), synced(b)]);
    a.text.insert(0, "Krachtlijn 1: ");
    b.text.insert(0, "Doel: ");
    await waitFor(
      () => a.text.toString() === b.text.toString() && a.text.length > 14,
      5000,
      "convergence",
    );
    expect(a.text.toString()).toContain("Krachtlijn 1: ");
    expect(a.text.toString()).toContain("Doel: ");
    a.destroy();
    b.destroy();
  });

  it("refuses an anonymous client (401), an outsider (403), a bad name (404) and a foreign origin (403)", async () => {
    const ws = `${server.url.replace("http", "ws")}/yjs`;
    expect(await upgradeStatus(`${ws}/plan/${planId}`)).toBe(401);
    expect(await upgradeStatus(`${ws}/plan/${planId}`, { cookie: outsider })).toBe(403);
    expect(await upgradeStatus(`${ws}/plan/not-an-id`, { cookie: director })).toBe(404);
    expect(await upgradeStatus(`${ws}/secret/${planId}`, { cookie: director })).toBe(404);
    expect(
      await upgradeStatus(`${ws}/plan/${planId}`, {
        cookie: director,
        origin: "https://evil.example",
      }),
    ).toBe(403);
    expect(await upgradeStatus(`${ws}/plan/${planId}`, { cookie: director })).toBe(101);
  });

  it("sends the document to a read-only user but never stores or relays their edits", async () => {
    const docName = `plan/${planId}`;
    const writer = connectClient(server.url, docName, director);
    const reader = connectClient(server.url, docName, viewer);
    await Promise.all([synced(writer), synced(reader)]);
    expect(reader.text.toString()).toBe(writer.text.toString());
    const before = await storedRows(docName);
    reader.text.insert(0, "VANDALISM");
    await new Promise((r) => setTimeout(r, 500));
    expect(writer.text.toString()).not.toContain("VANDALISM");
    expect(await storedRows(docName)).toBe(before);
    writer.text.insert(0, "ok ");
    await waitFor(() => reader.text.toString().includes("ok "), 5000, "relay to reader");
    writer.destroy();
    reader.destroy();
  });

  it("stores and relays nothing of 100 updates and 100 sync step 2 frames from a read-only socket", async () => {
    const docName = `plan/${planId}`;
    const watcher = connectRaw(server.url, docName, director);
    const reader = connectRaw(server.url, docName, viewer);
    await Promise.all([watcher.opened, reader.opened]);
    await waitFor(() => watcher.frames.some((f) => frameKind(f) === "sync-step-1"), 5000, "sync");
    const rowsBefore = await storedRows(docName);
    const stateBefore = await readDocState(docName);
    watcher.frames.length = 0;

    const forged = new Y.Doc();
    Y.applyUpdate(forged, stateBefore);
    for (let i = 0; i < 100; i++) {
      const sv = Y.encodeStateVector(forged);
      forged.getText("notes").insert(0, `FORGED-${i} `);
      await reader.send(encodeUpdate(Y.encodeStateAsUpdate(forged, sv)));
    }
    for (let i = 0; i < 100; i++) {
      forged.getMap("actions").set(`forged-${i}`, i);
      await reader.send(encodeSyncStep2(forged, Y.encodeStateVector(new Y.Doc())));
    }
    // The pipeline is serial: once the reader's own sync step 1 is answered,
    // every frame it sent before has been handled.
    reader.frames.length = 0;
    await reader.send(encodeSyncStep1(new Y.Doc()));
    await waitFor(() => reader.frames.some((f) => frameKind(f) === "sync-step-2"), 5000, "reply");

    expect(await storedRows(docName)).toBe(rowsBefore);
    expect(Buffer.from(await readDocState(docName))).toEqual(Buffer.from(stateBefore));
    const relayed = watcher.frames.filter((f) => frameKind(f) !== "awareness");
    expect(relayed.reduce((n, f) => n + f.byteLength, 0)).toBe(0);
    watcher.ws.close();
    reader.ws.close();
  });

  it("closes the sockets of a session at logout", async () => {
    const cookie = await server.login("director@koers.demo");
    const client = connectClient(server.url, `plan/${planId}`, cookie);
    await synced(client);
    let closedWith = 0;
    client.provider.ws!.addEventListener("close", (e) => (closedWith = (e as CloseEvent).code));
    await fetch(`${server.url}/auth/logout`, { method: "POST", headers: { cookie } });
    await waitFor(() => closedWith !== 0, 5000, "socket close");
    expect(closedWith).toBe(4401);
    client.destroy();
  });

  it("keeps every edit across a restart and compacts long histories", async () => {
    const docName = `plan/${planId}`;
    const client = connectClient(server.url, docName, director);
    await synced(client);
    for (let i = 0; i < 120; i++) client.text.insert(client.text.length, `${i},`);
    const expected = client.text.toString();
    // Another client sees all of it: the server stored it before relaying.
    const watcher = connectClient(server.url, docName, director);
    await waitFor(() => watcher.text.toString() === expected, 10_000, "watcher");
    client.destroy();
    watcher.destroy();
    // Compaction ran in the background: fewer rows than edits remain.
    await waitForAsync(async () => (await storedRows(docName)) < 120, 10_000, "compaction");

    await server.stop();
    server = withClient(
      await startKoers(testConfig({ KOERS_DB_NAME: server.dbName })),
      server.dbName,
    );
    const cookie = await server.login("director@koers.demo");
    const after = connectClient(server.url, docName, cookie);
    await synced(after);
    expect(after.text.toString()).toBe(expected);
    after.destroy();
  });
});

describe("hostile document names", () => {
  it("answers 4xx to malformed and fuzzed names and stays up", async () => {
    const ws = `${server.url.replace("http", "ws")}/yjs`;
    const names = [
      "%E0%A4%A",
      "plan/%00",
      "plan/..%2F..%2Fetc",
      "plan/" + "a".repeat(5000),
      "plan/6b08d7386960e697aecca997/extra",
      "PLAN/6b08d7386960e697aecca997",
      "plan/6b08d7386960e697aecca99g",
    ];
    for (let i = 0; i < 40; i++)
      names.push(`plan/${Math.random().toString(36).slice(2)}${"%".repeat(i % 3)}`);
    for (const name of names) {
      const status = await upgradeStatus(`${ws}/${name}`, { cookie: director });
      expect(status, name).toBeGreaterThanOrEqual(400);
      expect(status, name).toBeLessThan(500);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
