import mongoose from "mongoose";
import { badInput, notFound } from "../errors";
import { withLock } from "../db/mutex";
import type { Logger } from "../logger";
import { DOC_NAME_PATTERN } from "../../shared/domain";
import { computeRestoreUpdate } from "./restore";
import type { RealtimeServer } from "./server";

/**
 * Named versions of a realtime document ("sent to the board, March 2025").
 *
 * - `yjs_versions` holds each version as a full Yjs state copy,
 *   `{_id: ObjectId, doc, name, createdAt, createdBy, state}`, read by `_id`.
 *   A full copy, not a `Y.snapshot`: snapshots need gc off, and our documents
 *   are garbage-collected.
 * - `yjs_version_lists` holds one small row per document, `{_id: docName,
 *   versions: [{_id, name, createdAt, createdBy}]}`. Listing reads it by `_id`;
 *   a `find({doc})` would make FerretDB scan (and decode) every state copy of
 *   every document. FerretDB updates are read-modify-write, so the list is
 *   only changed under a keyed lock (one server process owns the database).
 *
 * Saving writes the version first, then lists it (no transactions): a crash in
 * between leaves an unlisted copy, never a listed version without content.
 *
 * Restoring is a new edit (see restore.ts) applied through the document's live
 * pipeline, so it is stored before any client sees it, and nothing is lost:
 * later versions stay, and the edits made since remain in the history.
 */
export const MAX_VERSION_NAME_LENGTH = 200;

export interface VersionInfo {
  id: string;
  doc: string;
  name: string;
  createdAt: Date;
  createdBy: string;
}

interface VersionRow {
  _id: mongoose.Types.ObjectId;
  doc: string;
  name: string;
  createdAt: Date;
  createdBy: string;
  state: mongoose.mongo.Binary;
}

interface ListEntry {
  _id: mongoose.Types.ObjectId;
  name: string;
  createdAt: Date;
  createdBy: string;
}

interface ListRow {
  _id: string;
  versions: ListEntry[];
}

const WRITE_CONCERN = { w: "majority" as const, j: true };

function db() {
  const database = mongoose.connection.db;
  if (!database) throw new Error("database not connected");
  return database;
}

const bytes = (b: mongoose.mongo.Binary) =>
  new Uint8Array(b.buffer.buffer, b.buffer.byteOffset, b.buffer.byteLength);

const versions = () => db().collection<VersionRow>("yjs_versions");
const lists = () => db().collection<ListRow>("yjs_version_lists");

function checkDocName(docName: string): void {
  if (!DOC_NAME_PATTERN.test(docName)) throw notFound("Document");
}

function parseVersionId(versionId: string): mongoose.Types.ObjectId {
  if (!/^[a-f0-9]{24}$/.test(versionId)) throw notFound("Version");
  return new mongoose.Types.ObjectId(versionId);
}

const toInfo = (doc: string, row: ListEntry): VersionInfo => ({
  id: String(row._id),
  doc,
  name: row.name,
  createdAt: row.createdAt,
  createdBy: row.createdBy,
});

export class VersionService {
  private readonly log: Logger | undefined;

  constructor(
    private readonly realtime: RealtimeServer,
    log?: Logger,
  ) {
    this.log = log?.child({ module: "versions" });
  }

  /** Saves the document's current stored state under a name. */
  async saveVersion(docName: string, name: string, userId: string): Promise<VersionInfo> {
    checkDocName(docName);
    const trimmed = name.trim();
    if (!trimmed) throw badInput("name", "errors.required");
    if (trimmed.length > MAX_VERSION_NAME_LENGTH)
      throw badInput("name", "errors.tooLong", { max: MAX_VERSION_NAME_LENGTH });
    const state = await this.realtime.readState(docName);
    const entry: ListEntry = {
      _id: new mongoose.Types.ObjectId(),
      name: trimmed,
      createdAt: new Date(),
      createdBy: userId,
    };
    await versions().insertOne(
      { ...entry, doc: docName, state: new mongoose.mongo.Binary(state) },
      { writeConcern: WRITE_CONCERN },
    );
    await withLock(`yjs_version_lists:${docName}`, async () => {
      await lists().updateOne(
        { _id: docName },
        { $push: { versions: entry } },
        { upsert: true, writeConcern: WRITE_CONCERN },
      );
    });
    this.log?.info({ doc: docName, version: String(entry._id), userId }, "version saved");
    return toInfo(docName, entry);
  }

  /** The document's versions, newest first. */
  async listVersions(docName: string): Promise<VersionInfo[]> {
    checkDocName(docName);
    const list = await lists().findOne({ _id: docName });
    return (list?.versions ?? []).map((entry) => toInfo(docName, entry)).reverse();
  }

  /** One version's name and document; NOT_FOUND when it does not exist. */
  async getVersion(versionId: string): Promise<VersionInfo> {
    const row = await this.findRow(versionId);
    return toInfo(row.doc, row);
  }

  /**
   * The full Yjs state of a version, to show it read-only. With `docName`, a
   * version of another document is NOT_FOUND (the caller authorized `docName`).
   */
  async getVersionState(versionId: string, docName?: string): Promise<Uint8Array> {
    const row = await this.findRow(versionId, docName);
    return bytes(row.state);
  }

  /**
   * Makes the document's content equal to the version, as a new edit that is
   * stored, then relayed to every connected client. Later versions are kept.
   */
  async restoreVersion(
    docName: string,
    versionId: string,
    userId: string,
  ): Promise<{ version: VersionInfo; changed: boolean }> {
    checkDocName(docName);
    const row = await this.findRow(versionId, docName);
    const state = bytes(row.state);
    const changed = await this.realtime.applyServerEdit(docName, (doc) =>
      computeRestoreUpdate(doc, state),
    );
    this.log?.info({ doc: docName, version: versionId, userId, changed }, "version restored");
    return { version: toInfo(row.doc, row), changed };
  }

  private async findRow(versionId: string, docName?: string): Promise<VersionRow> {
    const row = await versions().findOne({ _id: parseVersionId(versionId) });
    if (!row || (docName !== undefined && row.doc !== docName)) throw notFound("Version");
    return row;
  }
}
