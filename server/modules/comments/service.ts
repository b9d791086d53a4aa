import mongoose from "mongoose";
import { requireActor, type Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { AppError, badInput, notFound } from "../../errors";
import { notifyUsers, usersOfOrganisation } from "../notifications";
import {
  COMMENT_EDIT_MINUTES,
  COMMENT_MAX_LENGTH,
  type CommentTargetKind,
} from "../../../shared/proposals";
import { commentTarget } from "./registry";
import { CommentModel, type Comment } from "./model";

export interface TargetRef {
  kind: CommentTargetKind;
  id: string;
}

export const COMMENT_EDIT_WINDOW_MS = COMMENT_EDIT_MINUTES * 60_000;

const forbiddenComment = () =>
  new AppError("FORBIDDEN", "commenting is not allowed here", {
    messageKey: "proposals.comments.errors.cannotComment",
  });

/** Comments are as confidential as their target: NOT_FOUND to whoever may not read it. */
async function requireReadable(actor: Actor, target: TargetRef): Promise<void> {
  if (
    !mongoose.isValidObjectId(target.id) ||
    !(await commentTarget(target.kind).canRead(actor, target.id))
  )
    throw notFound("Comments");
}

async function requireCommentable(actor: Actor, target: TargetRef): Promise<void> {
  await requireReadable(actor, target);
  if (!(await commentTarget(target.kind).canComment(actor, target.id))) throw forbiddenComment();
}

function checkBody(body: string): string {
  const trimmed = (body ?? "").trim();
  if (!trimmed) throw badInput("body", "errors.required");
  if (trimmed.length > COMMENT_MAX_LENGTH)
    throw badInput("body", "errors.tooLong", { max: COMMENT_MAX_LENGTH });
  return trimmed;
}

/**
 * Mentioned people must be able to read the target: a mention never opens a confidential
 * debate to somebody outside it.
 */
async function checkMentions(
  actor: Actor,
  target: TargetRef,
  ids: readonly string[] | null | undefined,
): Promise<string[]> {
  const unique = [...new Set(ids ?? [])];
  if (!unique.length) return [];
  const users = new Map((await usersOfOrganisation(actor.organisationId)).map((u) => [u.id, u]));
  for (const id of unique) {
    const user = users.get(id);
    if (!user || !(await commentTarget(target.kind).canRead(user, target.id)))
      throw badInput("mentionIds", "proposals.comments.errors.mention");
  }
  return unique;
}

/** Thread roots (oldest first), each with its replies. */
export async function listComments(actor: Actor | null, target: TargetRef): Promise<Comment[]> {
  const viewer = requireActor(actor);
  await requireReadable(viewer, target);
  const all = await CommentModel.find({ targetId: target.id, targetKind: target.kind })
    .sort({ createdAt: 1, _id: 1 })
    .lean<Comment[]>();
  const roots = all.filter((c) => !c.parentId);
  return roots.map((root) => ({
    ...root,
    replies: all.filter((c) => String(c.parentId) === String(root._id)),
  }));
}

async function notifyMentioned(actor: Actor, target: TargetRef, userIds: string[]) {
  const recipients = userIds.filter((id) => id !== actor.id);
  if (!recipients.length) return;
  const about = await commentTarget(target.kind).describe(actor, target.id);
  if (!about) return;
  await notifyUsers(recipients, {
    organisationId: about.organisationId,
    kind: "mention",
    subject: about.title,
    params: { by: actor.name },
    link: about.link,
  });
}

export async function addComment(
  actor: Actor | null,
  input: {
    target: TargetRef;
    parentId?: string | null;
    body: string;
    mentionIds?: string[] | null;
  },
): Promise<Comment> {
  const viewer = requireActor(actor);
  await requireCommentable(viewer, input.target);
  const body = checkBody(input.body);
  let parentId: mongoose.Types.ObjectId | null = null;
  if (input.parentId) {
    const parent = mongoose.isValidObjectId(input.parentId)
      ? await CommentModel.findById(input.parentId).lean<Comment>()
      : null;
    if (
      !parent ||
      String(parent.targetId) !== input.target.id ||
      parent.targetKind !== input.target.kind
    )
      throw badInput("parentId", "proposals.comments.errors.parent");
    // Threads are one level deep: a reply to a reply joins the thread of its root.
    parentId = parent.parentId ?? parent._id;
  }
  const mentionIds = await checkMentions(viewer, input.target, input.mentionIds);
  const created = await CommentModel.create({
    organisationId: viewer.organisationId,
    targetKind: input.target.kind,
    targetId: input.target.id,
    parentId,
    authorId: viewer.id,
    body,
    mentionIds,
  });
  await notifyMentioned(viewer, input.target, mentionIds);
  return { ...(created.toObject() as Comment), replies: [] };
}

async function loadComment(actor: Actor, id: string): Promise<Comment> {
  const comment = mongoose.isValidObjectId(id)
    ? await CommentModel.findById(id).lean<Comment>()
    : null;
  if (!comment || String(comment.organisationId) !== actor.organisationId)
    throw notFound("Comment");
  await requireReadable(actor, {
    kind: comment.targetKind as CommentTargetKind,
    id: String(comment.targetId),
  });
  return comment;
}

/** When the viewer may still edit this comment, or null. */
export function editableUntil(
  actor: Actor | null,
  comment: Pick<Comment, "authorId" | "createdAt">,
) {
  if (!actor || String(comment.authorId) !== actor.id) return null;
  const until = new Date(new Date(comment.createdAt).getTime() + COMMENT_EDIT_WINDOW_MS);
  return until.getTime() > Date.now() ? until : null;
}

export async function editComment(
  actor: Actor | null,
  id: string,
  body: string,
  mentionIds?: string[] | null,
): Promise<Comment> {
  const viewer = requireActor(actor);
  const comment = await loadComment(viewer, id);
  if (String(comment.authorId) !== viewer.id)
    throw new AppError("FORBIDDEN", "only the author may edit a comment", {
      messageKey: "proposals.comments.errors.notAuthor",
    });
  if (!editableUntil(viewer, comment))
    throw new AppError("FORBIDDEN", "the edit window has passed", {
      messageKey: "proposals.comments.errors.editWindow",
      params: { minutes: COMMENT_EDIT_MINUTES },
    });
  const target = { kind: comment.targetKind as CommentTargetKind, id: String(comment.targetId) };
  const text = checkBody(body);
  const mentions =
    mentionIds == null
      ? comment.mentionIds.map(String)
      : await checkMentions(viewer, target, mentionIds);
  const added = mentions.filter((m) => !comment.mentionIds.map(String).includes(m));
  await withLock(`Comment:${id}`, () =>
    CommentModel.updateOne(
      { _id: comment._id },
      { $set: { body: text, mentionIds: mentions, editedAt: new Date() } },
    ),
  );
  await notifyMentioned(viewer, target, added);
  return { ...(await CommentModel.findById(id).lean<Comment>())!, replies: [] };
}

export async function setCommentResolved(
  actor: Actor | null,
  id: string,
  resolved: boolean,
): Promise<Comment> {
  const viewer = requireActor(actor);
  const comment = await loadComment(viewer, id);
  const target = { kind: comment.targetKind as CommentTargetKind, id: String(comment.targetId) };
  if (!(await commentTarget(target.kind).canComment(viewer, target.id))) throw forbiddenComment();
  if (comment.parentId) throw badInput("id", "proposals.comments.errors.resolveRoot");
  await withLock(`Comment:${id}`, () =>
    CommentModel.updateOne(
      { _id: comment._id },
      {
        $set: resolved
          ? { resolved: true, resolvedById: viewer.id, resolvedAt: new Date() }
          : { resolved: false, resolvedById: null, resolvedAt: null },
      },
    ),
  );
  return { ...(await CommentModel.findById(id).lean<Comment>())!, replies: [] };
}

/** Users who may read the target, for the @ picker. */
export async function listMentionableUsers(
  actor: Actor | null,
  target: TargetRef,
  search?: string | null,
) {
  const viewer = requireActor(actor);
  await requireReadable(viewer, target);
  const needle = (search ?? "").trim().toLowerCase();
  const users = (await usersOfOrganisation(viewer.organisationId)).filter(
    (u) => !needle || u.name.toLowerCase().includes(needle),
  );
  const readable = [];
  for (const user of users) {
    if (readable.length >= 20) break;
    if (await commentTarget(target.kind).canRead(user, target.id)) readable.push(user);
  }
  return readable.map((u) => ({ _id: u.id, name: u.name }));
}
