import mongoose from "mongoose";
import { authorize, can, requireActor, type Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { updateVersioned } from "../../db/versioned";
import { AppError, badInput, notFound } from "../../errors";
import { getOrgUnits } from "../orgs";
import { getUsers } from "../users";
import { recordAudit } from "../audit";
import { isIsoDate } from "../../../shared/periods";
import { BoardModel, SeminarModel, type Board, type Seminar } from "./model";
import { publishSeminarEvent } from "./events";
import { reconnectBoard } from "./realtime";
import "./authz";

export const MAX_TIMER_SECONDS = 7200;
type SessionKind = Seminar["sessions"][number]["kind"];

export function requireTitle(value: string | null | undefined, field: string, max = 200): string {
  const text = (value ?? "").trim();
  if (!text) throw badInput(field, "errors.required");
  if (text.length > max) throw badInput(field, "errors.tooLong", { max });
  return text;
}

function checkDate(value: string, field: string): string {
  if (!isIsoDate(value)) throw badInput(field, "errors.date");
  return value;
}

function checkDots(value: number | null | undefined, field: string): number | undefined {
  if (value == null) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > 20)
    throw badInput(field, "seminars.errors.dotsRange", { min: 1, max: 20 });
  return value;
}

/** Participants must be enabled people of the actor's organisation; the facilitator is left out. */
async function checkParticipants(actor: Actor, ids: readonly string[], facilitatorId: string) {
  const unique = [...new Set(ids)].filter((id) => id !== facilitatorId);
  if (unique.length > 200) throw badInput("input.participantIds", "seminars.errors.tooMany");
  if (unique.some((id) => !mongoose.isValidObjectId(id)))
    throw badInput("input.participantIds", "errors.unknownUser");
  const users = await getUsers(unique);
  if (users.some((u) => !u || String(u.organisationId) !== actor.organisationId || u.disabled))
    throw badInput("input.participantIds", "errors.unknownUser");
  return unique;
}

/** Loads a seminar without authorization (callers check). */
export async function findSeminar(id: string): Promise<Seminar> {
  const seminar = mongoose.isValidObjectId(id)
    ? await SeminarModel.findById(id).lean<Seminar>()
    : null;
  if (!seminar) throw notFound("Seminar");
  return seminar;
}

/**
 * A seminar the actor may see. An outsider gets NOT_FOUND, never FORBIDDEN: a seminar
 * one is not invited to does not exist for them.
 */
export async function getSeminar(actor: Actor | null, id: string): Promise<Seminar> {
  const viewer = requireActor(actor);
  const seminar = await findSeminar(id);
  if (!can(viewer, "seminar.read", seminar)) throw notFound("Seminar");
  return seminar;
}

/** A seminar the actor facilitates (NOT_FOUND for outsiders, FORBIDDEN for participants). */
export async function getFacilitatedSeminar(actor: Actor | null, id: string): Promise<Seminar> {
  const seminar = await getSeminar(actor, id);
  authorize(actor, "seminar.facilitate", seminar);
  return seminar;
}

export async function getParticipatedSeminar(actor: Actor | null, id: string): Promise<Seminar> {
  const seminar = await getSeminar(actor, id);
  authorize(actor, "seminar.participate", seminar);
  return seminar;
}

export async function listSeminars(actor: Actor | null): Promise<Seminar[]> {
  const viewer = requireActor(actor);
  // A seminar list per organisation stays small; authorization is per seminar.
  const all = await SeminarModel.find({ organisationId: viewer.organisationId }).lean<Seminar[]>();
  return all
    .filter((s) => can(viewer, "seminar.read", s))
    .sort((a, b) => b.date.localeCompare(a.date) || String(b._id).localeCompare(String(a._id)));
}

/** The default board of a session kind: a SWOT board, a priorities board, or none. */
function defaultBoardKind(kind: SessionKind): Board["kind"] | null {
  if (kind === "swot") return "swot";
  if (kind === "vote") return "priorities";
  return null;
}

export async function createBoardRecord(
  seminarId: unknown,
  sessionId: unknown,
  kind: Board["kind"],
  title: string,
): Promise<Board> {
  const created = await BoardModel.create({ seminarId, sessionId, kind, title });
  return created.toObject() as Board;
}

