import { useCallback, useEffect, useMemo, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import {
  GROUPS_MAP,
  NOTES_MAP,
  NOTE_MAX_LENGTH,
  colourForUser,
  readBoardNotes,
  type BoardNoteData,
} from "../../../shared/seminarBoard";
import type { ConnectionState } from "../realtime/useSharedDoc";
import type { BoardActions, BoardPeer, Quadrant } from "./boardView";

interface Me {
  id: string;
  name: string;
}

function newId(): string {
  return crypto.randomUUID().replace(/-/g, "");
}

/** Actions on a board's Yjs document (structure: shared/seminarBoard.ts). */
export function boardActions(doc: Y.Doc, me: Me): BoardActions {
  const notes = doc.getMap<Y.Map<unknown>>(NOTES_MAP);
  const groups = doc.getMap<Y.Map<unknown>>(GROUPS_MAP);
  const note = (id: string) => notes.get(id);
  return {
    add(quadrant: Quadrant, text: string) {
      const clean = text.trim().slice(0, NOTE_MAX_LENGTH);
      if (!clean) return;
      const entry = new Y.Map<unknown>();
      doc.transact(() => {
        notes.set(newId(), entry);
        entry.set("text", clean);
        entry.set("quadrant", quadrant);
        entry.set("authorId", me.id);
        entry.set("colour", colourForUser(me.id));
        entry.set("groupId", null);
        entry.set("x", 0);
        entry.set("y", 0);
        entry.set("mergedInto", null);
        entry.set("createdAt", Date.now());
      });
    },
    edit(id, text) {
      const clean = text.trim().slice(0, NOTE_MAX_LENGTH);
      if (clean) note(id)?.set("text", clean);
    },
    move(id, quadrant) {
      note(id)?.set("quadrant", quadrant);
    },
    setGroup(id, title) {
      const target = note(id);
      if (!target) return;
      doc.transact(() => {
        if (!title) {
          target.set("groupId", null);
          return;
        }
        // The same label means the same group: reuse its id so the notes gather.
        let groupId: string | null = null;
        groups.forEach((group, key) => {
          if (!groupId && group.get("title") === title) groupId = key;
        });
        if (!groupId) {
          groupId = newId();
          const group = new Y.Map<unknown>();
          groups.set(groupId, group);
          group.set("title", title);
        }
        target.set("groupId", groupId);
      });
    },
    merge(targetId, sourceId) {
      const target = note(targetId);
      const source = note(sourceId);
      if (!target || !source || targetId === sourceId) return;
      doc.transact(() => {
        const joined = `${String(target.get("text") ?? "")}\n${String(source.get("text") ?? "")}`;
        target.set("text", joined.slice(0, NOTE_MAX_LENGTH));
        source.set("mergedInto", targetId);
        // Notes merged earlier into the source now belong to the target too.
        notes.forEach((other) => {
          if (other.get("mergedInto") === sourceId) other.set("mergedInto", targetId);
        });
      });
    },
    remove(id) {
      notes.delete(id);
    },
  };
}

/**
 * Joins the board's realtime document `board/<id>` with presence: who is here, in their colour,
 * and where each is typing (awareness field `editing`).
 */
export function useBoardDoc(docName: string, me: Me) {
  const [state, setState] = useState<{ doc: Y.Doc; provider: WebsocketProvider } | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [notes, setNotes] = useState<BoardNoteData[]>([]);
  const [groups, setGroups] = useState<Map<string, string>>(new Map());
  const [peers, setPeers] = useState<BoardPeer[]>([]);

  useEffect(() => {
    const doc = new Y.Doc();
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/yjs`;
    const provider = new WebsocketProvider(url, docName, doc, { maxBackoffTime: 2500 });
    provider.awareness.setLocalStateField("user", {
      id: me.id,
      name: me.name,
      colour: colourForUser(me.id),
    });
    const notesMap = doc.getMap<Y.Map<unknown>>(NOTES_MAP);
    const groupsMap = doc.getMap<Y.Map<unknown>>(GROUPS_MAP);
    const readNotes = () => setNotes(readBoardNotes(notesMap));
    const readGroups = () => {
      const next = new Map<string, string>();
      groupsMap.forEach((group, id) => {
        const title = group.get("title");
        if (typeof title === "string" && title) next.set(id, title);
      });
      setGroups(next);
    };
    const onStatus = ({ status }: { status: string }) => {
      if (status === "connected") setConnection(provider.synced ? "connected" : "syncing");
      else setConnection(status === "connecting" ? "connecting" : "disconnected");
    };
    const onSync = (synced: boolean) =>
      provider.wsconnected && setConnection(synced ? "connected" : "syncing");
    const onAwareness = () => {
      const list: BoardPeer[] = [];
      provider.awareness.getStates().forEach((s, clientId) => {
        const st = s as {
          user?: { name?: string; colour?: string };
          editing?: BoardPeer["editing"];
        };
        if (st.user?.name)
          list.push({
            clientId,
            name: st.user.name,
            color: st.user.colour ?? "#868e96",
            isSelf: clientId === doc.clientID,
            editing: st.editing ?? null,
          });
      });
      setPeers(list);
    };
    notesMap.observeDeep(readNotes);
    groupsMap.observeDeep(readGroups);
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.awareness.on("change", onAwareness);
    onAwareness();
    // The provider lives exactly as long as this effect (it opens a socket).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setState({ doc, provider });
    return () => {
      notesMap.unobserveDeep(readNotes);
      groupsMap.unobserveDeep(readGroups);
      provider.awareness.off("change", onAwareness);
      provider.destroy();
      doc.destroy();
      setState(null);
    };
  }, [docName, me.id, me.name]);

  const provider = state?.provider;
  const setEditing = useCallback(
    (editing: BoardPeer["editing"]) => provider?.awareness.setLocalStateField("editing", editing),
    [provider],
  );
  const actions = useMemo(() => (state ? boardActions(state.doc, me) : null), [state, me]);
  return { doc: state?.doc ?? null, actions, notes, groups, peers, connection, setEditing };
}
