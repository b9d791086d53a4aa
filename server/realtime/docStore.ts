import mongoose from "mongoose";
import * as Y from "yjs";
import { withLock } from "../db/mutex";
import { crashPoint } from "../faults";

/**
 * Durable storage of Yjs documents.
 *
 * - `yjs_snapshots` holds one row per document, `{_id: docName, update, seq}`:
 *   the merged state of every update up to `seq`. Read by `_id`, the only
 *   lookup FerretDB pushes down to SQLite.
 * - Each document has its own insert-only update log, collection
 *   `yjs_log.<docName with / as .>`, rows `{_id: seq, update}`. A load reads the
 *   snapshot and that small collection, so it never scans other documents' rows.
 *
 * Compaction writes the new snapshot first, then deletes the rows it covers.
 * Applying a Yjs update twice is harmless, so a crash between the two steps
 * loses nothing. Two compactions of one document never overlap (keyed lock):
 * an older one finishing last would otherwise put back a snapshot that misses
 * rows the newer one already deleted.
 */
const WRITE_CONCERN = { w: "majority" as const, j: true };

/**
 * Every Yjs write of this process goes through one FIFO slot. SQLite (under
 * FerretDB) has a single writer: concurrent writers get SQLITE_BUSY and wait
 * in SQLite's busy handler, whose sleeps made p99 append latency reach seconds
 * with 50 documents being edited. One write at a time removes that contention;
 * throughput does not suffer, because updates that arrive meanwhile are stored
 * together as one row (see Room.flush).
 */
let writeTail: Promise<unknown> = Promise.resolve();

export function serializeWrite<T>(write: () => Promise<T>): Promise<T> {
  const result = writeTail.then(write);
  writeTail = result.catch(() => undefined);
  return result;
}

interface SnapshotRow {
  _id: string;
  update: mongoose.mongo.Binary;
  seq: number;
}

interface LogRow {
  _id: number;
  update: mongoose.mongo.Binary;
}

export interface StoredDoc {
  /** Every stored update, snapshot first. */
  updates: Uint8Array[];
  /** The highest sequence number stored. */
  lastSeq: number;
  /** Number of log rows not yet folded into the snapshot. */
  tailLength: number;
  /** Rows the snapshot already covers: a compaction was cut short before deleting them. */
  coveredRows: number;
  /** The lowest sequence number in the log (0 when it is empty). */
  firstRowSeq: number;
}

/** FerretDB deletes with one SQL variable per row; SQLite allows at most 32,766. */
const DELETE_CHUNK = 30_000;
/**
 * From this many folded rows on, the log is dropped instead of deleted from
 * when nothing was appended since it was read: on FerretDB every range delete
 * scans the whole log (about 4 s per scan of 100k rows), a drop takes ms.
 */
const DROP_FROM_ROWS = 2_000;
/** The last sequence number this process appended per document (it owns the database). */
const lastAppended = new Map<string, number>();

export type CompactionStep = "read" | "snapshot" | "delete";

function db() {
  const database = mongoose.connection.db;
  if (!database) throw new Error("database not connected");
  return database;
}

export function logCollectionName(docName: string): string {
  return `yjs_log.${docName.replace(/\//g, ".")}`;
}

const snapshots = () => db().collection<SnapshotRow>("yjs_snapshots");
const log = (docName: string) => db().collection<LogRow>(logCollectionName(docName));
const compactionLock = (docName: string) => `yjs_compaction:${docName}`;

const bytes = (b: mongoose.mongo.Binary) =>
  new Uint8Array(b.buffer.buffer, b.buffer.byteOffset, b.buffer.byteLength);

export async function loadDoc(docName: string): Promise<StoredDoc> {
  // The log is read before the snapshot, never in parallel: a compaction that
  // runs in between can only make the snapshot newer, and a newer snapshot
  // covers every row it deleted. Read the other way round, an old snapshot plus
  // an already-compacted log would miss those rows.
  const rows = await log(docName).find({}).sort({ _id: 1 }).toArray();
  const snapshot = await snapshots().findOne({ _id: docName });
  const snapshotSeq = snapshot?.seq ?? 0;
  const updates = snapshot ? [bytes(snapshot.update)] : [];
  let lastSeq = snapshotSeq;
  let tailLength = 0;
  let coveredRows = 0;
  // A loop, not Math.max(...rows): spreading 100k arguments overflows the stack.
  for (const row of rows) {
    if (row._id <= snapshotSeq) {
      coveredRows++;
      continue;
    }
    updates.push(bytes(row.update));
    tailLength++;
    if (row._id > lastSeq) lastSeq = row._id;
  }
  return { updates, lastSeq, tailLength, coveredRows, firstRowSeq: rows[0]?._id ?? 0 };
}

