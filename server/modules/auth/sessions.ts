import { createHash, randomBytes } from "node:crypto";
import { trusted } from "mongoose";
import { EventEmitter } from "node:events";
import { SessionModel, type Session } from "./model";

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** Emits "revoked" (sessionId) and "user-revoked" (userId) so open sockets can be closed. */
export const sessionEvents = new EventEmitter();
sessionEvents.setMaxListeners(0);

const LAST_SEEN_RESOLUTION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A fresh session with a 256-bit random token; returns the token for the cookie. */
export async function openSession(userId: string, policy: SessionPolicy, now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  const id = hashToken(token);
  await SessionModel.create({
    _id: id,
    userId,
    createdAt: now,
    lastSeenAt: now,
    absoluteExpiresAt: new Date(now.getTime() + policy.absoluteMs),
  });
  return { token, id };
}

/** The live session for a cookie token, or null when unknown, idle too long or expired. */
export async function resolveSession(
  token: string | undefined,
  policy: SessionPolicy,
  now = new Date(),
): Promise<Session | null> {
  if (!token || token.length > 128) return null;
  const id = hashToken(token);
  const session = await SessionModel.findById(id).lean<Session>();
  if (!session) return null;
  const idleFor = now.getTime() - session.lastSeenAt.getTime();
  if (idleFor > policy.idleMs || now >= session.absoluteExpiresAt) {
    await SessionModel.deleteOne({ _id: id });
    return null;
  }
  // Touch at most once a minute: a write per request would cost more than it tells.
  if (idleFor > LAST_SEEN_RESOLUTION_MS) {
    await SessionModel.updateOne({ _id: id }, { $set: { lastSeenAt: now } });
  }
  return session;
}

export async function closeSession(sessionId: string): Promise<void> {
  await SessionModel.deleteOne({ _id: sessionId });
  sessionEvents.emit("revoked", sessionId);
}

/** Ends every session of a user (account disabled, membership removed). */
export async function closeUserSessions(userId: string): Promise<void> {
  await SessionModel.deleteMany({ userId });
  sessionEvents.emit("user-revoked", userId);
}

/**
 * The user's rights changed (a membership removed): their sessions stay, but
 * every open socket is closed so each reconnect is authorized afresh.
 */
export function closeUserSockets(userId: string): void {
  sessionEvents.emit("user-revoked", userId);
}

/** Deletes expired sessions; FerretDB has no TTL index, so we sweep ourselves. */
export async function sweepSessions(policy: SessionPolicy, now = new Date()): Promise<number> {
  const result = await SessionModel.deleteMany(
    trusted({
      $or: [
        { absoluteExpiresAt: { $lte: now } },
        { lastSeenAt: { $lte: new Date(now.getTime() - policy.idleMs) } },
      ],
    }),
  );
  return result.deletedCount;
}

export async function initSessions(): Promise<void> {
  await SessionModel.init();
}
