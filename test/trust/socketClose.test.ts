import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type Client as WsClient } from "graphql-ws";
import WebSocket from "ws";
import { startTestServer, type TestServer } from "../harness";
import { connectClient, synced, upgradeStatus, waitFor, type Client } from "../realtimeClient";
import { createPlanDoc } from "../realtime/planDocs";

/**
 * Issue #10 / reliability-anchors R3: logout, removal from a unit and a disabled
 * account close every Yjs and graphql-ws socket of that user within 5 s, and
 * reconnecting is refused. Each socket is a real client: y-websocket's
 * WebsocketProvider and graphql-ws's client, subscribed to the plan's events.
 */
let server: TestServer;
let director: string;
let admin: string;
let docName: string;
let planId: string;
const timings: string[] = [];

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  director = await server.login("director@koers.demo");
  admin = await server.login("admin@koers.demo");
  docName = await createPlanDoc(server, director, "Sockets that must close");
  planId = docName.slice("plan/".length);
});
afterAll(async () => {
  console.log(`socket close times:\n  ${timings.join("\n  ")}`);
  await server?.stop();
});

const wsUrl = () => `${server.url.replace(/^http/, "ws")}`;

async function userId(email: string): Promise<string> {
  const user = await import("../../server/modules/users/model").then((m) =>
    m.UserModel.findOne({ emailLower: email }).lean(),
  );
  return String(user!._id);
}

/** A change by the director that planEvents subscribers hear about. */
async function touchPlan(): Promise<void> {
  const read = await server.gql<{ plan: { version: number } }>(
    `query($id: ID!) { plan(id: $id) { version } }`,
    { id: planId },
    { cookie: director },
  );
  await server.gql(
    `mutation($id: ID!, $version: Int!, $input: UpdatePlanInput!) {
      updatePlan(id: $id, version: $version, input: $input) { id }
    }`,
    { id: planId, version: read.data!.plan.version, input: { description: `t${Date.now()}` } },
    { cookie: director },
  );
}

interface Subscriber {
  client: WsClient;
  events: number;
  errors: unknown[];
  closedAt: number | null;
  closeCode: number | null;
}

/** A graphql-ws client subscribed to the plan's events, once the first event has arrived. */
async function subscribe(cookie: string): Promise<Subscriber> {
  const sub: Subscriber = {
    client: createClient({
      url: `${wsUrl()}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { cookie } });
        }
      },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
    }),
    events: 0,
    errors: [],
    closedAt: null,
    closeCode: null,
  };
  sub.client.on("closed", (event) => {
    sub.closedAt ??= performance.now();
    sub.closeCode ??= (event as { code?: number }).code ?? null;
  });
  sub.client.subscribe(
    {
      query: `subscription($planId: ID!) { planEvents(planId: $planId) { kind } }`,
      variables: { planId },
    },
    {
      next: (message) => {
        if (message.errors?.length) sub.errors.push(message.errors);
        else sub.events++;
      },
      error: (error) => sub.errors.push(error),
      complete: () => undefined,
    },
  );
  const poke = setInterval(() => void touchPlan(), 300);
  try {
    await waitFor(() => sub.events > 0, 10_000, "first subscription event");
  } finally {
    clearInterval(poke);
  }
  return sub;
}

interface YjsWatch {
  client: Client;
  closedAt: number | null;
  closeCode: number | null;
}

async function openDoc(cookie: string): Promise<YjsWatch> {
  const watch: YjsWatch = {
    client: connectClient(server.url, docName, cookie),
    closedAt: null,
    closeCode: null,
  };
  await synced(watch.client);
  watch.client.provider.ws!.addEventListener("close", (e) => {
    watch.closedAt ??= performance.now();
    watch.closeCode ??= (e as CloseEvent).code;
  });
  return watch;
}

/** The outcome of subscribing again with a cookie: refused at the upgrade, an error, or events. */
async function resubscribe(cookie: string): Promise<"refused" | "error" | "events"> {
  const status = await upgradeStatus(`${wsUrl()}/graphql`, { cookie });
  if (status === 401 || status === 403) return "refused";
  const client = createClient({
    url: `${wsUrl()}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie } });
      }
    },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
  });
  try {
    const outcome = new Promise<"error" | "events">((resolve) => {
      client.subscribe(
        {
          query: `subscription($planId: ID!) { planEvents(planId: $planId) { kind } }`,
          variables: { planId },
        },
        {
          next: (m) => resolve(m.errors?.length ? "error" : "events"),
          error: () => resolve("error"),
          complete: () => resolve("error"),
        },
      );
    });
    const poke = setInterval(() => void touchPlan(), 300);
    try {
      return await outcome;
    } finally {
      clearInterval(poke);
    }
  } finally {
    await client.dispose();
  }
}

