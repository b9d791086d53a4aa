import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import { CLOSE, type Connection } from "./connection";
import { encodeAwareness } from "./protocol";

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Who is in a document and where their cursor is (y-protocols awareness):
 * relayed to everyone, never stored. The server has no state of its own. Each
 * connection's awareness ids are remembered, so that they are removed when it
 * leaves instead of lingering as ghost cursors until they time out.
 */
export class Presence {
  private readonly awareness: awarenessProtocol.Awareness;

  constructor(
    doc: Y.Doc,
    private readonly broadcast: (frame: Uint8Array) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on("update", this.relay);
  }

  /** Every known state, for a client that joins or asks; null when nobody is there. */
  encodeAll(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length ? encodeAwareness(this.awareness, ids) : null;
  }

  receive(connection: Connection, update: Uint8Array): void {
    try {
      const before = new Set(this.awareness.getStates().keys());
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
      for (const id of this.awareness.getStates().keys())
        if (!before.has(id)) connection.awarenessIds.add(id);
    } catch {
      connection.socket.close(CLOSE.badFrame, "malformed awareness");
    }
  }

  remove(connection: Connection): void {
    if (!connection.awarenessIds.size) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
  }

  destroy(): void {
    this.awareness.off("update", this.relay);
    this.awareness.destroy();
  }

  private relay = ({ added, updated, removed }: AwarenessChange, origin: unknown): void => {
    if (origin && typeof origin === "object" && "awarenessIds" in origin) {
      for (const id of removed) (origin as Connection).awarenessIds.delete(id);
    }
    this.broadcast(encodeAwareness(this.awareness, [...added, ...updated, ...removed]));
  };
}
