import { parseCookie } from "cookie";
import type { Actor } from "../../authz";
import { getUser, toActor } from "../users";
import { resolveSession, type SessionPolicy } from "./sessions";
import { openSockets } from "./sockets";

export const SESSION_COOKIE = "koers_session";

/** The actor of a request or websocket upgrade, from its session cookie. */
export async function resolveActor(
  cookieHeader: string | undefined,
  policy: SessionPolicy,
): Promise<Actor | null> {
  if (!cookieHeader) return null;
  // Taken before the lookups: a revocation during them makes this actor stale.
  const sequence = openSockets.currentSequence();
  const token = parseCookie(cookieHeader)[SESSION_COOKIE];
  const session = await resolveSession(token, policy);
  if (!session) return null;
  const user = await getUser(String(session.userId));
  if (!user || user.disabled) return null;
  const actor = toActor(user, session._id);
  openSockets.stamp(actor, sequence);
  return actor;
}
