import type { Actor } from "../../authz";
import { sessionEvents } from "./sessions";

/** The part of a websocket the registry needs (ws's WebSocket has it). */
export interface ClosableSocket {
  readonly readyState: number;
  close(code?: number, reason?: string): void;
  terminate(): void;
  once(event: "close", listener: () => void): unknown;
}

/** Close code for a socket whose session or rights ended (both websockets). */
export const REVOKED_CLOSE_CODE = 4401;
/** A socket that does not answer the close handshake is cut off after this. */
const TERMINATE_AFTER_MS = 1000;
/** How long revocations are remembered for sockets authorized just before them. */
const REMEMBER_MS = 60_000;

interface Tracked {
  userId: string;
  sessionId: string;
}

/**
 * Every open websocket (Yjs and graphql-ws) by user and session, so logout,
 * a disabled account or a removed membership closes them at once. A socket
 * whose actor was resolved before a revocation but is registered after it
 * (the upgrade was in flight) is closed as it registers: each resolved actor
 * carries the revocation sequence number current when its lookup began.
 */
class SocketRegistry {
  private readonly sockets = new Map<ClosableSocket, Tracked>();
  private readonly stamps = new WeakMap<Actor, number>();
  private sequence = 0;
  private readonly revokedSessions = new Map<string, number>();
  /** userId → { sequence of the revocation, time }. */
  private readonly revokedUsers = new Map<string, { seq: number; at: number }>();

  constructor() {
    sessionEvents.on("revoked", (sessionId: string) => this.revokeSession(sessionId));
    sessionEvents.on("user-revoked", (userId: string) => this.revokeUser(userId));
  }

  /** The sequence number to stamp on an actor whose lookup begins now. */
  currentSequence(): number {
    return this.sequence;
  }

  stamp(actor: Actor, sequence: number): void {
    this.stamps.set(actor, sequence);
  }

  get size(): number {
    return this.sockets.size;
  }

  /** Registers an open socket of an actor; closes it at once if its rights already ended. */
  track(socket: ClosableSocket, actor: Actor): void {
    this.forgetOld();
    const stamp = this.stamps.get(actor) ?? -1;
    const userRevoked = this.revokedUsers.get(actor.id);
    if (this.revokedSessions.has(actor.sessionId) || (userRevoked && userRevoked.seq > stamp)) {
      this.closeSocket(socket);
      return;
    }
    this.sockets.set(socket, { userId: actor.id, sessionId: actor.sessionId });
    socket.once("close", () => this.sockets.delete(socket));
  }

  revokeSession(sessionId: string): number {
    this.forgetOld();
    this.sequence++;
    this.revokedSessions.set(sessionId, Date.now());
    return this.closeWhere((t) => t.sessionId === sessionId);
  }

  revokeUser(userId: string): number {
    this.forgetOld();
    this.revokedUsers.set(userId, { seq: ++this.sequence, at: Date.now() });
    return this.closeWhere((t) => t.userId === userId);
  }

  private closeWhere(predicate: (t: Tracked) => boolean): number {
    let closed = 0;
    for (const [socket, tracked] of this.sockets) {
      if (!predicate(tracked)) continue;
      this.sockets.delete(socket);
      this.closeSocket(socket);
      closed++;
    }
    return closed;
  }

  private closeSocket(socket: ClosableSocket): void {
    // CLOSING or CLOSED already: nothing to do.
    if (socket.readyState > 1) return;
    socket.close(REVOKED_CLOSE_CODE, "session ended");
    setTimeout(() => {
      if (socket.readyState !== 3) socket.terminate();
    }, TERMINATE_AFTER_MS).unref();
  }

  private forgetOld(now = Date.now()): void {
    for (const [id, at] of this.revokedSessions)
      if (now - at > REMEMBER_MS) this.revokedSessions.delete(id);
    for (const [id, entry] of this.revokedUsers)
      if (now - entry.at > REMEMBER_MS) this.revokedUsers.delete(id);
  }
}

export const openSockets = new SocketRegistry();
