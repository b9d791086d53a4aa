import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, login, startTestServer, type TestServer } from "../harness";
import { spawnKoers, type KoersProcess } from "../processes";
import { connectClient, synced, waitFor, waitForAsync, type Client } from "../realtimeClient";
import { createPlanDoc } from "./planDocs";

/**
 * The table of actions in an action plan document (`plan/<id>`, Y.Array
 * "actions") and the Action records the server projects from it.
 */
interface ActionNode {
  id: string;
  title: { text: string };
  owner: { id: string } | null;
  dueDate: string | null;
  status: string;
  version: number;
}

const ACTIONS = `query($planId: ID!) { actions(planId: $planId, first: 100) { nodes { id title { text } owner { id } dueDate status version } } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateActionInput!) { updateAction(id: $id, version: $version, input: $input) { id status version doneDate } }`;
const CREATE = `mutation($input: CreateActionInput!) { createAction(input: $input) { id status version } }`;

/** An id as a client makes one offline: 24 hex digits, like an ObjectId. */
const newRowId = () => Math.floor(Date.now() / 1000).toString(16) + randomBytes(8).toString("hex");

function addRow(client: Client, values: Record<string, string>): Y.Map<string> {
  const row = new Y.Map<string>();
  for (const [k, v] of Object.entries(values)) row.set(k, v);
  client.doc.getArray<Y.Map<string>>("actions").push([row]);
  return row;
}

function rowOf(client: Client, id: string): Y.Map<string> | undefined {
  return client.doc
    .getArray<Y.Map<string>>("actions")
    .toArray()
    .find((r) => r.get("id") === id);
}

