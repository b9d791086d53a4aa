import { useEffect, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { colorFor } from "./colors";

export { colorFor } from "./colors";

export type ConnectionState = "connecting" | "syncing" | "connected" | "disconnected";

export interface Collaborator {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  isSelf: boolean;
}

export interface SharedDocOptions {
  /**
   * Keep the document in this browser's IndexedDB, so edits made offline survive a reload
   * and are merged when the connection returns.
   */
  persist?: boolean;
}

/** The IndexedDB database of one person's copy of one document: two people on one browser never mix. */
export function localStoreName(userId: string, docName: string): string {
  return `koers:${userId}:${docName}`;
}

/** One entry per person (someone with two tabs open is listed once), oneself first. */
export function listCollaborators(
  states: Map<number, Record<string, unknown>>,
  selfClientId: number,
  selfUserId: string,
): Collaborator[] {
  const byUser = new Map<string, Collaborator>();
  states.forEach((state, clientId) => {
    const u = state.user as { id?: string; name?: string; color?: string } | undefined;
    if (!u?.name) return;
    const userId = u.id ?? `client-${clientId}`;
    const isSelf = clientId === selfClientId || userId === selfUserId;
    const existing = byUser.get(userId);
    if (existing && !(isSelf && !existing.isSelf)) return;
    byUser.set(userId, { clientId, userId, name: u.name, color: u.color ?? "#495057", isSelf });
  });
  return [...byUser.values()].sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name),
  );
}

/**
 * Joins the shared document `docName` (e.g. `plan/<id>`) through the stock
 * y-websocket provider; the server authorizes it from the session cookie.
 */
export function useSharedDoc(
  docName: string,
  user: { id: string; name: string },
  { persist = false }: SharedDocOptions = {},
) {
  const [state, setState] = useState<{ doc: Y.Doc; provider: WebsocketProvider } | null>(null);
  const [connection, setConnection] = useState<ConnectionState>(() =>
    navigator.onLine ? "connecting" : "disconnected",
  );
  const [collaborators, setCollaborators] = useState<Collaborator[]>([]);
  // True once the server's state has been received at least once in this session.
  const [hasSynced, setHasSynced] = useState(false);
  // True once the local copy (IndexedDB) is loaded, or at once when there is none.
  const [isLocalLoaded, setLocalLoaded] = useState(!persist);

  useEffect(() => {
    const doc = new Y.Doc();
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/yjs`;
    const local = persist ? new IndexeddbPersistence(localStoreName(user.id, docName), doc) : null;
    const provider = new WebsocketProvider(url, docName, doc, {
      maxBackoffTime: 2500,
      connect: navigator.onLine,
    });
    provider.awareness.setLocalStateField("user", {
      id: user.id,
      name: user.name,
      color: colorFor(user.id),
    });
    const onStatus = ({ status }: { status: string }) => {
      if (status === "connected") setConnection(provider.synced ? "connected" : "syncing");
      else setConnection(status === "connecting" ? "connecting" : "disconnected");
    };
    const onSync = (synced: boolean) => {
      if (!provider.wsconnected) return;
      setConnection(synced ? "connected" : "syncing");
      if (synced) setHasSynced(true);
    };
    const onAwareness = () =>
      setCollaborators(
        listCollaborators(
          provider.awareness.getStates() as Map<number, Record<string, unknown>>,
          doc.clientID,
          user.id,
        ),
      );
    // The provider keeps a dead socket open until its 30 s watchdog fires when the network
    // goes away; the browser knows sooner. Offline edits stay in `doc` (and IndexedDB) and
    // the sync handshake on reconnect exchanges what each side misses.
    const onOffline = () => {
      provider.disconnect();
      setConnection("disconnected");
    };
    const onOnline = () => provider.connect();
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.awareness.on("change", onAwareness);
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    void local?.whenSynced.then(() => setLocalLoaded(true));
    onAwareness();
    // The provider lives exactly as long as this effect (it opens a socket), so
    // it is created here and handed to render through state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setState({ doc, provider });
    return () => {
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      provider.awareness.off("change", onAwareness);
      provider.destroy();
      void local?.destroy();
      doc.destroy();
      setState(null);
      setHasSynced(false);
      setLocalLoaded(!persist);
    };
  }, [docName, user.id, user.name, persist]);

  return {
    doc: state?.doc ?? null,
    provider: state?.provider ?? null,
    connection,
    collaborators,
    hasSynced,
    isLocalLoaded,
  };
}
