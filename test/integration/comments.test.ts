import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { startTestServer, type TestServer } from "../harness";
import { must, Q } from "../planning";
import { translate } from "../../shared/i18n";
import { COMMENT_EDIT_MINUTES } from "../../shared/proposals";

let server: TestServer;
let director: string;
let viewer: string;
let head: string;
let planId: string;
let viewerId: string;
let headId: string;

const LIST = `query($kind: CommentTargetKind!, $id: ID!) { comments(target: { kind: $kind, id: $id }) {
  id body resolved parentId author { name } mentions { name } viewerCanEditUntil viewerCanResolve
  replies { id body parentId author { name } } } }`;
const ADD = `mutation($input: AddCommentInput!) { addComment(input: $input) { id body parentId mentions { name } viewerCanEditUntil } }`;
const EDIT = `mutation($id: ID!, $body: String!) { editComment(id: $id, body: $body) { id body editedAt } }`;
const RESOLVE = `mutation($id: ID!, $resolved: Boolean!) { setCommentResolved(id: $id, resolved: $resolved) { id resolved resolvedBy { name } } }`;
const MENTIONABLE = `query($kind: CommentTargetKind!, $id: ID!) { mentionableUsers(target: { kind: $kind, id: $id }) { id name } }`;

const onPlan = (body: string, extra: Record<string, unknown> = {}) => ({
  input: { target: { kind: "plan", id: planId }, body, ...extra },
});

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
  planId = plans.data!.plans.nodes[0]!.id;
  const ids = await Promise.all(
    [viewer, head].map((cookie) =>
      server.gql<{ viewer: { id: string } }>("{ viewer { id } }", {}, { cookie }),
    ),
  );
  [viewerId, headId] = ids.map((r) => r.data!.viewer.id) as [string, string];
});
afterAll(() => server?.stop());

