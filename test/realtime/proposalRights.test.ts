import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { connectClient, synced, waitFor, type Client } from "../realtimeClient";

/**
 * Rights to a co-written document are checked when its socket connects, so a
 * change of rights must reach sockets that are already open: once the author
 * submits a proposal, the implementation plan is no longer theirs to write, and
 * what their open editor still sends is neither stored nor relayed.
 */
let server: TestServer;
let head: string;
let unitId: string;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  head = await server.login("head@koers.demo");
  const me = await server.gql<{ viewer: { memberships: { orgUnit: { id: string } }[] } }>(
    "{ viewer { memberships { orgUnit { id } } } }",
    {},
    { cookie: head },
  );
  unitId = me.data!.viewer.memberships[0]!.orgUnit.id;
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await server?.stop();
});

function connect(docName: string): Client {
  const client = connectClient(server.url, docName, head);
  clients.push(client);
  return client;
}

describe("a proposal's implementation plan when the proposal moves on", () => {
  it("closes the author's open socket on submit; what it sends afterwards is not stored", async () => {
    const created = await server.gql<{ createProposal: { id: string; version: number } }>(
      `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id version } }`,
      {
        input: {
          orgUnitId: unitId,
          title: "Gedeelde wagenpark-planning",
          problem: "Elke dienst plant zijn wagens apart.",
          proposal: "Eén planning voor alle dienstwagens.",
        },
      },
      { cookie: head },
    );
    expect(created.errors).toBeUndefined();
    const { id, version } = created.data!.createProposal;
    const docName = `proposal/${id}`;

    const author = connect(docName);
    const watcher = connect(docName);
    await Promise.all([synced(author), synced(watcher)]);
    const closes: number[] = [];
    author.provider.on("connection-close", (event) => {
      if (event) closes.push(event.code);
    });
    author.text.insert(0, "Written in draft.");
    await waitFor(() => watcher.text.toString() === "Written in draft.", 10_000, "draft relayed");

    const submitted = await server.gql<{ transitionProposal: { stage: string } }>(
      `mutation($id: ID!, $version: Int!) {
        transitionProposal(id: $id, version: $version, input: { action: submit }) { stage }
      }`,
      { id, version },
      { cookie: head },
    );
    expect(submitted.data?.transitionProposal.stage).toBe("submitted");
    // Closed with 4000 ("rights changed"); y-websocket reconnects and syncs, read-only now.
    await waitFor(() => closes.includes(4000), 5_000, "the author's socket closed");
    await waitFor(() => author.provider.synced && author.provider.wsconnected, 10_000, "resync");

    author.text.insert(author.text.length, " Written after submitting.");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(watcher.text.toString()).toBe("Written in draft.");
    const fresh = connect(docName);
    await synced(fresh);
    expect(fresh.text.toString()).toBe("Written in draft.");
  });
});
