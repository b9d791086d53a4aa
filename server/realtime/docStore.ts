import mongoose from "mongoose";
import * as Y from "yjs";
import { withLock } from "../db/mutex";

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
  // A loop, not Math.max(...rows): spreading 100k arguments overflows the stack.
  for (const row of rows) {
    if (row._id <= snapshotSeq) continue;
    updates.push(bytes(row.update));
    tailLength++;
    if (row._id > lastSeq) lastSeq = row._id;
  }
  return { updates, lastSeq, tailLength };
}

/** Applies stored updates to a document in one transaction (never Y.mergeUpdates: yjs#710). */
export function applyStored(doc: Y.Doc, updates: Uint8Array[]): void {
  Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)));
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
 * Appends consecutive updates `firstSeq, firstSeq + 1, …` in one ordered insert
 * (bulk seeding: benchmarks, imports). Rows before a failure may be stored.
 */
export async function appendUpdates(
  docName: string,
  firstSeq: number,
  updates: Uint8Array[],
): Promise<void> {
  if (!updates.length) return;
  await log(docName).insertMany(
    updates.map((u, i) => ({ _id: firstSeq + i, update: new mongoose.mongo.Binary(u) })),
    { ordered: true, writeConcern: WRITE_CONCERN },
  );
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
    await onStep?.("read");
    if (stored.tailLength === 0) return stored;
    const doc = new Y.Doc();
    applyStored(doc, stored.updates);
    const merged = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    await snapshots().replaceOne(
      { _id: docName },
      { update: new mongoose.mongo.Binary(merged), seq: stored.lastSeq },
      { upsert: true, writeConcern: WRITE_CONCERN },
    );
    await onStep?.("snapshot");
    await log(docName).deleteMany(
      { _id: { $lte: stored.lastSeq } },
      { writeConcern: WRITE_CONCERN },
    );
    await onStep?.("delete");
    return { updates: [merged], lastSeq: stored.lastSeq, tailLength: 0 };
  });
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
