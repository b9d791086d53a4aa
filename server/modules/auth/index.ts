import { initSessions } from "./sessions";

export { authRouter } from "./routes";
export { resolveActor, SESSION_COOKIE } from "./actor";
export { openSockets, REVOKED_CLOSE_CODE } from "./sockets";
export {
  closeSession,
  closeUserSessions,
  closeUserSockets,
  sessionEvents,
  sweepSessions,
  type SessionPolicy,
} from "./sessions";

/** Creates the collections and indexes of this module. */
export async function initAuth(): Promise<void> {
  await initSessions();
}