describe("comments", () => {
  it("refuses anonymous requests", async () => {
    const result = await server.gql(LIST, { kind: "plan", id: planId });
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("keeps comments as confidential as the plan they are on", async () => {
    await must(server, director, ADD, onPlan("Eerste opmerking"));
    // The demo plan is a draft of the directorate: the Werk & Economie head may not read it.
    const outsider = await server.gql(LIST, { kind: "plan", id: planId }, { cookie: head });
    expect(outsider.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const writes = await server.gql(ADD, onPlan("Mag ik?"), { cookie: head });
    expect(writes.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const member = await server.gql<{ comments: { body: string }[] }>(
      LIST,
      { kind: "plan", id: planId },
      { cookie: viewer },
    );
    expect(member.data!.comments.map((c) => c.body)).toContain("Eerste opmerking");
  });

  it("threads replies under the first comment of their thread", async () => {
    const root = await must<{ id: string }>(server, director, ADD, onPlan("Over de timing"));
    const reply = await must<{ id: string; parentId: string }>(
      server,
      viewer,
      ADD,
      onPlan("Akkoord", { parentId: root.id }),
    );
    expect(reply.parentId).toBe(root.id);
    const replyToReply = await must<{ parentId: string }>(
      server,
      director,
      ADD,
      onPlan("Dank je", { parentId: reply.id }),
    );
    expect(replyToReply.parentId).toBe(root.id);
    const list = await must<{ id: string; replies: { body: string }[] }[]>(server, director, LIST, {
      kind: "plan",
      id: planId,
    });
    expect(list.find((c) => c.id === root.id)!.replies.map((r) => r.body)).toEqual([
      "Akkoord",
      "Dank je",
    ]);
  });

  it("mentions only people who may read, and notifies them", async () => {
    const mentionable = await must<{ id: string }[]>(server, director, MENTIONABLE, {
      kind: "plan",
      id: planId,
    });
    expect(mentionable.map((u) => u.id)).toContain(viewerId);
    expect(mentionable.map((u) => u.id)).not.toContain(headId);
    const refused = await server.gql(ADD, onPlan("@Hilde kijk eens", { mentionIds: [headId] }), {
      cookie: director,
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(refused.errors?.[0]?.message).toBe(translate("nl", "proposals.comments.errors.mention"));

    const before = await must<number>(server, viewer, "{ unreadNotificationCount }", {});
    const added = await must<{ mentions: { name: string }[] }>(
      server,
      director,
      ADD,
      onPlan("@Vera Viewer graag nalezen", { mentionIds: [viewerId] }),
    );
    expect(added.mentions).toEqual([{ name: "Vera Viewer" }]);
    const after = await must<number>(server, viewer, "{ unreadNotificationCount }", {});
    expect(after).toBe(before + 1);
    const [latest] = await must<{ kind: string; text: string; link: string }[]>(
      server,
      viewer,
      "{ notifications(first: 1) { kind text link } }",
      {},
    );
    expect(latest).toMatchObject({ kind: "mention", link: `/plans/${planId}` });
    expect(latest!.text).toContain("Dirk Directeur");
  });

  it(`lets only the author edit, for ${COMMENT_EDIT_MINUTES} minutes`, async () => {
    const comment = await must<{ id: string; viewerCanEditUntil: string }>(
      server,
      director,
      ADD,
      onPlan("Tikfuot"),
    );
    expect(new Date(comment.viewerCanEditUntil).getTime()).toBeGreaterThan(Date.now());
    const edited = await must<{ body: string; editedAt: string }>(server, director, EDIT, {
      id: comment.id,
      body: "Tikfout",
    });
    expect(edited.body).toBe("Tikfout");
    expect(edited.editedAt).toBeTruthy();
    const byOther = await server.gql(EDIT, { id: comment.id, body: "x" }, { cookie: viewer });
    expect(byOther.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // Age the comment past the window (the clock is the outside world).
    await mongoose.connection
      .collection("comments")
      .updateOne(
        { _id: new mongoose.Types.ObjectId(comment.id) },
        { $set: { createdAt: new Date(Date.now() - (COMMENT_EDIT_MINUTES + 1) * 60_000) } },
      );
    const late = await server.gql(EDIT, { id: comment.id, body: "Te laat" }, { cookie: director });
    expect(late.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(late.errors?.[0]?.message).toBe(
      translate("nl", "proposals.comments.errors.editWindow", { minutes: COMMENT_EDIT_MINUTES }),
    );
  });

  it("resolves and reopens a thread", async () => {
    const root = await must<{ id: string }>(server, director, ADD, onPlan("Open vraag"));
    const reply = await must<{ id: string }>(
      server,
      viewer,
      ADD,
      onPlan("Antwoord", { parentId: root.id }),
    );
    const resolved = await must<{ resolved: boolean; resolvedBy: { name: string } }>(
      server,
      viewer,
      RESOLVE,
      { id: root.id, resolved: true },
    );
    expect(resolved).toEqual({ id: root.id, resolved: true, resolvedBy: { name: "Vera Viewer" } });
    const onReply = await server.gql(RESOLVE, { id: reply.id, resolved: true }, { cookie: viewer });
    expect(onReply.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const reopened = await must<{ resolved: boolean }>(server, director, RESOLVE, {
      id: root.id,
      resolved: false,
    });
    expect(reopened.resolved).toBe(false);
  });

  it("takes comments on objectives and measurement points", async () => {
    const objective = await must<{ id: string }>(server, director, Q.createObjective, {
      input: { planId, kind: "strategic_objective", code: "SD 9", title: "Dienstverlening" },
    });
    const point = await must<{ id: string }>(server, director, Q.createPoint, {
      input: { objectiveId: objective.id, code: "9.1", title: "Wachttijd" },
    });
    for (const [kind, id] of [
      ["objective", objective.id],
      ["measurementPoint", point.id],
    ] as const) {
      await must(server, director, ADD, { input: { target: { kind, id }, body: `Over ${kind}` } });
      const list = await must<{ body: string }[]>(server, viewer, LIST, { kind, id });
      expect(list.map((c) => c.body)).toEqual([`Over ${kind}`]);
      const outsider = await server.gql(LIST, { kind, id }, { cookie: head });
      expect(outsider.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
  });
});