export interface SessionInput {
  title: string;
  kind: SessionKind;
}

export async function createSeminar(
  actor: Actor | null,
  input: {
    title: string;
    date: string;
    orgUnitId: string;
    participantIds: readonly string[];
    sessions: readonly SessionInput[];
    dotsPerParticipant?: number | null;
  },
): Promise<Seminar> {
  const viewer = requireActor(actor);
  const title = requireTitle(input.title, "input.title");
  const date = checkDate(input.date, "input.date");
  const [unit] = mongoose.isValidObjectId(input.orgUnitId)
    ? await getOrgUnits([input.orgUnitId])
    : [null];
  if (!unit || String(unit.organisationId) !== viewer.organisationId)
    throw badInput("input.orgUnitId", "errors.unknownOrgUnit");
  authorize(viewer, "seminar.create", {
    organisationId: viewer.organisationId,
    orgUnitId: String(unit._id),
  });
  if (input.sessions.length > 30) throw badInput("input.sessions", "seminars.errors.tooMany");
  const sessions = input.sessions.map((s, i) => ({
    _id: new mongoose.Types.ObjectId(),
    title: requireTitle(s.title, `input.sessions.${i}.title`),
    kind: s.kind,
  }));
  const participantIds = await checkParticipants(viewer, input.participantIds, viewer.id);
  const created = await SeminarModel.create({
    organisationId: viewer.organisationId,
    orgUnitId: unit._id,
    title,
    date,
    facilitatorId: viewer.id,
    participantIds,
    sessions,
    currentSessionId: sessions[0]?._id ?? null,
    dotsPerParticipant: checkDots(input.dotsPerParticipant, "input.dotsPerParticipant") ?? 3,
  });
  const seminar = created.toObject() as Seminar;
  for (const session of sessions) {
    const kind = defaultBoardKind(session.kind);
    if (kind) await createBoardRecord(seminar._id, session._id, kind, session.title);
  }
  await recordAudit(viewer, {
    action: "seminar.create",
    entityType: "seminar",
    entityId: seminar._id,
    after: { title, date, participantIds },
  });
  return seminar;
}

export async function listBoardsOfSeminar(seminarId: unknown): Promise<Board[]> {
  return BoardModel.find({ seminarId: String(seminarId) })
    .sort({ _id: 1 })
    .lean<Board[]>();
}

export async function updateSeminar(
  actor: Actor | null,
  id: string,
  version: number,
  input: {
    title?: string | null;
    date?: string | null;
    participantIds?: readonly string[] | null;
    dotsPerParticipant?: number | null;
  },
): Promise<Seminar> {
  const seminar = await getFacilitatedSeminar(actor, id);
  const viewer = actor!;
  const title = input.title == null ? undefined : requireTitle(input.title, "input.title");
  const date = input.date == null ? undefined : checkDate(input.date, "input.date");
  const dots = checkDots(input.dotsPerParticipant, "input.dotsPerParticipant");
  const participantIds =
    input.participantIds == null
      ? undefined
      : await checkParticipants(viewer, input.participantIds, String(seminar.facilitatorId));
  const { after } = await updateVersioned<Seminar>(SeminarModel, id, version, (doc) => {
    if (title !== undefined) doc.title = title;
    if (date !== undefined) doc.date = date;
    if (dots !== undefined) doc.dotsPerParticipant = dots;
    if (participantIds !== undefined) doc.participantIds = participantIds;
  });
  if (participantIds !== undefined) {
    // Someone no longer invited must lose the boards they have open now.
    for (const board of await listBoardsOfSeminar(id)) reconnectBoard(board._id);
  }
  publishSeminarEvent(id, "seminar_updated");
  return after;
}

/** A read-modify-write of a seminar under its lock (same key as updateVersioned). */
async function changeSeminar(id: string, apply: (doc: SeminarDoc) => void): Promise<Seminar> {
  return withLock(`${SeminarModel.modelName}:${id}`, async () => {
    const doc = await SeminarModel.findById(id);
    if (!doc) throw notFound("Seminar");
    apply(doc);
    await doc.save();
    return doc.toObject() as Seminar;
  });
}
type SeminarDoc = InstanceType<typeof SeminarModel>;

