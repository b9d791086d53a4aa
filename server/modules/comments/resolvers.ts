import type { Resolvers } from "../../graphql/generated";
import type { User } from "../users";
import {
  addComment,
  editComment,
  editableUntil,
  listComments,
  listMentionableUsers,
  setCommentResolved,
} from "./service";
import { commentTarget } from "./registry";
import type { CommentTargetKind } from "../../../shared/proposals";

const usersOf = async (ids: readonly unknown[], load: (id: string) => Promise<User | null>) =>
  (await Promise.all(ids.map((id) => load(String(id))))).filter((u): u is User => !!u);

export const commentResolvers: Resolvers = {
  Query: {
    comments: (_, { target }, ctx) => listComments(ctx.actor, target),
    mentionableUsers: async (_, { target, search }, ctx) =>
      (await listMentionableUsers(ctx.actor, target, search)) as unknown as User[],
  },
  Mutation: {
    addComment: (_, { input }, ctx) => addComment(ctx.actor, input),
    editComment: (_, { id, body, mentionIds }, ctx) => editComment(ctx.actor, id, body, mentionIds),
    setCommentResolved: (_, { id, resolved }, ctx) => setCommentResolved(ctx.actor, id, resolved),
  },
  Comment: {
    id: (c) => String(c._id),
    parentId: (c) => (c.parentId ? String(c.parentId) : null),
    author: (c, _, ctx) => ctx.loaders.users.load(String(c.authorId)),
    mentions: (c, _, ctx) => usersOf(c.mentionIds ?? [], (id) => ctx.loaders.users.load(id)),
    resolvedBy: (c, _, ctx) =>
      c.resolvedById ? ctx.loaders.users.load(String(c.resolvedById)) : null,
    viewerCanEditUntil: (c, _, ctx) => editableUntil(ctx.actor, c),
    viewerCanResolve: async (c, _, ctx) =>
      !c.parentId &&
      !!ctx.actor &&
      (await commentTarget(c.targetKind as CommentTargetKind).canComment(
        ctx.actor,
        String(c.targetId),
      )),
    replies: (c) => c.replies ?? [],
  },
};
