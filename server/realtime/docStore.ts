import mongoose from "mongoose";
import * as Y from "yjs";

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
 * loses nothing.
 */
const WRITE_CONCERN = { w: "majority" as const, j: true };

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
}

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

const bytes = (b: mongoose.mongo.Binary) =>
  new Uint8Array(b.buffer.buffer, b.buffer.byteOffset, b.buffer.byteLength);

export async function loadDoc(docName: string): Promise<StoredDoc> {
  const [snapshot, rows] = await Promise.all([
    snapshots().findOne({ _id: docName }),
    log(docName).find({}).sort({ _id: 1 }).toArray(),
  ]);
  const snapshotSeq = snapshot?.seq ?? 0;
  const tail = rows.filter((r) => r._id > snapshotSeq);
  return {
    updates: [...(snapshot ? [bytes(snapshot.update)] : []), ...tail.map((r) => bytes(r.update))],
    lastSeq: Math.max(snapshotSeq, ...rows.map((r) => r._id)),
    tailLength: tail.length,
  };
}

/** Appends one update; resolves only once the database has acknowledged it. */
export async function appendUpdate(
  docName: string,
  seq: number,
  update: Uint8Array,
): Promise<void> {
  await log(docName).insertOne(
    { _id: seq, update: new mongoose.mongo.Binary(update) },
    { writeConcern: WRITE_CONCERN },
  );
}

/**
 * Folds the stored rows (not the in-memory document) into a new snapshot, then
 * deletes the folded rows. `onStep` lets tests crash between the steps.
 */
export async function compactDoc(
  docName: string,
  onStep?: (step: "read" | "snapshot" | "delete") => Promise<void>,
) {
  const stored = await loadDoc(docName);
  await onStep?.("read");
  if (stored.tailLength === 0) return stored;
  const doc = new Y.Doc();
  Y.transact(doc, () => stored.updates.forEach((u) => Y.applyUpdate(doc, u)));
  const merged = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await snapshots().replaceOne(
    { _id: docName },
    { update: new mongoose.mongo.Binary(merged), seq: stored.lastSeq },
    { upsert: true, writeConcern: WRITE_CONCERN },
  );
  await onStep?.("snapshot");
  await log(docName).deleteMany({ _id: { $lte: stored.lastSeq } }, { writeConcern: WRITE_CONCERN });
  await onStep?.("delete");
  return { updates: [merged], lastSeq: stored.lastSeq, tailLength: 0 };
}

/** Every stored document, merged, for versions and tests. */
export async function readDocState(docName: string): Promise<Uint8Array> {
  const stored = await loadDoc(docName);
  const doc = new Y.Doc();
  Y.transact(doc, () => stored.updates.forEach((u) => Y.applyUpdate(doc, u)));
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