/** Applies stored updates to a document in one transaction (never Y.mergeUpdates: yjs#710). */
export function applyStored(doc: Y.Doc, updates: Uint8Array[]): void {
  Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)));
}

/** Appends one update; resolves only once the database has acknowledged it. */
function noteAppended(docName: string, seq: number): void {
  if (seq > (lastAppended.get(docName) ?? 0)) lastAppended.set(docName, seq);
}

export async function appendUpdate(
  docName: string,
  seq: number,
  update: Uint8Array,
): Promise<void> {
  await serializeWrite(async () => {
    // Noted first: a failed insert may still have stored the row.
    noteAppended(docName, seq);
    await log(docName).insertOne(
      { _id: seq, update: new mongoose.mongo.Binary(update) },
      { writeConcern: WRITE_CONCERN },
    );
  });
}

/**
 * Appends consecutive updates `firstSeq, firstSeq + 1, …` in one ordered insert
 * (bulk seeding: benchmarks, imports). Rows before a failure may be stored.
 */
export async function appendUpdates(
  docName: string,
  firstSeq: number,
  updates: Uint8Array[],
): Promise<void> {
  if (!updates.length) return;
  await serializeWrite(async () => {
    noteAppended(docName, firstSeq + updates.length - 1);
    await log(docName).insertMany(
      updates.map((u, i) => ({ _id: firstSeq + i, update: new mongoose.mongo.Binary(u) })),
      { ordered: true, writeConcern: WRITE_CONCERN },
    );
  });
}

/**
 * Folds the stored rows (not the in-memory document) into a new snapshot, then
 * deletes the folded rows. `onStep` lets tests crash between the steps.
 */
export function compactDoc(
  docName: string,
  onStep?: (step: CompactionStep) => Promise<void> | void,
): Promise<StoredDoc> {
  return withLock(compactionLock(docName), async () => {
    const stored = await loadDoc(docName);
    crashPoint("compaction:after-read");
    await onStep?.("read");
    if (stored.tailLength === 0 && stored.coveredRows === 0) return stored;
    let merged = stored.updates[0]!;
    // With no tail, the snapshot is current: only the rows a cut-short
    // compaction left behind are still to be deleted.
    if (stored.tailLength > 0) {
      const doc = new Y.Doc();
      applyStored(doc, stored.updates);
      merged = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      const snapshot = new mongoose.mongo.Binary(merged);
      await serializeWrite(() =>
        snapshots().replaceOne(
          { _id: docName },
          { update: snapshot, seq: stored.lastSeq },
          { upsert: true, writeConcern: WRITE_CONCERN },
        ),
      );
    }
    // Snapshot stored, every folded row still in the log.
    crashPoint("compaction:after-snapshot");
    await onStep?.("snapshot");
    await deleteFolded(docName, stored);
    crashPoint("compaction:after-delete");
    await onStep?.("delete");
    return {
      updates: [merged],
      lastSeq: stored.lastSeq,
      tailLength: 0,
      coveredRows: 0,
      firstRowSeq: 0,
    };
  });
}

/** Deletes the log rows a new snapshot covers (up to `stored.lastSeq`). */
async function deleteFolded(docName: string, stored: StoredDoc): Promise<void> {
  const folded = stored.tailLength + stored.coveredRows;
  if (folded >= DROP_FROM_ROWS) {
    // In the write slot no append of this process can slip in between the
    // check and the drop, and no other process writes this database.
    const dropped = await serializeWrite(async () => {
      if ((lastAppended.get(docName) ?? 0) > stored.lastSeq) return false;
      crashPoint("compaction:before-drop");
      await log(docName).drop();
      return true;
    });
    if (dropped) return;
  }
  for (let below = stored.firstRowSeq - 1; below < stored.lastSeq; below += DELETE_CHUNK) {
    const upTo = Math.min(below + DELETE_CHUNK, stored.lastSeq);
    await serializeWrite(() =>
      log(docName).deleteMany({ _id: { $gt: below, $lte: upTo } }, { writeConcern: WRITE_CONCERN }),
    );
    // Some chunks deleted, the rest still in the log.
    if (upTo < stored.lastSeq) crashPoint("compaction:mid-delete");
  }
}

/** Every stored update of a document, merged into one state update. */
export async function readDocState(docName: string): Promise<Uint8Array> {
  const stored = await loadDoc(docName);
  const doc = new Y.Doc();
  applyStored(doc, stored.updates);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