/** Runs `revoke` and waits (up to the promised 5 s) for both sockets to close. */
async function expectBothClosed(
  label: string,
  yjs: YjsWatch,
  sub: Subscriber,
  revoke: () => Promise<unknown>,
): Promise<void> {
  const started = performance.now();
  await revoke();
  await waitFor(
    () => yjs.closedAt !== null && sub.closedAt !== null,
    5000,
    `${label}: sockets closed`,
  );
  const eventsAtClose = sub.events;
  timings.push(
    `${label}: Yjs closed after ${(yjs.closedAt! - started).toFixed(0)} ms (code ${yjs.closeCode}), ` +
      `graphql-ws after ${(sub.closedAt! - started).toFixed(0)} ms (code ${sub.closeCode})`,
  );
  expect(yjs.closeCode).toBe(4401);
  expect(sub.closeCode).toBe(4401);
  // No event is delivered any more once the rights are gone.
  await touchPlan();
  await new Promise((r) => setTimeout(r, 300));
  expect(sub.events).toBe(eventsAtClose);
}

describe("sockets close when a user's rights end", () => {
  it("logout closes the session's Yjs and graphql-ws sockets; the old cookie is refused", async () => {
    const viewer = await server.login("viewer@koers.demo");
    const other = await server.login("viewer@koers.demo");
    const yjs = await openDoc(viewer);
    const sub = await subscribe(viewer);
    // Another session of the same user is not touched by this logout.
    const otherYjs = await openDoc(other);

    await expectBothClosed("logout", yjs, sub, () =>
      fetch(`${server.url}/auth/logout`, { method: "POST", headers: { cookie: viewer } }),
    );
    expect(otherYjs.closedAt).toBeNull();
    expect(await upgradeStatus(`${wsUrl()}/yjs/${docName}`, { cookie: viewer })).toBe(401);
    expect(await resubscribe(viewer)).toBe("refused");

    for (const c of [yjs.client, otherYjs.client]) c.destroy();
    await sub.client.dispose();
  });

  it("removing a membership closes the user's sockets; reconnecting gets the remaining rights", async () => {
    const viewer = await server.login("viewer@koers.demo");
    const yjs = await openDoc(viewer);
    const sub = await subscribe(viewer);
    const { orgUnitId } = await server
      .gql<{ viewer: { memberships: { orgUnit: { id: string }; role: string }[] } }>(
        "{ viewer { memberships { orgUnit { id } role } } }",
        {},
        { cookie: viewer },
      )
      .then((r) => ({ orgUnitId: r.data!.viewer.memberships[0]!.orgUnit.id }));

    await expectBothClosed("membership removed", yjs, sub, async () => {
      const result = await server.gql<{ removeMembership: { memberships: unknown[] } }>(
        `mutation($u: ID!, $o: ID!) { removeMembership(userId: $u, orgUnitId: $o, role: viewer) { memberships { role } } }`,
        { u: await userId("viewer@koers.demo"), o: orgUnitId },
        { cookie: admin },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.removeMembership.memberships).toEqual([]);
    });
    // The session stays, but the draft plan of DIR is no longer readable.
    expect(await upgradeStatus(`${wsUrl()}/yjs/${docName}`, { cookie: viewer })).toBe(403);
    expect(await resubscribe(viewer)).toBe("error");

    yjs.client.destroy();
    await sub.client.dispose();
  });

  it("disabling an account closes its sockets and ends its sessions", async () => {
    const mt = await server.login("mt@koers.demo");
    const yjs = await openDoc(mt);
    const sub = await subscribe(mt);

    await expectBothClosed("account disabled", yjs, sub, async () => {
      const result = await server.gql<{ setUserDisabled: { disabled: boolean } }>(
        `mutation($u: ID!) { setUserDisabled(userId: $u, disabled: true) { disabled } }`,
        { u: await userId("mt@koers.demo") },
        { cookie: admin },
      );
      expect(result.data?.setUserDisabled.disabled).toBe(true);
    });
    expect(await upgradeStatus(`${wsUrl()}/yjs/${docName}`, { cookie: mt })).toBe(401);
    expect(await resubscribe(mt)).toBe("refused");
    expect((await fetch(`${server.url}/auth/me`, { headers: { cookie: mt } })).status).toBe(401);
    // A disabled account cannot sign in again.
    await expect(server.login("mt@koers.demo")).rejects.toThrow(/401/);

    yjs.client.destroy();
    await sub.client.dispose();
  });

  it("only an administrator of the organisation may disable accounts or remove memberships", async () => {
    const target = await userId("viewer@koers.demo");
    const asDirector = await server.gql(
      `mutation($u: ID!) { setUserDisabled(userId: $u, disabled: true) { disabled } }`,
      { u: target },
      { cookie: director },
    );
    expect(asDirector.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const self = await server.gql(
      `mutation($u: ID!) { setUserDisabled(userId: $u, disabled: true) { disabled } }`,
      { u: await userId("admin@koers.demo") },
      { cookie: admin },
    );
    expect(self.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const unknown = await server.gql(
      `mutation { setUserDisabled(userId: "000000000000000000000000", disabled: true) { disabled } }`,
      {},
      { cookie: admin },
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const audit = await import("../../server/modules/audit/model").then((m) =>
      m.AuditModel.find({ entityType: "User" }).lean(),
    );
    expect(audit.map((a) => a.action).sort()).toEqual(["user.disable", "user.removeMembership"]);
  });
});
