import { useEffect, useState } from "react";
import * as Y from "yjs";

/**
 * The table of actions in an action plan document: `Y.Array` "actions" of
 * `Y.Map` rows with string cells. The server (server/modules/actions/
 * documentRows.ts) reads the same shape and projects each row onto an Action
 * record; these names are the contract between the two.
 */
export const ACTIONS_ARRAY = "actions";
export const ACTION_STATUSES = [
  "not_started",
  "in_progress",
  "blocked",
  "done",
  "cancelled",
] as const;
export type ActionStatusValue = (typeof ACTION_STATUSES)[number];

export interface ActionRow {
  id: string;
  title: string;
  ownerId: string;
  dueDate: string;
  status: string;
  map: Y.Map<string>;
}

/**
 * An id made here, offline if need be, shaped like an ObjectId (seconds + 8
 * random bytes): the row and its Action record share it from the first
 * keystroke, without waiting for the server. The server gives a fresh id to a
 * row whose id is malformed or already taken.
 */
export function newActionId(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, "0");
  const random = crypto.getRandomValues(new Uint8Array(8));
  return seconds + Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function actionTableOf(doc: Y.Doc): Y.Array<Y.Map<string>> {
  return doc.getArray<Y.Map<string>>(ACTIONS_ARRAY);
}

function readRows(table: Y.Array<Y.Map<string>>): ActionRow[] {
  return table
    .toArray()
    .filter((m): m is Y.Map<string> => m instanceof Y.Map)
    .map((map) => ({
      id: String(map.get("id") ?? ""),
      title: String(map.get("title") ?? ""),
      ownerId: String(map.get("ownerId") ?? ""),
      dueDate: String(map.get("dueDate") ?? ""),
      status: String(map.get("status") ?? "not_started"),
      map,
    }));
}

/** The rows, re-read on every change to the table, local or remote. */
export function useActionRows(doc: Y.Doc): ActionRow[] {
  const table = actionTableOf(doc);
  const [rows, setRows] = useState(() => readRows(table));
  useEffect(() => {
    const update = () => setRows(readRows(table));
    update();
    table.observeDeep(update);
    return () => table.unobserveDeep(update);
  }, [table]);
  return rows;
}

export function addActionRow(doc: Y.Doc): string {
  const id = newActionId();
  const row = new Y.Map<string>();
  doc.transact(() => {
    row.set("id", id);
    row.set("title", "");
    row.set("ownerId", "");
    row.set("dueDate", "");
    row.set("status", "not_started");
    actionTableOf(doc).push([row]);
  });
  return id;
}

export function deleteActionRow(doc: Y.Doc, id: string): void {
  const table = actionTableOf(doc);
  const index = table.toArray().findIndex((m) => m instanceof Y.Map && m.get("id") === id);
  if (index >= 0) table.delete(index, 1);
}
