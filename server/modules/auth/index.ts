import { initSessions } from "./sessions";

export { authRouter } from "./routes";
export { resolveActor, SESSION_COOKIE } from "./actor";
export {
  closeSession,
  closeUserSessions,
  sessionEvents,
  sweepSessions,
  type SessionPolicy,
} from "./sessions";

/** Creates the collections and indexes of this module. */
export async function initAuth(): Promise<void> {
  await initSessions();
}
