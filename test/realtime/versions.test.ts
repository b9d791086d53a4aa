import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../harness";
import { connectClient, synced, waitFor, type Client } from "../realtimeClient";
import { readDocState } from "../../server/realtime/docStore";
import { VersionService } from "../../server/realtime/versions";
import { createPlanDoc } from "./planDocs";

let server: TestServer;
let cookie: string;
let versions: VersionService;
const userId = "user-director";

beforeAll(async () => {
  server = await startTestServer(import.meta.filename, { YJS_UNLOAD_AFTER_MS: "200" });
  cookie = await server.login("director@koers.demo");
  versions = new VersionService(server.koers.realtime);
});
afterAll(() => server?.stop());

function contentOf(doc: Y.Doc) {
  return {
    notes: doc.getText("notes").toDelta(),
    actions: doc.getMap("actions").toJSON(),
    body: doc.getXmlFragment("body").toString(),
  };
}

function contentOfState(state: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return contentOf(doc);
}

const same = (client: Client, expected: ReturnType<typeof contentOf>) =>
  JSON.stringify(contentOf(client.doc)) === JSON.stringify(expected);

function write(client: Client, words: string): void {
  client.doc.transact(() => {
    client.text.insert(client.text.length, words);
    client.doc.getMap("actions").set(`action-${words.length}`, { owner: words, status: "open" });
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(words)]);
    client.doc.getXmlFragment("body").push([paragraph]);
  });
}

describe("named versions", () => {
  it("restores a saved version for every connected client, and keeps later versions", async () => {
    const docName = await createPlanDoc(server, cookie, "Versions");
    const a = connectClient(server.url, docName, cookie);
    const b = connectClient(server.url, docName, cookie);
    await Promise.all([synced(a), synced(b)]);
    write(a, "Krachtlijn 1. ");
    a.text.format(0, 10, { bold: true });
    await waitFor(() => same(b, contentOf(a.doc)), 5000, "b in step");

    const board = await versions.saveVersion(docName, " Sent to the board, March 2025 ", userId);
    expect(board.name).toBe("Sent to the board, March 2025");
    const boardContent = contentOfState(await versions.getVersionState(board.id, docName));
    expect(boardContent).toEqual(contentOf(a.doc));

    a.text.delete(0, 5);
    write(b, "Later toegevoegd. ");
    b.doc.getMap("actions").delete("action-14");
    await waitFor(() => same(a, contentOf(b.doc)), 5000, "a in step");
    const later = await versions.saveVersion(docName, "Later", userId);

    await versions.restoreVersion(docName, board.id, userId);
    await waitFor(() => same(a, boardContent) && same(b, boardContent), 5000, "restore");
    expect(a.text.toString()).toBe("Krachtlijn 1. ");
    expect(contentOfState(await readDocState(docName))).toEqual(boardContent);

    // Restoring twice is fine; the later version is kept and can be restored too.
    await versions.restoreVersion(docName, board.id, userId);
    expect(contentOfState(await readDocState(docName))).toEqual(boardContent);
    expect((await versions.listVersions(docName)).map((v) => v.name)).toEqual([
      "Later",
      "Sent to the board, March 2025",
    ]);
    const laterContent = contentOfState(await versions.getVersionState(later.id));
    await versions.restoreVersion(docName, later.id, userId);
    await waitFor(() => same(a, laterContent) && same(b, laterContent), 5000, "restore later");
    a.destroy();
    b.destroy();
  });

  it("merges a client that kept its state offline without duplicating text", async () => {
    const docName = await createPlanDoc(server, cookie, "Offline");
    const writer = connectClient(server.url, docName, cookie);
    const away = connectClient(server.url, docName, cookie);
    await Promise.all([synced(writer), synced(away)]);
    write(writer, "Eerste versie. ");
    // A version holds what the server has stored: wait until it has this edit.
    await waitFor(() => same(away, contentOf(writer.doc)), 5000, "away in step");
    const first = await versions.saveVersion(docName, "Eerste", userId);
    write(writer, "Tweede zin. ");
    await waitFor(() => same(away, contentOf(writer.doc)), 5000, "away in step");
    away.provider.disconnect();

    await versions.restoreVersion(docName, first.id, userId);
    const expected = contentOfState(await versions.getVersionState(first.id));
    await waitFor(() => same(writer, expected), 5000, "writer restored");
    away.provider.connect();
    await waitFor(() => same(away, expected), 5000, "away restored");
    expect(away.text.toString()).toBe("Eerste versie. ");
    expect(writer.text.toString()).toBe("Eerste versie. ");
    writer.destroy();
    away.destroy();
  });

  it("restores a document nobody has open, then unloads it again", async () => {
    const docName = await createPlanDoc(server, cookie, "Closed");
    const client = connectClient(server.url, docName, cookie);
    await synced(client);
    write(client, "Bewaard. ");
    const watcher = connectClient(server.url, docName, cookie);
    await waitFor(() => same(watcher, contentOf(client.doc)), 5000, "stored");
    watcher.destroy();
    const saved = await versions.saveVersion(docName, "Bewaard", userId);
    write(client, "Weg. ");
    const expected = contentOfState(await versions.getVersionState(saved.id));
    expect(expected.notes).toEqual([{ insert: "Bewaard. " }]);
    // Let the last edit reach the server before leaving.
    await new Promise((r) => setTimeout(r, 300));
    client.destroy();
    const realtime = server.koers.realtime;
    await waitFor(() => realtime.loadedDocuments === 0, 5000, "unload");

    expect((await versions.restoreVersion(docName, saved.id, userId)).changed).toBe(true);
    expect(contentOfState(await readDocState(docName))).toEqual(expected);
    await waitFor(() => realtime.loadedDocuments === 0, 5000, "unload after restore");
  });

  it("refuses an unknown version, another document's version and an empty name", async () => {
    const docName = await createPlanDoc(server, cookie, "Refusals");
    const other = await createPlanDoc(server, cookie, "Other");
    const saved = await versions.saveVersion(docName, "Eén", userId);
    await expect(versions.getVersionState("not-an-id")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(versions.getVersion("0123456789abcdef01234567")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(versions.restoreVersion(other, saved.id, userId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(versions.getVersionState(saved.id, other)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(versions.saveVersion(docName, "   ", userId)).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      field: "name",
    });
    expect(await versions.listVersions(other)).toEqual([]);
    expect(await versions.getVersion(saved.id)).toMatchObject({ doc: docName, name: "Eén" });
  });
});
