import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type * as Y from "yjs";
import type { Actor } from "../authz";
import type { Logger } from "../logger";
import { DOC_NAME_PATTERN } from "../../shared/domain";
import { CLOSE, HEARTBEAT_MS, type Connection } from "./connection";
import { Room, type ClientChange } from "./room";

/** Who may read and write the documents of one kind (`plan/<id>` → kind "plan"). */
export type DocAccess = (
  actor: Actor,
  id: string,
) => Promise<{ canRead: boolean; canWrite: boolean }>;

export interface RealtimeOptions {
  log: Logger;
  docKinds: Record<string, DocAccess>;
  resolveActor: (request: IncomingMessage) => Promise<Actor | null>;
  isOriginAllowed: (request: IncomingMessage) => boolean;
  unloadAfterMs: number;
  compactAfter: number;
  onStoreError: (error: Error) => void;
  /** Told of every accepted socket and its actor (closing sockets when a session ends). */
  trackSocket?: (socket: WebSocket, actor: Actor) => void;
  /** Told after updates from clients to `docName` were stored (see Room). */
  onClientUpdate?: (docName: string, changes: ClientChange[]) => void;
  /** Ping interval; a socket that did not answer the previous ping is cut off (default 15 s). */
  heartbeatMs?: number;
}

/** 8 MiB: a larger frame closes the socket (1009) before it is buffered whole. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/**
 * The y-websocket-compatible endpoint `/yjs/<kind>/<id>`. Authorization happens
 * at the HTTP upgrade, before a single byte of the document is sent: no session
 * → 401, no read right → 403 (or 404 for a malformed name).
 */
