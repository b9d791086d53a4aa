import * as Y from "yjs";
import type { WebSocket } from "ws";
import type { Logger } from "../logger";
import { CLOSE, MAX_PENDING_BYTES, sendFrame, type Connection } from "./connection";
import * as store from "./docStore";
import { Presence } from "./presence";
import { decodeFrame, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from "./protocol";

/**
 * One stored row holds at most this many updates / bytes (a BSON document is at
 * most 16 MB; one update is at most 8 MiB, the frame limit).
 */
const MAX_BATCH_UPDATES = 100;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export interface RoomOptions {
  compactAfter: number;
  log: Logger;
  /** Told when a write fails, so /healthz can report the database down. */
  onStoreError: (error: Error) => void;
  /** The previous instance of this document, still writing; loading waits for it. */
  previous?: Promise<void>;
  /**
   * Told after updates from clients were stored (never for server edits), with
   * who sent each: projections of the document (e.g. Action records) follow it.
   */
  onClientUpdate?: (changes: ClientChange[]) => void;
}

/** One stored update from a client, and the user whose connection sent it. */
export interface ClientChange {
  userId: string;
  update: Uint8Array;
}

interface Received {
  origin: Connection | null;
  update: Uint8Array;
}

const ignore = () => undefined;

/**
 * One loaded document and its connections.
 *
 * Everything that reads or changes the document goes through one serial
 * pipeline (`this.queue`): load → (apply, persist, relay | answer)*. Updates
 * that arrive while a write is in flight wait in `inbox` and are stored together
 * as one row; only after the database acknowledged the row are they relayed.
 * Sync step 1 answers run in the same pipeline, so no client is ever served
 * state that is not yet stored.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly connections = new Map<WebSocket, Connection>();
  private readonly presence = new Presence(this.doc, (frame) => {
    for (const connection of this.connections.values()) this.send(connection, frame);
  });
  private readonly ready: Promise<void>;
  private queue: Promise<unknown>;
  private inbox: Received[] = [];
  private isFlushQueued = false;
  private lastSeq = 0;
  private tailLength = 0;
  private compaction: Promise<void> | null = null;
  private broken = false;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly options: RoomOptions,
    private readonly onEmpty: (room: Room) => void,
  ) {
    this.ready = (options.previous ?? Promise.resolve())
      .then(() => this.load())
      .catch((error: unknown) => {
        this.broken = true;
        throw error;
      });
    this.queue = this.ready.catch(ignore);
  }

  private async load(): Promise<void> {
    const stored = await store.loadDoc(this.name);
    store.applyStored(this.doc, stored.updates);
    this.lastSeq = stored.lastSeq;
    this.tailLength = stored.tailLength;
    if (this.tailLength >= this.options.compactAfter || stored.coveredRows > 0)
      this.scheduleCompaction();
  }

  /** Resolves once the stored state is loaded; rejects when loading failed. */
  get loaded(): Promise<void> {
    return this.ready;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** A room whose load or store failed is replaced by a fresh one on the next connection. */
  get isBroken(): boolean {
    return this.broken;
  }

  /** Runs `work` after everything queued before it; never after a failure or once closing. */
  private enqueue<T>(work: () => Promise<T> | T): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`document ${this.name} is closed`));
    const next = this.queue.then(() => {
      if (this.broken) throw new Error(`document ${this.name} failed`);
      return work();
    });
    // A failed step must not stall the pipeline; its caller handles the error.
    this.queue = next.catch(ignore);
    return next;
  }

  add(connection: Connection): void {
    this.connections.set(connection.socket, connection);
    // Sync step 1 and the awareness states go out once the stored state is loaded.
    this.enqueue(() => {
      this.send(connection, encodeSyncStep1(this.doc));
      const presence = this.presence.encodeAll();
      if (presence) this.send(connection, presence);
    }).catch(ignore);
  }

  remove(socket: WebSocket): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    this.connections.delete(socket);
    this.presence.remove(connection);
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
        ).catch(ignore);
        return;
      case "update":
        // Read-only connections: both update and sync step 2 are dropped, never stored.
        if (!connection.canWrite) return;
        // A rejected connection is closing: what it still sends is not applied.
        if (connection.rejected) return;
        this.inbox.push({ origin: connection, update: message.update });
        connection.pendingBytes += message.update.byteLength;
        // Backpressure on input: a client that writes faster than we store waits.
        if (connection.pendingBytes > MAX_PENDING_BYTES) connection.socket.pause();
        this.queueFlush();
        return;
      case "awareness":
        this.presence.receive(connection, message.update);
        return;
      case "query-awareness": {
        const presence = this.presence.encodeAll();
        if (presence) this.send(connection, presence);
        return;
      }
    }
  }

  /**
   * Applies an update the server computes from the live document (a version
   * restore), through the same persist-then-relay path as a client's update.
   * Resolves with whether the document changed; rejects if it was not stored.
   */
  applyServerEdit(edit: (doc: Y.Doc) => Uint8Array | null): Promise<boolean> {
    return this.enqueue(async () => {
      const update = edit(this.doc);
      return update ? this.persist([{ origin: null, update }]) : false;
    });
  }

  /** The full state, as stored (read in the pipeline, after every pending write). */
  readState(): Promise<Uint8Array> {
    return this.enqueue(() => Y.encodeStateAsUpdate(this.doc));
  }

  private queueFlush(): void {
    if (this.isFlushQueued) return;
    this.isFlushQueued = true;
    this.enqueue(() => this.flush()).catch(ignore);
  }

  private async flush(): Promise<void> {
    this.isFlushQueued = false;
    let bytes = 0;
    let count = 0;
    while (count < this.inbox.length && count < MAX_BATCH_UPDATES) {
      bytes += this.inbox[count]!.update.byteLength;
      if (count > 0 && bytes > MAX_BATCH_BYTES) break;
      count++;
    }
    const batch = this.inbox.splice(0, count);
    if (this.inbox.length) this.queueFlush();
    try {
      await this.persist(batch);
    } finally {
      for (const { origin, update } of batch) {
        if (!origin) continue;
        origin.pendingBytes -= update.byteLength;
        if (origin.socket.isPaused && origin.pendingBytes <= MAX_PENDING_BYTES / 2)
          origin.socket.resume();
      }
    }
  }

  /** Applies, stores as one row, then relays. Resolves with whether anything was new. */
  private async persist(batch: Received[]): Promise<boolean> {
    const applied: { origin: Connection | null; delta: Uint8Array }[] = [];
    let polluted = false;
    for (const { origin, update } of batch) {
      // A rejected connection's later updates most likely build on the rejected one.
      if (origin?.rejected) continue;
      // Never apply an update whose dependencies we lack: Yjs would keep its
      // unresolved parts pending and retry them on every later update. An honest
      // client syncs first (its sync step 2 carries whatever we lack), so only
      // a broken or hostile client gets here.
      let missing: string | null;
      try {
        missing = missingDependencies(this.doc, update);
      } catch (error) {
        this.reject(origin, "rejected an undecodable update", error);
        continue;
      }
      if (missing) {
        this.reject(origin, `rejected an update with missing dependencies (${missing})`);
        continue;
      }
      // Capture exactly what this update adds: a duplicate adds nothing and is
      // neither stored nor relayed.
      let delta: Uint8Array | null = null;
      const capture = (u: Uint8Array) => (delta = delta ? Y.mergeUpdates([delta, u]) : u);
      this.doc.on("update", capture);
      try {
        Y.applyUpdate(this.doc, update, origin);
      } catch (error) {
        this.reject(origin, "rejected an undecodable update", error);
        // Whatever it changed before throwing is in memory now, so it is stored below.
      } finally {
        this.doc.off("update", capture);
      }
      if (hasPending(this.doc)) {
        // Dependencies the check above cannot see (e.g. a reference cycle). The
        // document now holds part of an update we will not store: keep what came
        // before it, then reload the room from the database (see below).
        this.reject(origin, "rejected an update that left unresolved parts");
        polluted = true;
        break;
      }
      if (delta) applied.push({ origin, delta });
    }
    if (polluted) {
      // Store the updates applied before the bad one (their senders may have
      // been told nothing yet, and must not lose them), relay nothing, and close
      // every socket: clients reconnect, sync against the stored state, and
      // resend anything of theirs that is missing.
      if (applied.length) await this.store(Y.mergeUpdates(applied.map((a) => a.delta)));
      this.fail(CLOSE.reload, "document reloaded");
      return applied.length > 0;
    }
    if (!applied.length) return false;
    const merged =
      applied.length === 1 ? applied[0]!.delta : Y.mergeUpdates(applied.map((a) => a.delta));
    await this.store(merged);
    this.relay(applied, merged);
    this.notifyClientUpdate(applied);
    return true;
  }

  /** Closes the socket of a client whose update is not applied (1003), with a log line. */
  private reject(origin: Connection | null, message: string, error?: unknown): void {
    this.options.log.warn(
      { doc: this.name, userId: origin?.userId, err: error },
      `${message}; closing the sender`,
    );
    if (!origin) return;
    origin.rejected = true;
    origin.socket.close(CLOSE.badFrame, "unsupported update");
  }

  /** Stores one row; on failure the room is closed (see below) and this rejects. */
  private async store(merged: Uint8Array): Promise<void> {
    const seq = this.lastSeq + 1;
    try {
      await store.appendUpdate(this.name, seq, merged);
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
      throw error;
    }
    this.lastSeq = seq;
    this.tailLength++;
    if (this.tailLength >= this.options.compactAfter) this.scheduleCompaction();
  }

  /** Sends each connection what it does not have yet: every delta but its own. */
  private relay(applied: { origin: Connection | null; delta: Uint8Array }[], merged: Uint8Array) {
    const origins = new Set(applied.map((a) => a.origin));
    const everything = encodeUpdate(merged);
    for (const connection of this.connections.values()) {
      if (!origins.has(connection)) {
        this.send(connection, everything);
        continue;
      }
      const others = applied.filter((a) => a.origin !== connection).map((a) => a.delta);
      if (others.length)
        this.send(
          connection,
          encodeUpdate(others.length === 1 ? others[0]! : Y.mergeUpdates(others)),
        );
    }
  }

  /** Only once stored: a listener never acts on an update a crash could still lose. */
  private notifyClientUpdate(applied: { origin: Connection | null; delta: Uint8Array }[]) {
    const listener = this.options.onClientUpdate;
    const changes = applied.flatMap((a) =>
      a.origin ? [{ userId: a.origin.userId, update: a.delta }] : [],
    );
    if (!listener || !changes.length) return;
    try {
      listener(changes);
    } catch (error) {
      this.options.log.warn({ doc: this.name, err: error }, "an update listener failed");
    }
  }

  private scheduleCompaction(): void {
    if (this.compaction || this.closed) return;
    // Off the pipeline: compaction reads and writes stored rows only, never the
    // in-memory document, so edits keep flowing while it runs.
    this.compaction = store
      .compactDoc(this.name)
      .then((result) => {
        // Sequence numbers are consecutive: the rows after the snapshot are the tail.
        this.tailLength = Math.max(0, this.lastSeq - result.lastSeq);
      })
      .catch((error: unknown) =>
        this.options.log.warn({ doc: this.name, err: error }, "compaction failed; will retry"),
      )
      .finally(() => (this.compaction = null));
  }

  private send(connection: Connection, frame: Uint8Array): void {
    sendFrame(connection, frame, this.options.log);
  }

  /** Closes every socket and marks the room unusable (load or store failure). */
  fail(code: number, reason: string): void {
    this.broken = true;
    for (const connection of this.connections.values()) connection.socket.close(code, reason);
  }

  /** Waits for pending writes and compaction, then frees the document. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await this.compaction;
    this.presence.destroy();
    this.doc.destroy();
  }
}

/** Whether Yjs holds parts of updates it could not integrate yet. */
function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/**
 * Why `update` cannot be applied to `doc` in full, or null when it can: a
 * struct that starts after what the document and the update itself hold for
 * its client, a reference (origin, right origin, parent) to an item neither
 * holds, or a deletion beyond them. Throws on an undecodable update.
 */
export function missingDependencies(doc: Y.Doc, update: Uint8Array): string | null {
  const { structs, ds } = Y.decodeUpdate(update);
  const known = new Map<number, number>();
  const knownOf = (client: number) => known.get(client) ?? Y.getState(doc.store, client);
  // Structs of one client come in clock order; a Skip is a range the update leaves out.
  for (const struct of structs) {
    const { client, clock } = struct.id;
    const state = knownOf(client);
    if (clock > state) return `client ${client} starts at ${clock}, known up to ${state}`;
    if (!(struct instanceof Y.Skip)) known.set(client, Math.max(state, clock + struct.length));
  }
  const holds = (id: Y.ID | null) => !id || id.clock < knownOf(id.client);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    if (!holds(struct.origin) || !holds(struct.rightOrigin) || !holds(parent))
      return `item ${struct.id.client}:${struct.id.clock} refers to an unknown item`;
  }
  for (const [client, deletions] of ds.clients) {
    for (const { clock, len } of deletions)
      if (clock + len > knownOf(client)) return `deletion beyond client ${client}'s state`;
  }
  return null;
}
