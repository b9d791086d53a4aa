import mongoose from "mongoose";
import { authorize, defineRules, requireActor, sameOrg, type Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { badInput, notFound } from "../../errors";
import type { Resolvers } from "../../graphql/generated";
import type { Role } from "../../../shared/domain";
import { recordAudit } from "../audit";
import { closeUserSessions, closeUserSockets } from "../auth/sessions";
import { UserModel, type User } from "./model";

/**
 * Account administration that ends rights: disabling an account and removing a
 * membership. Both close the user's open websockets (Yjs and graphql-ws) at
 * once, so no socket keeps the rights it had when it was opened.
 */
defineRules<{ organisationId: unknown }>({
  "users.administer": (actor, user) => actor.isAdmin && sameOrg(actor, user.organisationId),
});

/** The user, when the actor may administer it; NOT_FOUND for another organisation. */
async function administered(actor: Actor | null, userId: string): Promise<User> {
  const admin = requireActor(actor);
  const user = mongoose.isValidObjectId(userId)
    ? await UserModel.findById(userId).lean<User>()
    : null;
  if (!user || !sameOrg(admin, user.organisationId)) throw notFound("User");
  authorize(admin, "users.administer", user);
  return user;
}

export async function setUserDisabled(
  actor: Actor | null,
  userId: string,
  disabled: boolean,
): Promise<User> {
  const user = await administered(actor, userId);
  if (disabled && actor!.id === String(user._id))
    throw badInput("userId", "trustSessions.errors.cannotDisableSelf");
  const updated = await withLock(`User:${userId}`, async () => {
    await UserModel.updateOne({ _id: user._id }, { $set: { disabled } });
    return UserModel.findById(user._id).lean<User>();
  });
  if (!updated) throw notFound("User");
  await recordAudit(actor!, {
    action: disabled ? "user.disable" : "user.enable",
    entityType: "User",
    entityId: user._id,
    before: { disabled: user.disabled ?? false },
    after: { disabled },
  });
  // Sessions end and sockets close now, not at their next request.
  if (disabled) await closeUserSessions(String(user._id));
  return updated;
}

export async function removeMembership(
  actor: Actor | null,
  userId: string,
  orgUnitId: string,
  role: Role,
): Promise<User> {
  const user = await administered(actor, userId);
  const { before, after } = await withLock(`User:${userId}`, async () => {
    const current = await UserModel.findById(user._id).lean<User>();
    if (!current) throw notFound("User");
    const kept = current.memberships.filter(
      (m) => !(String(m.orgUnitId) === orgUnitId && m.role === role),
    );
    if (kept.length === current.memberships.length) throw notFound("Membership");
    // Filter and reassign: FerretDB's $pull on subdocuments is a silent no-op.
    await UserModel.updateOne({ _id: user._id }, { $set: { memberships: kept } });
    return { before: current, after: { ...current, memberships: kept } as User };
  });
  await recordAudit(actor!, {
    action: "user.removeMembership",
    entityType: "User",
    entityId: user._id,
    before: { memberships: before.memberships },
    after: { memberships: after.memberships },
  });
  closeUserSockets(String(user._id));
  return after;
}

export const adminResolvers: Resolvers = {
  Mutation: {
    setUserDisabled: (_, { userId, disabled }, ctx) => setUserDisabled(ctx.actor, userId, disabled),
    removeMembership: (_, { userId, orgUnitId, role }, ctx) =>
      removeMembership(ctx.actor, userId, orgUnitId, role as Role),
  },
  UserAccount: {
    id: (u) => String(u._id),
    disabled: (u) => u.disabled ?? false,
    memberships: (u) =>
      (u.memberships ?? []).map((m) => ({ orgUnitId: String(m.orgUnitId), role: m.role as Role })),
  },
};
