import { useEffect, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

export type ConnectionState = "connecting" | "syncing" | "connected" | "disconnected";

export interface Collaborator {
  clientId: number;
  name: string;
  color: string;
  isSelf: boolean;
}

const COLORS = [
  "#c2255c",
  "#2f9e44",
  "#e8590c",
  "#6741d9",
  "#0c8599",
  "#a61e4d",
  "#5c940d",
  "#1971c2",
];

/** A stable colour per user, the same in every collaborator's browser. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length]!;
}

/**
 * Joins the shared document `docName` (e.g. `plan/<id>`) through the stock
 * y-websocket provider; the server authorizes it from the session cookie.
 */
export function useSharedDoc(docName: string, user: { id: string; name: string }) {
  const [state, setState] = useState<{ doc: Y.Doc; provider: WebsocketProvider } | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [collaborators, setCollaborators] = useState<Collaborator[]>([]);

  useEffect(() => {
    const doc = new Y.Doc();
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/yjs`;
    const provider = new WebsocketProvider(url, docName, doc, { maxBackoffTime: 2500 });
    provider.awareness.setLocalStateField("user", {
      id: user.id,
      name: user.name,
      color: colorFor(user.id),
    });
    const onStatus = ({ status }: { status: string }) => {
      if (status === "connected") setConnection(provider.synced ? "connected" : "syncing");
      else setConnection(status === "connecting" ? "connecting" : "disconnected");
    };
    const onSync = (synced: boolean) =>
      provider.wsconnected && setConnection(synced ? "connected" : "syncing");
    const onAwareness = () => {
      const list: Collaborator[] = [];
      provider.awareness.getStates().forEach((s, clientId) => {
        const u = (s as { user?: { name?: string; color?: string } }).user;
        if (u?.name)
          list.push({
            clientId,
            name: u.name,
            color: u.color ?? "#555",
            isSelf: clientId === doc.clientID,
          });
      });
      setCollaborators(list);
    };
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.awareness.on("change", onAwareness);
    onAwareness();
    // The provider lives exactly as long as this effect (it opens a socket), so
    // it is created here and handed to render through state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setState({ doc, provider });
    return () => {
      provider.awareness.off("change", onAwareness);
      provider.destroy();
      doc.destroy();
      setState(null);
    };
  }, [docName, user.id, user.name]);

  return { doc: state?.doc ?? null, provider: state?.provider ?? null, connection, collaborators };
}