async function listActions(url: string, cookie: string, planId: string): Promise<ActionNode[]> {
  const result = await gql<{ actions: { nodes: ActionNode[] } }>(
    url,
    ACTIONS,
    { planId },
    { cookie },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.actions.nodes;
}

async function recordOf(url: string, cookie: string, planId: string, id: string) {
  return (await listActions(url, cookie, planId)).find((a) => a.id === id);
}

describe("the table of actions of an action plan document", () => {
  let server: TestServer;
  let director: string;
  let viewer: string;
  let directorId: string;
  let planId: string;
  let docName: string;
  const clients: Client[] = [];
  const connect = async (cookie: string) => {
    const client = connectClient(server.url, docName, cookie);
    clients.push(client);
    await synced(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer(import.meta.filename);
    [director, viewer] = await Promise.all([
      server.login("director@koers.demo"),
      server.login("viewer@koers.demo"),
    ]);
    const me = await server.gql<{ viewer: { id: string } }>(
      "{ viewer { id } }",
      {},
      {
        cookie: director,
      },
    );
    directorId = me.data!.viewer.id;
    docName = await createPlanDoc(server, director, "Actieplan 2026");
    planId = docName.slice("plan/".length);
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
  });

  it("creates an Action record with the same fields when a client adds a row", async () => {
    const writer = await connect(director);
    const id = newRowId();
    addRow(writer, {
      id,
      title: "Onthaalbrochure herwerken",
      ownerId: directorId,
      dueDate: "2026-09-30",
      status: "in_progress",
    });
    await waitForAsync(
      async () => !!(await recordOf(server.url, director, planId, id)),
      10_000,
      "the record of the new row",
    );
    expect(await recordOf(server.url, director, planId, id)).toMatchObject({
      id,
      title: { text: "Onthaalbrochure herwerken" },
      owner: { id: directorId },
      dueDate: "2026-09-30",
      status: "in_progress",
    });
    // The audit trail names the user whose update added the row.
    const trail = await server.gql<{
      auditTrail: { nodes: { action: string; entityId: string; actor: { id: string } | null }[] };
    }>(
      `query($planId: ID!) { auditTrail(planId: $planId) { nodes { action entityId actor { id } } } }`,
      { planId },
      { cookie: director },
    );
    expect(trail.data!.auditTrail.nodes).toContainEqual({
      action: "action.create",
      entityId: id,
      actor: { id: directorId },
    });
  });

  it("shows a status changed through GraphQL in every connected client's document", async () => {
    const [a, b] = [await connect(director), await connect(director)];
    const id = newRowId();
    addRow(a, { id, title: "Wachttijden meten", ownerId: "", dueDate: "", status: "not_started" });
    await waitForAsync(async () => !!(await recordOf(server.url, director, planId, id)));
    const record = (await recordOf(server.url, director, planId, id))!;
    const updated = await server.gql<{ updateAction: { status: string; doneDate: string } }>(
      UPDATE,
      { id, version: record.version, input: { status: "done" } },
      { cookie: director },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateAction.status).toBe("done");
    await waitFor(
      () => rowOf(a, id)?.get("status") === "done" && rowOf(b, id)?.get("status") === "done",
      10_000,
      "the status in both documents",
    );
    // The record the mutation returned is what the record still says.
    expect((await recordOf(server.url, director, planId, id))!.status).toBe("done");
  });

  it("adds a row to the document when an action is created through GraphQL", async () => {
    const watcher = await connect(director);
    const created = await server.gql<{ createAction: { id: string } }>(
      CREATE,
      { input: { planId, title: "Via de API", dueDate: "2026-12-31" } },
      { cookie: director },
    );
    const id = created.data!.createAction.id;
    await waitFor(() => !!rowOf(watcher, id), 10_000, "the new row");
    expect(rowOf(watcher, id)!.toJSON()).toMatchObject({
      id,
      title: "Via de API",
      dueDate: "2026-12-31",
      status: "not_started",
    });
  });

  it("normalizes an invalid date typed into the document; the record keeps its valid value", async () => {
    const writer = await connect(director);
    const id = newRowId();
    const row = addRow(writer, {
      id,
      title: "Jaarverslag",
      ownerId: "",
      dueDate: "2026-03-31",
      status: "not_started",
    });
    await waitForAsync(async () => !!(await recordOf(server.url, director, planId, id)));
    row.set("dueDate", "2026-02-30");
    row.set("status", "finished-ish");
    await waitFor(
      () => row.get("dueDate") === "2026-03-31" && row.get("status") === "not_started",
      10_000,
      "the cells written back",
    );
    expect(await recordOf(server.url, director, planId, id)).toMatchObject({
      dueDate: "2026-03-31",
      status: "not_started",
    });
  });

  it("creates no record for a read-only client's rows", async () => {
    const reader = await connect(viewer);
    const writer = await connect(director);
    const ignored = newRowId();
    addRow(reader, { id: ignored, title: "Mag niet", ownerId: "", dueDate: "", status: "done" });
    // A writer's row added after it is projected: by then the reader's would be too.
    const marker = newRowId();
    addRow(writer, { id: marker, title: "Mag wel", ownerId: "", dueDate: "", status: "done" });
    await waitForAsync(async () => !!(await recordOf(server.url, director, planId, marker)));
    expect(await recordOf(server.url, director, planId, ignored)).toBeUndefined();
    expect(rowOf(writer, ignored)).toBeUndefined();
  });

  it("deletes the record when its row is deleted", async () => {
    const writer = await connect(director);
    const id = newRowId();
    addRow(writer, { id, title: "Tijdelijk", ownerId: "", dueDate: "", status: "not_started" });
    await waitForAsync(async () => !!(await recordOf(server.url, director, planId, id)));
    const table = writer.doc.getArray<Y.Map<string>>("actions");
    table.delete(
      table.toArray().findIndex((r) => r.get("id") === id),
      1,
    );
    await waitForAsync(
      async () => !(await recordOf(server.url, director, planId, id)),
      10_000,
      "the record deleted",
    );
    expect(await recordOf(server.url, director, planId, id)).toBeUndefined();
  });
});

describe("after a crash of the process group", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koers-actiontable-"));
  let koers: KoersProcess | undefined;
  afterAll(async () => {
    await koers?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("reconciles records with the document at startup", async () => {
    // No projection before the kill: only the startup repair can create the records.
    koers = await spawnKoers(dataDir, { ACTION_SYNC_DEBOUNCE_MS: "600000" });
    let cookie = await login(koers.url, "director@koers.demo");
    const server = {
      url: koers.url,
      gql: (q: string, v?: Record<string, unknown>, o?: { cookie?: string }) =>
        gql(koers!.url, q, v, o),
    } as unknown as TestServer;
    const docName = await createPlanDoc(server, cookie, "Na de crash");
    const planId = docName.slice("plan/".length);
    const writer = connectClient(koers.url, docName, cookie);
    const watcher = connectClient(koers.url, docName, cookie);
    await Promise.all([synced(writer), synced(watcher)]);
    const ids = Array.from({ length: 3 }, newRowId);
    for (const [i, id] of ids.entries())
      addRow(writer, {
        id,
        title: `Actie ${i}`,
        ownerId: "",
        dueDate: "2026-06-30",
        status: "in_progress",
      });
    // Relayed means stored; the kill comes before the projection's debounce ends.
    await waitFor(() => ids.every((id) => !!rowOf(watcher, id)), 10_000, "rows relayed");
    expect(await listActions(koers.url, cookie, planId)).toEqual([]);
    await koers.killGroup();
    writer.destroy();
    watcher.destroy();

    koers = await spawnKoers(dataDir);
    cookie = await login(koers.url, "director@koers.demo");
    await waitForAsync(
      async () => (await listActions(koers!.url, cookie, planId)).length === ids.length,
      20_000,
      "records of every row",
    );
    const records = await listActions(koers.url, cookie, planId);
    expect(records.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const record of records)
      expect(record).toMatchObject({ dueDate: "2026-06-30", status: "in_progress" });
  }, 180_000);
});
