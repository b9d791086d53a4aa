import mongoose from "mongoose";
import * as Y from "yjs";
import type { Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { AppError, notFound } from "../../errors";
import { logger } from "../../logger";
import { logCollectionName } from "../../realtime/docStore";
import { loadPlansById } from "../plans";
import type { LocalizedValue } from "../../../shared/localized";
import { ActionModel, type Action } from "./model";
import { computeTableEdit, newRowMap, readRows, setRowCells, type RowValues } from "./documentRows";
import { projectRows, type Projection } from "./documentProjection";

/**
 * ONE SOURCE OF TRUTH: the action plan document.
 *
 * The table of actions of a plan lives in its Yjs document `plan/<planId>`
 * (documentRows.ts): that is where people edit it, together, offline too, and
 * where the CRDT merges their edits. `Action` records with `source: "document"`
 * are a projection of those rows that the server maintains for the GraphQL API,
 * dashboards and KPIs; the record keeps what the table does not show (progress,
 * done date, links to objectives and measurement points).
 *
 * - After a client's update to `plan/*` is stored, the plan is projected again
 *   (debounced: a burst of typing is one projection). Records are created,
 *   updated and deleted with audit entries and plan events, like any write.
 * - A GraphQL write to such an action edits the row in the document first (so
 *   every open editor shows it), then the record, in one place: the per-plan
 *   lock below, which every projection also holds. A mutation therefore never
 *   interleaves with a projection and returns the record as the document says.
 * - At startup a repair pass projects every plan document, so a crash between a
 *   stored update and its projection (the debounce window) is caught up.
 */
const log = () => logger().child({ module: "actions" });

/** What this module needs of the realtime server (server/realtime/server.ts). */
export interface DocumentEditor {
  applyServerEdit(docName: string, edit: (doc: Y.Doc) => Uint8Array | null): Promise<boolean>;
}

/** Continuous typing still projects at least this often (unless the debounce is longer). */
const MAX_WAIT_MS = 2_000;
/** Remembered Yjs client ids per document (who wrote which cell). */
const MAX_WRITERS = 2_000;
const PLAN_DOC = /^plan\/([a-f0-9]{24})$/;

let editor: DocumentEditor | null = null;
let debounceMs = 300;
interface Pending {
  timer: NodeJS.Timeout;
  since: number;
  users: Set<string>;
}
const pending = new Map<string, Pending>();
const running = new Set<Promise<void>>();
/** Yjs client id → user id, per document: learnt from the updates each user sent. */
const writersByDoc = new Map<string, Map<number, string>>();

const planLock = (planId: string) => `action-document:${planId}`;
const docNameOf = (planId: string) => `plan/${planId}`;

/** Starts keeping Action records in step with the action plan documents of `server`. */
export function attachActionDocuments(
  server: DocumentEditor,
  options: { debounceMs: number },
): void {
  editor = server;
  debounceMs = options.debounceMs;
}

/** Projects what is still pending, then stops (a clean shutdown loses no projection). */
export async function detachActionDocuments(server: DocumentEditor): Promise<void> {
  if (editor !== server) return;
  for (const [planId, entry] of pending) {
    clearTimeout(entry.timer);
    pending.delete(planId);
    track(projectPlan(planId, entry.users));
  }
  await Promise.all(running);
  editor = null;
  writersByDoc.clear();
}

/** Whether writes to doc-backed actions go through the document (a realtime server runs). */
export function isDocumentSyncOn(): boolean {
  return editor !== null;
}

function track(work: Promise<void>): void {
  const done = work
    .catch((error: unknown) => log().error({ err: error }, "projecting an action plan failed"))
    .finally(() => running.delete(done));
  running.add(done);
}

function rememberWriter(docName: string, clientId: number, userId: string): void {
  let writers = writersByDoc.get(docName);
  if (!writers) writersByDoc.set(docName, (writers = new Map()));
  writers.delete(clientId);
  writers.set(clientId, userId);
  if (writers.size > MAX_WRITERS) writers.delete(writers.keys().next().value!);
}

/**
 * The realtime server's hook: updates from clients to `docName` were stored.
 * Read-only connections never get here (their updates are dropped unstored).
 */
export function onActionDocumentUpdate(
  docName: string,
  changes: { userId: string; update: Uint8Array }[],
): void {
  const match = PLAN_DOC.exec(docName);
  if (!match || !editor) return;
  const planId = match[1]!;
  for (const { userId, update } of changes) {
    try {
      for (const clientId of Y.parseUpdateMeta(update).to.keys())
        rememberWriter(docName, clientId, userId);
    } catch {
      // Undecodable updates were rejected by the room already.
    }
  }
  const now = Date.now();
  const entry = pending.get(planId);
  if (entry) clearTimeout(entry.timer);
  const next: Pending = entry ?? { timer: undefined!, since: now, users: new Set() };
  for (const { userId } of changes) next.users.add(userId);
  const wait = Math.max(
    0,
    Math.min(debounceMs, next.since + Math.max(MAX_WAIT_MS, debounceMs) - now),
  );
  next.timer = setTimeout(() => {
    pending.delete(planId);
    track(projectPlan(planId, next.users));
  }, wait);
  next.timer.unref();
  pending.set(planId, next);
}

/** Projects the table of one plan onto its records, under the plan's lock. */
function projectPlan(planId: string, users: Set<string>): Promise<void> {
  return withLock(planLock(planId), () => projectPlanLocked(planId, users));
}

async function projectPlanLocked(planId: string, users: Set<string>): Promise<void> {
  const server = editor;
  if (!server) return;
  const [plan] = await loadPlansById([planId]);
  if (!plan) return;
  const docName = docNameOf(planId);
  // Rows whose id had to change get their record on the next pass.
  for (let pass = 0; pass < 3; pass++) {
    let rows: ReturnType<typeof readRows> = null;
    await server.applyServerEdit(docName, (doc) => {
      rows = readRows(doc);
      return null;
    });
    if (!rows) {
      log().warn({ doc: docName }, "the actions of this document are not a table; not projected");
      return;
    }
    const outcome: Projection = await projectRows(plan, rows, {
      writers: writersByDoc.get(docName) ?? new Map(),
      users,
    });
    if (!outcome.fixes.length && !outcome.adopt.length) return;
    await server.applyServerEdit(docName, (doc) => {
      const edit = computeTableEdit(doc, (table, findRow) => {
        for (const fix of outcome.fixes) {
          const row = findRow(fix.item);
          if (row && String(row.get(fix.cell) ?? "") === fix.expect) row.set(fix.cell, fix.value);
        }
        for (const values of outcome.adopt) table.push([newRowMap(values)]);
      });
      return edit?.update ?? null;
    });
    // Mark after the rows are stored: a crash in between is adopted again, by id.
    for (const values of outcome.adopt)
      await withLock(`Action:${values.id}`, () =>
        ActionModel.updateOne({ _id: values.id }, { $set: { source: "document" } }),
      );
    if (!outcome.fixes.some((f) => f.cell === "id")) return;
  }
}

/** Applies `change` to the table of the plan's document as `actor`. */
async function editTable(
  planId: string,
  actor: Actor,
  change: Parameters<typeof computeTableEdit>[1],
): Promise<void> {
  const docName = docNameOf(planId);
  await editor!.applyServerEdit(docName, (doc) => {
    const edit = computeTableEdit(doc, change);
    if (!edit) return null;
    rememberWriter(docName, edit.clientId, actor.id);
    return edit.update;
  });
}

/**
 * Creates a doc-backed action: the row first (the source of truth), then its
 * record with the same id. A crash in between leaves a row the repair projects.
 */
export function createThroughDocument(
  actor: Actor,
  planId: string,
  fields: {
    title: LocalizedValue | null;
    ownerId: string | null;
    dueDate: string | null;
    status: Action["status"];
    [field: string]: unknown;
  },
  locale: string,
): Promise<Action> {
  return withLock(planLock(planId), async () => {
    const id = new mongoose.Types.ObjectId();
    const title = (fields.title as Record<string, string | null> | null)?.[locale] ?? "";
    await editTable(planId, actor, (table) => {
      table.push([
        newRowMap({
          id: id.toHexString(),
          title,
          ownerId: fields.ownerId ? String(fields.ownerId) : "",
          dueDate: fields.dueDate ?? "",
          status: fields.status ?? "not_started",
        }),
      ]);
    });
    const created = await ActionModel.create({ ...fields, _id: id, source: "document" });
    return created.toObject() as Action;
  });
}

/**
 * Updates a doc-backed action: the row's cells first, then the record, under
 * the plan's lock (so no projection runs in between) and the record's lock.
 */
export function updateThroughDocument<T>(
  actor: Actor,
  existing: Action,
  version: number,
  cells: Partial<Omit<RowValues, "id">>,
  updateRecord: () => Promise<T>,
): Promise<T> {
  const planId = String(existing.planId);
  const id = String(existing._id);
  return withLock(planLock(planId), async () => {
    const current = await ActionModel.findById(id).lean<Action>();
    if (!current) throw notFound("Action");
    if (current.version !== version)
      throw new AppError("CONFLICT", `Action ${id} is at version ${current.version}`, {
        messageKey: "errors.CONFLICT",
      });
    let hasRow = false;
    await editTable(planId, actor, (table) => {
      hasRow = setRowCells(table, id, cells);
    });
    // Its row was deleted and that deletion is about to be projected.
    if (!hasRow) throw notFound("Action");
    return updateRecord();
  });
}

/** Plan ids that have an action plan document or actions. */
async function plansToRepair(): Promise<string[]> {
  const db = mongoose.connection.db;
  if (!db) return [];
  const ids = new Set<string>();
  const prefix = logCollectionName("plan/");
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray())
    if (name.startsWith(prefix)) ids.add(name.slice(prefix.length));
  const snapshots = await db
    .collection<{ _id: string }>("yjs_snapshots")
    .find({}, { projection: { _id: 1 } })
    .toArray();
  for (const { _id } of snapshots) if (_id.startsWith("plan/")) ids.add(_id.slice(5));
  for (const planId of await ActionModel.distinct("planId")) ids.add(String(planId));
  return [...ids].filter((id) => /^[a-f0-9]{24}$/.test(id));
}

/**
 * Reconciles every plan's records with its document, one plan at a time (run
 * in the background after startup): updates stored just before a crash are
 * projected, and records created without a realtime server are adopted.
 */
export async function repairActionDocuments(): Promise<number> {
  let repaired = 0;
  for (const planId of await plansToRepair()) {
    if (!editor) break;
    try {
      await projectPlan(planId, new Set());
      repaired++;
    } catch (error) {
      log().warn({ planId, err: error }, "reconciling an action plan failed");
    }
  }
  return repaired;
}