export async function addSeminarSession(
  actor: Actor | null,
  seminarId: string,
  input: SessionInput,
): Promise<Seminar> {
  const seminar = await getFacilitatedSeminar(actor, seminarId);
  const title = requireTitle(input.title, "input.title");
  if (seminar.sessions.length >= 30) throw badInput("input", "seminars.errors.tooMany");
  const sessionId = new mongoose.Types.ObjectId();
  const after = await changeSeminar(seminarId, (doc) => {
    doc.sessions.push({ _id: sessionId, title, kind: input.kind });
    if (!doc.currentSessionId) doc.currentSessionId = sessionId;
  });
  const kind = defaultBoardKind(input.kind);
  if (kind) await createBoardRecord(seminarId, sessionId, kind, title);
  publishSeminarEvent(seminarId, "seminar_updated");
  return after;
}

export function requireSession(seminar: Seminar, sessionId: string, field = "sessionId") {
  const session = seminar.sessions.find((s) => String(s._id) === sessionId);
  if (!session) throw badInput(field, "seminars.errors.unknownSession");
  return session;
}

export async function moveToSession(
  actor: Actor | null,
  seminarId: string,
  sessionId: string,
): Promise<Seminar> {
  const seminar = await getFacilitatedSeminar(actor, seminarId);
  const session = requireSession(seminar, sessionId);
  const after = await changeSeminar(seminarId, (doc) => {
    doc.currentSessionId = session._id;
  });
  publishSeminarEvent(seminarId, "session_changed");
  return after;
}

export type TimerAction = "start" | "pause" | "resume" | "clear";

/**
 * The shared timer: a running timer stores when it ends (clients count down against the
 * server's clock), a paused one how much was left.
 */
export async function changeTimer(
  actor: Actor | null,
  seminarId: string,
  action: TimerAction,
  seconds?: number,
): Promise<Seminar> {
  await getFacilitatedSeminar(actor, seminarId);
  if (
    action === "start" &&
    (!Number.isInteger(seconds) || seconds! < 1 || seconds! > MAX_TIMER_SECONDS)
  )
    throw badInput("seconds", "seminars.errors.timerRange", { max: MAX_TIMER_SECONDS });
  const now = Date.now();
  const after = await changeSeminar(seminarId, (doc) => {
    if (action === "start") {
      doc.timerEndsAt = new Date(now + seconds! * 1000);
      doc.timerPausedRemainingMs = null;
    } else if (action === "pause") {
      if (!doc.timerEndsAt)
        throw new AppError("CONFLICT", "timer not running", {
          messageKey: "seminars.errors.timerNotRunning",
        });
      doc.timerPausedRemainingMs = Math.max(0, doc.timerEndsAt.getTime() - now);
      doc.timerEndsAt = null;
    } else if (action === "resume") {
      if (doc.timerPausedRemainingMs == null)
        throw new AppError("CONFLICT", "timer not paused", {
          messageKey: "seminars.errors.timerNotPaused",
        });
      doc.timerEndsAt = new Date(now + doc.timerPausedRemainingMs);
      doc.timerPausedRemainingMs = null;
    } else {
      doc.timerEndsAt = null;
      doc.timerPausedRemainingMs = null;
    }
  });
  publishSeminarEvent(seminarId, "timer_changed");
  return after;
}

/** Records on the seminar the plan and objectives drafted from it (the link back). */
export async function addOutcomeLink(
  actor: Actor,
  seminarId: string,
  planId: string,
  objectiveIds: string[],
): Promise<void> {
  await changeSeminar(seminarId, (doc) => {
    const existing = doc.outcomes.find((o) => String(o.planId) === planId);
    if (existing)
      existing.objectiveIds.push(...objectiveIds.map((o) => new mongoose.Types.ObjectId(o)));
    else doc.outcomes.push({ planId, objectiveIds, createdById: actor.id, createdAt: new Date() });
  });
}

/** The seminar whose outcome links to a plan, if any (no authorization). */
export async function findSeminarOfPlan(
  organisationId: string,
  planId: string,
): Promise<Seminar | null> {
  const all = await SeminarModel.find({ organisationId }).lean<Seminar[]>();
  return all.find((s) => s.outcomes.some((o) => String(o.planId) === planId)) ?? null;
}
