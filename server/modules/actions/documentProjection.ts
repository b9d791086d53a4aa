import mongoose from "mongoose";
import type { Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { getUsers, toActor, type User } from "../users";
import { localizedFrom, recordChange, type Plan } from "../plans";
import { isIsoDate } from "../../../shared/periods";
import { LOCALES } from "../../../shared/domain";
import type { LocalizedValue } from "../../../shared/localized";
import { ActionModel, type Action } from "./model";
import type { CellFix, DocRow, RowCell, RowValues } from "./documentRows";

/**
 * Turns the rows of a plan's action table into its `Action` records (see the
 * header of documentSync.ts). Invalid cells never reach a record: the record
 * keeps its last valid value and the row gets it back (a fix), so every editor
 * sees what the records say.
 */
export interface Projection {
  /** Cells to write back into the document. */
  fixes: CellFix[];
  /** Records not yet in the document, to append as rows. */
  adopt: RowValues[];
}

const STATUSES: readonly string[] = ["not_started", "in_progress", "blocked", "done", "cancelled"];
const OBJECT_ID = /^[a-f0-9]{24}$/;
const MAX_TITLE = 1000;
const today = () => new Date().toISOString().slice(0, 10);
const newId = () => new mongoose.Types.ObjectId().toHexString();

/** The first text of a localized value, preferring `locale`. */
function textOf(value: LocalizedValue | null | undefined, locale: string): string {
  const own = (value as Record<string, string | null> | null)?.[locale];
  return own ?? LOCALES.map((l) => value?.[l]).find((t) => !!t) ?? "";
}

/** Who changed a cell: the user whose connection sent its Yjs client id, else a system actor. */
function attribution(
  plan: Plan,
  users: Map<string, User>,
  who: { writers: Map<number, string>; users: Set<string> },
) {
  // Without a known writer (after a restart, or a deletion, which carries no
  // client id) the one user who edited in this window is the author; with
  // several or none, the change is Koers's own and the audit entry says so
  // (actorId null) rather than naming someone who may not have made it.
  const only = who.users.size === 1 ? users.get([...who.users][0]!) : undefined;
  const fallback: Actor = only
    ? toActor(only, "realtime")
    : {
        id: "system",
        sessionId: "system",
        organisationId: String(plan.organisationId),
        name: "Koers",
        email: "",
        locale: "nl",
        isAdmin: false,
        memberships: [],
      };
  return (clientId: number | undefined): Actor => {
    const userId = clientId === undefined ? undefined : who.writers.get(clientId);
    const user = userId ? users.get(userId) : undefined;
    return user ? toActor(user, "realtime") : fallback;
  };
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/** Projects `rows` onto the records of `plan`; returns what to write back. */
export async function projectRows(
  plan: Plan,
  rows: DocRow[],
  who: { writers: Map<number, string>; users: Set<string> },
): Promise<Projection> {
  const planId = String(plan._id);
  const records = await ActionModel.find({ planId }).lean<(Action & { source?: string })[]>();
  const byId = new Map(records.map((r) => [String(r._id), r]));
  const wanted = new Set<string>(who.users);
  for (const row of rows) {
    if (OBJECT_ID.test(row.ownerId)) wanted.add(row.ownerId);
    for (const clientId of Object.values(row.writers)) {
      const userId = who.writers.get(clientId);
      if (userId) wanted.add(userId);
    }
  }
  const users = new Map<string, User>();
  for (const user of await getUsers([...wanted]))
    if (user && String(user.organisationId) === String(plan.organisationId))
      users.set(String(user._id), user);
  const actorFor = attribution(plan, users, who);
  const fixes: CellFix[] = [];
  const fix = (row: DocRow, cell: RowCell, value: string) => {
    if (row[cell] !== value) fixes.push({ item: row.item, cell, expect: row[cell], value });
  };
  const seen = new Set<string>();

  for (const row of rows) {
    const record = byId.get(row.id);
    // Ids come from clients (made offline, like ObjectIds): a malformed or
    // repeated one, or one of another plan's record, gets a fresh id.
    if (!OBJECT_ID.test(row.id) || seen.has(row.id)) {
      fix(row, "id", newId());
      continue;
    }
    if (!record && (await ActionModel.exists({ _id: row.id }))) {
      fix(row, "id", newId());
      continue;
    }
    seen.add(row.id);
    const title = row.title.trim().slice(0, MAX_TITLE);
    if (row.title.length > MAX_TITLE) fix(row, "title", row.title.slice(0, MAX_TITLE));
    const ownerOk = row.ownerId === "" || users.has(row.ownerId);
    const dueOk = row.dueDate === "" || isIsoDate(row.dueDate);
    const statusOk = STATUSES.includes(row.status);

    if (!record) {
      if (!ownerOk) fix(row, "ownerId", "");
      if (!dueOk) fix(row, "dueDate", "");
      if (!statusOk) fix(row, "status", "not_started");
      // A row still without a title is being typed; its record comes with the title.
      if (!title) continue;
      const actor = actorFor(row.writers.title ?? row.writers.id);
      const status = (statusOk ? row.status : "not_started") as Action["status"];
      try {
        const created = await ActionModel.create({
          _id: row.id,
          planId,
          title: localizedFrom(title, actor.locale),
          ownerId: ownerOk && row.ownerId ? row.ownerId : null,
          dueDate: dueOk && row.dueDate ? row.dueDate : null,
          status,
          progress: status === "done" ? 100 : 0,
          doneDate: status === "done" ? today() : null,
          source: "document",
        });
        const action = created.toObject() as Action;
        await recordChange(
          actor,
          {
            planId,
            action: "action.create",
            entityType: "action",
            entityId: row.id,
            after: action,
          },
          "action_changed",
        );
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        fix(row, "id", newId());
      }
      continue;
    }

    const changed: RowCell[] = [];
    const recordOwner = record.ownerId ? String(record.ownerId) : "";
    const recordDue = record.dueDate ?? "";
    const isNewTitle =
      !!title && !LOCALES.some((l) => (record.title as LocalizedValue | null)?.[l] === title);
    if (!title) fix(row, "title", textOf(record.title, "nl"));
    else if (isNewTitle) changed.push("title");
    if (!ownerOk) fix(row, "ownerId", recordOwner);
    else if (row.ownerId !== recordOwner) changed.push("ownerId");
    if (!dueOk) fix(row, "dueDate", recordDue);
    else if (row.dueDate !== recordDue) changed.push("dueDate");
    if (!statusOk) fix(row, "status", record.status);
    else if (row.status !== record.status) changed.push("status");
    if (!changed.length && record.source === "document") continue;

    const actor = actorFor(row.writers[changed[0] ?? "id"]);
    const { before, after } = await withLock(`Action:${row.id}`, async () => {
      const doc = await ActionModel.findById(row.id);
      if (!doc) return { before: null, after: null };
      const previous = doc.toObject();
      doc.set("source", "document");
      if (changed.includes("title"))
        doc.set("title", localizedFrom(title, actor.locale, doc.title as LocalizedValue));
      if (changed.includes("ownerId")) doc.set("ownerId", row.ownerId || null);
      if (changed.includes("dueDate")) doc.dueDate = row.dueDate || null;
      if (changed.includes("status")) {
        doc.status = row.status as Action["status"];
        if (row.status === "done") {
          doc.doneDate = today();
          doc.progress = 100;
        } else doc.doneDate = null;
      }
      await doc.save();
      return { before: previous, after: doc.toObject() };
    });
    if (after && changed.length)
      await recordChange(
        actor,
        { planId, action: "action.update", entityType: "action", entityId: row.id, before, after },
        "action_changed",
      );
  }

  const adopt: RowValues[] = [];
  const fallback = actorFor(undefined);
  for (const record of records) {
    const id = String(record._id);
    if (seen.has(id)) continue;
    if (record.source !== "document") {
      adopt.push({
        id,
        title: textOf(record.title, fallback.locale),
        ownerId: record.ownerId ? String(record.ownerId) : "",
        dueDate: record.dueDate ?? "",
        status: record.status,
      });
      continue;
    }
    // Its row is gone from the document: so is the action.
    const removed = await withLock(`Action:${id}`, () => ActionModel.findByIdAndDelete(id).lean());
    if (removed)
      await recordChange(
        fallback,
        { planId, action: "action.delete", entityType: "action", entityId: id, before: removed },
        "action_changed",
      );
  }
  return { fixes, adopt };
}
