import * as Y from "yjs";

/**
 * The table of actions inside an action plan's Yjs document (`plan/<planId>`):
 * a `Y.Array` named "actions" of `Y.Map` rows with string cells. The client
 * (client/features/actionplan/actionTableRows.ts) writes the same shape; client
 * and server share no code, so these names are the contract.
 *
 * Cells are plain strings, never nested types: a cell is last-writer-wins, which
 * is what a table cell should be, and the server can rewrite one cell without
 * touching the others.
 */
export const ACTIONS_ARRAY = "actions";
export const ROW_CELLS = ["id", "title", "ownerId", "dueDate", "status"] as const;
export type RowCell = (typeof ROW_CELLS)[number];

export interface DocRow {
  id: string;
  title: string;
  ownerId: string;
  dueDate: string;
  status: string;
  /** Yjs client id that wrote each cell's current value (who changed it). */
  writers: Partial<Record<RowCell, number>>;
  /** Position of the row's map in the document, to find it again in a copy. */
  item: { client: number; clock: number } | null;
}

/** One write-back: set a cell, only if it still holds `expect` (never clobber a newer edit). */
export interface CellFix {
  item: DocRow["item"];
  cell: RowCell;
  expect: string;
  value: string;
}

export type RowValues = Record<RowCell, string>;

function actionsOf(doc: Y.Doc): Y.Array<unknown> | null {
  try {
    return doc.getArray<unknown>(ACTIONS_ARRAY);
  } catch {
    // A client defined "actions" as another type: there is no table to read.
    return null;
  }
}

const text = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));

/**
 * The rows of the table, in document order; entries that are not maps are
 * skipped. Null when "actions" is not an array: nothing can be said about the
 * rows then, so nothing may be deleted because of it.
 */
export function readRows(doc: Y.Doc): DocRow[] | null {
  const table = actionsOf(doc);
  if (!table) return null;
  const rows: DocRow[] = [];
  for (const entry of table.toArray()) {
    if (!(entry instanceof Y.Map)) continue;
    const writers: DocRow["writers"] = {};
    for (const cell of ROW_CELLS) {
      const item = entry._map.get(cell);
      if (item && !item.deleted) writers[cell] = item.id.client;
    }
    const id = entry._item?.id;
    rows.push({
      id: text(entry.get("id")),
      title: text(entry.get("title")),
      ownerId: text(entry.get("ownerId")),
      dueDate: text(entry.get("dueDate")),
      status: text(entry.get("status")),
      writers,
      item: id ? { client: id.client, clock: id.clock } : null,
    });
  }
  return rows;
}

/**
 * The update that applies `change` to the table of `doc`, computed on a copy:
 * the live document only changes through the room's persist-then-relay path.
 * The copy writes as a client id the document has never used, returned so the
 * caller can say who made the edit. Null when `change` changed nothing.
 */
export function computeTableEdit(
  doc: Y.Doc,
  change: (
    rows: Y.Array<unknown>,
    findRow: (item: DocRow["item"]) => Y.Map<unknown> | null,
  ) => void,
): { update: Uint8Array; clientId: number } | null {
  const scratch = new Y.Doc();
  while (doc.store.clients.has(scratch.clientID))
    scratch.clientID = Math.floor(Math.random() * 0xffffffff);
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(doc);
    const rows = actionsOf(scratch);
    if (!rows) return null;
    const findRow = (item: DocRow["item"]) => {
      if (!item) return null;
      for (const entry of rows.toArray())
        if (
          entry instanceof Y.Map &&
          entry._item?.id.client === item.client &&
          entry._item.id.clock === item.clock
        )
          return entry as Y.Map<unknown>;
      return null;
    };
    scratch.transact(() => change(rows, findRow));
    const update = Y.encodeStateAsUpdate(scratch, before);
    // A pure deletion has no structs but a delete set.
    const meta = Y.decodeUpdate(update);
    if (!meta.structs.length && !meta.ds.clients.size) return null;
    return { update, clientId: scratch.clientID };
  } finally {
    scratch.destroy();
  }
}

/** A new row map with every cell set. */
export function newRowMap(values: RowValues): Y.Map<unknown> {
  const row = new Y.Map<unknown>();
  for (const cell of ROW_CELLS) row.set(cell, values[cell]);
  return row;
}

/** Sets cells of the row whose id is `id`; false when no row has that id. */
export function setRowCells(
  rows: Y.Array<unknown>,
  id: string,
  values: Partial<RowValues>,
): boolean {
  for (const entry of rows.toArray()) {
    if (!(entry instanceof Y.Map) || entry.get("id") !== id) continue;
    for (const [cell, value] of Object.entries(values))
      if (value !== undefined && text(entry.get(cell)) !== value) entry.set(cell, value);
    return true;
  }
  return false;
}