export class RealtimeServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly rooms = new Map<string, Room>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Rooms that were unloaded and are still finishing their writes. */
  private readonly closing = new Map<string, Promise<void>>();
  /** Sockets that answered the last ping (or connected since it was sent). */
  private readonly alive = new WeakSet<WebSocket>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly options: RealtimeOptions) {
    // A browser that went offline (sleep, lost network) sends no close frame;
    // without pings its socket and presence would linger until TCP gives up.
    this.heartbeat = setInterval(() => this.ping(), options.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Cuts off every socket that did not answer the previous ping, pings the others. */
  private ping(): void {
    for (const socket of this.wss.clients) {
      if (!this.alive.has(socket)) {
        this.options.log.info("dropping a realtime socket that did not answer a ping");
        socket.terminate();
        continue;
      }
      this.alive.delete(socket);
      socket.ping();
    }
  }

  /** Number of loaded documents (tests and benchmarks watch it). */
  get loadedDocuments(): number {
    return this.rooms.size;
  }

  get openSockets(): number {
    return this.wss.clients.size;
  }

  /** Loaded documents, open sockets and the Yjs structs the documents hold (for /metrics). */
  stats(): { documents: number; sockets: number; structs: number } {
    let structs = 0;
    for (const room of this.rooms.values())
      for (const list of room.doc.store.clients.values()) structs += list.length;
    return { documents: this.rooms.size, sockets: this.wss.clients.size, structs };
  }

  async handleUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    docName: string,
  ): Promise<void> {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    try {
      if (!this.options.isOriginAllowed(request)) return refuse(403, "Forbidden");
      const match = DOC_NAME_PATTERN.exec(docName);
      const access = match ? this.options.docKinds[match[1]!] : undefined;
      if (!match || !access) return refuse(404, "Not Found");
      const actor = await this.options.resolveActor(request);
      if (!actor) return refuse(401, "Unauthorized");
      const rights = await access(actor, match[2]!);
      if (!rights.canRead) return refuse(403, "Forbidden");
      this.wss.handleUpgrade(request, socket, head, (ws) =>
        this.accept(ws, docName, actor, rights.canWrite),
      );
    } catch (error) {
      this.options.log.error({ err: error }, "realtime upgrade failed");
      refuse(500, "Internal Server Error");
    }
  }

  private accept(socket: WebSocket, docName: string, actor: Actor, canWrite: boolean): void {
    const room = this.roomFor(docName);
    const connection: Connection = {
      socket,
      userId: actor.id,
      sessionId: actor.sessionId,
      canWrite,
      awarenessIds: new Set(),
      pendingBytes: 0,
      rejected: false,
    };
    room.add(connection);
    this.options.trackSocket?.(socket, actor);
    socket.binaryType = "nodebuffer";
    this.alive.add(socket);
    socket.on("pong", () => this.alive.add(socket));
    socket.on("message", (data: Buffer) => {
      room.receive(connection, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
    socket.on("close", () => room.remove(socket));
    socket.on("error", (error) => {
      // ws has already started closing (1009 for a frame over maxPayload, 1002
      // for a protocol error). Let that close frame go out; a peer that never
      // answers it is cut off soon after rather than after ws's 30 s timeout.
      this.options.log.debug({ doc: docName, err: error }, "realtime socket error");
      setTimeout(() => socket.terminate(), 1000).unref();
    });
    room.loaded.catch((error: unknown) => {
      // Never serve an empty document in place of one we could not read.
      this.options.log.error({ doc: docName, err: error }, "loading a document failed");
      this.options.onStoreError(error as Error);
      room.fail(CLOSE.loadFailed, "load failed");
    });
  }

  /**
   * Applies a server-side edit to a document, loaded or not, through the
   * document's pipeline: the update is stored, then relayed to every client.
   * `edit` gets the live document and returns the update to apply (or null).
   */
  async applyServerEdit(
    docName: string,
    edit: (doc: Y.Doc) => Uint8Array | null,
  ): Promise<boolean> {
    const room = this.roomFor(docName);
    try {
      return await room.applyServerEdit(edit);
    } finally {
      this.unloadIfIdle(room);
    }
  }

  /** The full stored state of a document, loaded or not. */
  async readState(docName: string): Promise<Uint8Array> {
    const room = this.roomFor(docName);
    try {
      return await room.readState();
    } finally {
      this.unloadIfIdle(room);
    }
  }

  private roomFor(docName: string): Room {
    clearTimeout(this.unloadTimers.get(docName));
    this.unloadTimers.delete(docName);
    let room = this.rooms.get(docName);
    if (!room || room.isClosed || room.isBroken) {
      if (room) this.unload(room);
      room = new Room(
        docName,
        {
          compactAfter: this.options.compactAfter,
          log: this.options.log,
          onStoreError: this.options.onStoreError,
          // A previous instance may still be storing its last updates: loading
          // before they land would miss them and reuse their sequence numbers.
          previous: this.closing.get(docName),
          onClientUpdate: (changes) => this.options.onClientUpdate?.(docName, changes),
        },
        (empty) => this.scheduleUnload(empty),
      );
      this.rooms.set(docName, room);
    }
    return room;
  }

  private unloadIfIdle(room: Room): void {
    if (room.connections.size === 0 && this.rooms.get(room.name) === room)
      this.scheduleUnload(room);
  }

  private scheduleUnload(room: Room): void {
    if (room.isBroken) return this.unload(room);
    clearTimeout(this.unloadTimers.get(room.name));
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.name);
      if (room.connections.size === 0) this.unload(room);
    }, this.options.unloadAfterMs);
    timer.unref();
    this.unloadTimers.set(room.name, timer);
  }

  /** Forgets the room at once; it frees its document once its pending writes are done. */
  private unload(room: Room): void {
    if (this.rooms.get(room.name) !== room) return;
    this.rooms.delete(room.name);
    const previous = this.closing.get(room.name) ?? Promise.resolve();
    const closed = previous
      .then(() => room.close())
      .catch((error: unknown) =>
        this.options.log.warn({ doc: room.name, err: error }, "closing a document failed"),
      )
      .finally(() => {
        if (this.closing.get(room.name) === closed) this.closing.delete(room.name);
      });
    this.closing.set(room.name, closed);
  }

  /**
   * Closes every socket of one document (e.g. a seminar board was locked): y-websocket
   * clients reconnect at once and go through the handshake again, so they get their new
   * rights (read-only) instead of keeping the ones they had when they connected.
   */
  reconnectDocument(docName: string): number {
    const room = this.rooms.get(docName);
    if (!room) return 0;
    let closed = 0;
    for (const connection of room.connections.values()) {
      connection.socket.close(4000, "rights changed");
      closed++;
    }
    return closed;
  }

  /** Closes the sockets of a session or a user whose rights ended (logout, disable). */
  closeWhere(predicate: (c: Connection) => boolean, code: number = CLOSE.revoked): number {
    let closed = 0;
    for (const room of this.rooms.values()) {
      for (const connection of room.connections.values()) {
        if (predicate(connection)) {
          connection.socket.close(code, "session ended");
          closed++;
        }
      }
    }
    return closed;
  }

  /** Stops accepting, closes every socket and waits for pending writes. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    for (const client of this.wss.clients) client.terminate();
    for (const room of [...this.rooms.values()]) this.unload(room);
    await Promise.all(this.closing.values());
    this.wss.close();
  }
}
