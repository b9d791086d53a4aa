import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../harness";
import { connectClient, synced, waitFor } from "../realtimeClient";

let server: TestServer;
let director: string;
let viewer: string;
let head: string;
let docName: string;

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  [director, viewer, head] = await Promise.all([
    server.login("director@koers.demo"),
    server.login("viewer@koers.demo"),
    server.login("head@koers.demo"),
  ]);
  const plans = await server.gql<{ plans: { nodes: { id: string }[] } }>(
    "{ plans { nodes { id } } }",
    {},
    { cookie: director },
  );
  docName = `plan/${plans.data!.plans.nodes[0]!.id}`;
});
afterAll(() => server?.stop());

const SAVE = `mutation($doc: String!, $name: String!) { saveDocumentVersion(docName: $doc, name: $name) { id name createdBy { name } } }`;
const LIST = `query($doc: String!) { documentVersions(docName: $doc) { id name } }`;
const RESTORE = `mutation($doc: String!, $id: ID!) { restoreDocumentVersion(docName: $doc, id: $id) { id name } }`;
const CONTENT = `query($doc: String!, $id: ID!) { documentVersionContent(docName: $doc, id: $id) }`;

describe("named versions over GraphQL", () => {
  it("saves, lists, shows and restores a version as a new edit that reaches connected clients", async () => {
    const client = connectClient(server.url, docName, director);
    await synced(client);
    client.text.insert(0, "Versie voor de raad van maart. ");
    await new Promise((r) => setTimeout(r, 300));
    const saved = await server.gql<{
      saveDocumentVersion: { id: string; name: string; createdBy: { name: string } };
    }>(SAVE, { doc: docName, name: "Naar de raad, maart 2025" }, { cookie: director });
    expect(saved.data!.saveDocumentVersion).toMatchObject({
      name: "Naar de raad, maart 2025",
      createdBy: { name: "Dirk Directeur" },
    });
    const id = saved.data!.saveDocumentVersion.id;

    client.text.insert(client.text.length, "Later toegevoegd.");
    const list = await server.gql<{ documentVersions: { id: string }[] }>(
      LIST,
      { doc: docName },
      { cookie: viewer },
    );
    expect(list.data!.documentVersions.map((v) => v.id)).toContain(id);

    const content = await server.gql<{ documentVersionContent: string }>(
      CONTENT,
      { doc: docName, id },
      { cookie: viewer },
    );
    const view = new Y.Doc();
    Y.applyUpdate(view, Buffer.from(content.data!.documentVersionContent, "base64"));
    expect(view.getText("notes").toString()).toBe("Versie voor de raad van maart. ");

    const restored = await server.gql(RESTORE, { doc: docName, id }, { cookie: director });
    expect(restored.errors).toBeUndefined();
    await waitFor(
      () => client.text.toString() === "Versie voor de raad van maart. ",
      5000,
      "restore reaches the client",
    );
    client.destroy();
  });

  it("lets readers list but not save or restore, and hides the document from others", async () => {
    expect(
      (await server.gql(SAVE, { doc: docName, name: "x" }, { cookie: viewer })).errors?.[0]
        ?.extensions?.code,
    ).toBe("FORBIDDEN");
    expect(
      (await server.gql(LIST, { doc: docName }, { cookie: head })).errors?.[0]?.extensions?.code,
    ).toBe("NOT_FOUND");
    expect(
      (await server.gql(LIST, { doc: "plan/../x" }, { cookie: director })).errors?.[0]?.extensions
        ?.code,
    ).toBe("NOT_FOUND");
    expect((await server.gql(LIST, { doc: docName })).errors?.[0]?.extensions?.code).toBe(
      "UNAUTHENTICATED",
    );
  });
});
