import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { WebSocket } from "ws";
import type { Logger } from "../logger";
import * as store from "./docStore";
import {
  decodeFrame,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from "./protocol";

/** Close codes sent to clients; y-websocket reconnects after any of them. */
export const CLOSE = {
  loadFailed: 1011,
  storeFailed: 1011,
  badFrame: 1003,
  tooSlow: 4008,
  revoked: 4401,
  forbidden: 4403,
} as const;

/** A socket that buffers more than this is too slow: it is closed, not waited for. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface Connection {
  socket: WebSocket;
  userId: string;
  sessionId: string;
  canWrite: boolean;
  /** Awareness client ids this connection has announced. */
  awarenessIds: Set<number>;
}

export interface RoomOptions {
  compactAfter: number;
  log: Logger;
  /** Told when a write fails, so /healthz can report the database down. */
  onStoreError: (error: Error) => void;
}

/**
 * One loaded document and its connections.
 *
 * Every message that reads or changes the document goes through one serial
 * pipeline (`this.queue`): load → (decode, apply, persist, relay)*. An update is
 * applied to the in-memory document, inserted in the database, and only after
 * the database acknowledged it is it relayed to the other clients. Because sync
 * step 1 replies run in the same pipeline, no client is ever served state that
 * is not yet stored.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Map<WebSocket, Connection>();
  private queue: Promise<void>;
  private lastSeq = 0;
  private tailLength = 0;
  private compacting = false;
  private broken = false;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly options: RoomOptions,
    private readonly onEmpty: (room: Room) => void,
  ) {
    // The server's own awareness state is never set: it only relays.
    this.awareness.setLocalState(null);
    this.queue = this.load();
    this.awareness.on("update", this.relayAwareness);
  }

  private async load(): Promise<void> {
    const stored = await store.loadDoc(this.name);
    Y.transact(this.doc, () => stored.updates.forEach((u) => Y.applyUpdate(this.doc, u)));
    this.lastSeq = stored.lastSeq;
    this.tailLength = stored.tailLength;
  }

  /** Resolves once the stored state is loaded; rejects when loading failed. */
  get loaded(): Promise<void> {
    return this.queue;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** A room whose load or store failed is replaced by a fresh one on the next connection. */
  get isBroken(): boolean {
    return this.broken;
  }

  private enqueue(work: () => Promise<void> | void): Promise<void> {
    const next = this.queue.then(work);
    // A failure of one step must not stall the pipeline; the step handles its own error.
    this.queue = next.catch(() => undefined);
    return next;
  }

  add(connection: Connection): void {
    this.connections.set(connection.socket, connection);
    // Sync step 1 and the awareness states go out once the stored state is loaded.
    this.enqueue(() => {
      this.send(connection, encodeSyncStep1(this.doc));
      const states = [...this.awareness.getStates().keys()];
      if (states.length) this.send(connection, encodeAwareness(this.awareness, states));
    }).catch(() => undefined);
  }

  remove(socket: WebSocket): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    this.connections.delete(socket);
    if (connection.awarenessIds.size) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
    if (this.connections.size === 0) this.onEmpty(this);
  }

  /** Handles one frame from a client. */
  receive(connection: Connection, data: Uint8Array): void {
    let message;
    try {
      message = decodeFrame(data);
    } catch {
      connection.socket.close(CLOSE.badFrame, "malformed message");
      return;
    }
    switch (message.type) {
      case "sync-step-1":
        this.enqueue(() =>
          this.send(connection, encodeSyncStep2(this.doc, message.stateVector)),
        ).catch(() => undefined);
        return;
      case "update":
        // Read-only connections: both update and sync step 2 are dropped, never stored.
        if (!connection.canWrite) return;
        this.enqueue(() => this.applyAndPersist(connection, message.update)).catch(() => undefined);
        return;
      case "awareness":
        this.receiveAwareness(connection, message.update);
        return;
      case "query-awareness":
        this.send(
          connection,
          encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]),
        );
        return;
    }
  }

  private async applyAndPersist(origin: Connection, update: Uint8Array): Promise<void> {
    if (this.broken) return;
    // Capture exactly what this update adds: a duplicate adds nothing and is
    // neither stored nor relayed.
    let delta: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (delta = delta ? Y.mergeUpdates([delta, u]) : u);
    this.doc.on("update", capture);
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      this.options.log.warn({ doc: this.name, err: error }, "rejected an undecodable update");
      origin.socket.close(CLOSE.badFrame, "malformed update");
      return;
    } finally {
      this.doc.off("update", capture);
    }
    if (!delta) return;
    const seq = this.lastSeq + 1;
    try {
      await store.appendUpdate(this.name, seq, delta);
    } catch (error) {
      // The update is in memory but not stored: this document can no longer be
      // trusted. Relay nothing, close every socket (clients keep their edits and
      // resend them on reconnect) and unload, so the next load reads the database.
      this.options.onStoreError(error as Error);
      this.options.log.error(
        { doc: this.name, err: error },
        "storing an update failed; closing the document",
      );
      this.fail(CLOSE.storeFailed, "storage failed");
      return;
    }
    this.lastSeq = seq;
    this.tailLength++;
    const frame = encodeUpdate(delta);
    for (const connection of this.connections.values()) {
      if (connection !== origin) this.send(connection, frame);
    }
    if (this.tailLength >= this.options.compactAfter) this.scheduleCompaction();
  }

  private scheduleCompaction(): void {
    if (this.compacting) return;
    this.compacting = true;
    // Off the pipeline: compaction reads and writes stored rows only, never the
    // in-memory document, so edits keep flowing while it runs.
    const covered = this.tailLength;
    store
      .compactDoc(this.name)
      .then(() => {
        this.tailLength = Math.max(0, this.tailLength - covered);
      })
      .catch((error) =>
        this.options.log.warn({ doc: this.name, err: error }, "compaction failed; will retry"),
      )
      .finally(() => (this.compacting = false));
  }

  private receiveAwareness(connection: Connection, update: Uint8Array): void {
    try {
      // Remember which awareness ids this connection speaks for, to remove them when it leaves.
      const before = new Set(this.awareness.getStates().keys());
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
      for (const id of this.awareness.getStates().keys())
        if (!before.has(id)) connection.awarenessIds.add(id);
    } catch {
      connection.socket.close(CLOSE.badFrame, "malformed awareness");
    }
  }

  private relayAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    if (origin && typeof origin === "object" && "awarenessIds" in origin) {
      const connection = origin as Connection;
      for (const id of removed) connection.awarenessIds.delete(id);
    }
    const frame = encodeAwareness(this.awareness, changed);
    for (const connection of this.connections.values()) this.send(connection, frame);
  };

  private send(connection: Connection, frame: Uint8Array): void {
    const { socket } = connection;
    if (socket.readyState !== socket.OPEN) return;
    // Backpressure: a client that does not read cannot make us buffer without bound.
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(CLOSE.tooSlow, "too slow");
      return;
    }
    socket.send(frame);
  }

  /** Closes every socket and marks the room unusable (load or store failure). */
  fail(code: number, reason: string): void {
    this.broken = true;
    for (const connection of this.connections.values()) connection.socket.close(code, reason);
  }

  /** Waits for pending writes, then frees the document. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    this.awareness.off("update", this.relayAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
