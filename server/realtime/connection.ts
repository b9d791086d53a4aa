import type { WebSocket } from "ws";
import type { Logger } from "../logger";

/** Close codes sent to clients; y-websocket reconnects after any of them. */
export const CLOSE = {
  loadFailed: 1011,
  storeFailed: 1011,
  badFrame: 1003,
  /** The room dropped its in-memory state and reloads it from the database. */
  reload: 1012,
  tooSlow: 4008,
  revoked: 4401,
  forbidden: 4403,
} as const;

/** Realtime sockets are pinged this often; one that missed the previous ping is cut off. */
export const HEARTBEAT_MS = 15_000;
/** A socket that buffers more than this is too slow: it is dropped, not waited for. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** A client with more than this waiting to be stored is not read from until it drains. */
export const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/** One client socket on one document. */
export interface Connection {
  socket: WebSocket;
  userId: string;
  sessionId: string;
  canWrite: boolean;
  /** Awareness client ids this connection has announced. */
  awarenessIds: Set<number>;
  /** Bytes of updates received from this socket and not yet stored. */
  pendingBytes: number;
  /** Sent an update we refused; its socket is closing and nothing more it sends is applied. */
  rejected: boolean;
}

/**
 * Sends one frame, unless the client has stopped reading: then it is cut off,
 * so it cannot make us buffer without bound. Terminate, not close: a close
 * frame would queue behind the same unread bytes and hold them for ws's whole
 * close timeout (30 s).
 */
export function sendFrame(connection: Connection, frame: Uint8Array, log: Logger): void {
  const { socket } = connection;
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    log.warn({ userId: connection.userId }, "dropping a client that does not read");
    socket.terminate();
    return;
  }
  socket.send(frame);
}
