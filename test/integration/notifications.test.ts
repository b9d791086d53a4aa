import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { startTestServer, type TestServer } from "../harness";
import { must, Q } from "../planning";
import { registerDueSource, scanDueItems } from "../../server/modules/notifications";
import { translate } from "../../shared/i18n";

interface Mail {
  to: string[];
  data: string;
}

let server: TestServer;
let sink: SMTPServer;
const mails: Mail[] = [];
let head: string;
let manager: string;
let director: string;
let directorId: string;

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const NOTIFICATIONS = "{ notifications { id kind text link read } unreadNotificationCount }";

interface Listing {
  notifications: { id: string; kind: string; text: string; link: string; read: boolean }[];
  unreadNotificationCount: number;
}

async function listOf(cookie: string, locale = "nl") {
  const result = await server.gql<Listing>(NOTIFICATIONS, {}, { cookie, locale });
  expect(result.errors).toBeUndefined();
  return result.data!;
}

beforeAll(async () => {
  // A real local SMTP server as the mail sink: the outside world, not our code, is faked.
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
  const port = (sink.server.address() as AddressInfo).port;
  server = await startTestServer(import.meta.filename, {
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    SMTP_FROM: "Koers test <koers@test.local>",
  });
  [head, manager, director] = await Promise.all([
    server.login("head@koers.demo"),
    server.login("manager@koers.demo"),
    server.login("director@koers.demo"),
  ]);
  directorId = (await must<{ id: string }>(server, director, "{ viewer { id } }", {})).id;
});
afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

describe("notifications", () => {
  it("refuses anonymous requests", async () => {
    const result = await server.gql(NOTIFICATIONS);
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("tells the manager, in the centre and by e-mail, that a proposal reached them", async () => {
    const units = await must<{ id: string; code: string }[]>(
      server,
      head,
      "{ proposalUnits { id code } }",
      {},
    );
    const created = await must<{ id: string; version: number }>(
      server,
      head,
      `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id version } }`,
      {
        input: {
          orgUnitId: units.find((u) => u.code === "WE")!.id,
          title: "Gedeelde wagenpark-planning",
          problem: "Dienstwagens staan 60 % van de tijd stil.",
          proposal: "Eén reservatiesysteem voor alle diensten.",
        },
      },
    );
    const before = await listOf(manager);
    mails.length = 0;
    await must(
      server,
      head,
      `mutation($id: ID!, $v: Int!) { transitionProposal(id: $id, version: $v, input: { action: submit }) { id } }`,
      { id: created.id, v: created.version },
    );
    const after = await listOf(manager);
    expect(after.unreadNotificationCount).toBe(before.unreadNotificationCount + 1);
    const [latest] = after.notifications;
    const stage = translate("nl", "proposals.stages.submitted");
    expect(latest).toMatchObject({
      kind: "proposal_reached",
      link: `/proposals/${created.id}`,
      read: false,
    });
    expect(latest!.text).toBe(
      translate("nl", "proposals.notifications.kinds.proposal_reached", {
        subject: "Gedeelde wagenpark-planning",
        stage,
      }),
    );
    // The author acted: no notification for her.
    const headList = await listOf(head);
    expect(headList.notifications.some((n) => n.link === `/proposals/${created.id}`)).toBe(false);

    expect(mails.map((m) => m.to)).toEqual([["manager@koers.demo"]]);
    // Quoted-printable: undo the soft line breaks.
    expect(mails[0]!.data.replace(/=\r\n/g, "")).toContain(`/proposals/${created.id}`);
    expect(mails[0]!.data).toMatch(/From: Koers test <koers@test\.local>/);
  });

  it("warns an action's owner within 7 days and when overdue, once", async () => {
    const plans = await must<{ nodes: { id: string }[] }>(
      server,
      director,
      "{ plans { nodes { id } } }",
      {},
    );
    const planId = plans.nodes[0]!.id;
    const soon = await must<{ id: string }>(server, director, Q.createAction, {
      input: { planId, title: "Nota voorbereiden", ownerId: directorId, dueDate: day(3) },
    });
    await must(server, director, Q.createAction, {
      input: { planId, title: "Rapport indienen", ownerId: directorId, dueDate: day(-2) },
    });
    await must(server, director, Q.createAction, {
      input: { planId, title: "Later", ownerId: directorId, dueDate: day(30) },
    });
    await must(server, director, Q.createAction, {
      input: { planId, title: "Al klaar", ownerId: directorId, dueDate: day(-5), status: "done" },
    });
    mails.length = 0;
    // Other modules (portfolio milestones) feed the scan too: look at these actions only.
    await scanDueItems();
    const list = await listOf(director, "fr");
    const mine = /Nota voorbereiden|Rapport indienen|Later|Al klaar/;
    const due = list.notifications.filter(
      (n) => (n.kind === "due_soon" || n.kind === "overdue") && mine.test(n.text),
    );
    expect(due.map((n) => n.kind).sort()).toEqual(["due_soon", "overdue"]);
    expect(due.find((n) => n.kind === "due_soon")!.text).toBe(
      translate("fr", "proposals.notifications.kinds.due_soon", {
        subject: "Nota voorbereiden",
        dueDate: day(3),
      }),
    );
    const mailed = mails.filter((m) => /Nota voorbereiden|Rapport indienen/.test(m.data));
    expect(mailed.map((m) => m.to[0])).toEqual(["director@koers.demo", "director@koers.demo"]);
    // A second pass (or a restart) does not repeat anything.
    expect(await scanDueItems()).toBe(0);
    expect((await listOf(director)).notifications).toHaveLength(list.notifications.length);
    expect(soon.id).toBeTruthy();
  });

  it("takes due items from other modules (milestones) through registerDueSource", async () => {
    const org = await must<{ organisation: { id: string } }>(
      server,
      director,
      "{ viewer { organisation { id } } }",
      {},
    );
    registerDueSource("test-milestone", async (until) =>
      [
        {
          id: "m1",
          organisationId: org.organisation.id,
          userIds: [directorId],
          title: { nl: "Mijlpaal: pilot live" },
          dueDate: day(5),
          link: "/portfolio",
        },
      ].filter((m) => m.dueDate <= until),
    );
    expect(await scanDueItems()).toBe(1);
    const list = await listOf(director);
    expect(list.notifications[0]).toMatchObject({ kind: "due_soon", link: "/portfolio" });
    expect(list.notifications[0]!.text).toContain("Mijlpaal: pilot live");
  });

  it("marks the viewer's own notifications read, and nobody else's", async () => {
    const mine = await listOf(director);
    const managerBefore = await listOf(manager);
    expect(mine.unreadNotificationCount).toBeGreaterThan(0);
    const one = mine.notifications[0]!.id;
    const count = await must<number>(
      server,
      director,
      "mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }",
      { ids: [one, managerBefore.notifications[0]!.id] },
    );
    expect(count).toBe(1);
    expect((await listOf(director)).unreadNotificationCount).toBe(mine.unreadNotificationCount - 1);
    await must(server, director, "mutation { markNotificationsRead }", {});
    expect((await listOf(director)).unreadNotificationCount).toBe(0);
    expect((await listOf(manager)).unreadNotificationCount).toBe(
      managerBefore.unreadNotificationCount,
    );
  });
});
