import mongoose from "mongoose";
import { authorize, can, type Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { AppError, badInput, notFound } from "../../errors";
import { NOTE_ID_PATTERN, visibleNotes, type BoardNoteData } from "../../../shared/seminarBoard";
import { BoardModel, DotModel, type Board, type Dot, type Seminar } from "./model";
import { publishSeminarEvent } from "./events";
import { readNotesOfBoard, reconnectBoard } from "./realtime";
import {
  createBoardRecord,
  findSeminar,
  getSeminar,
  requireSession,
  requireTitle,
} from "./service";

async function findBoard(id: string): Promise<Board> {
  const board = mongoose.isValidObjectId(id) ? await BoardModel.findById(id).lean<Board>() : null;
  if (!board) throw notFound("Board");
  return board;
}

/** A board of a seminar the actor may see, with its seminar. */
export async function getBoard(
  actor: Actor | null,
  id: string,
): Promise<{ board: Board; seminar: Seminar }> {
  const board = await findBoard(id);
  const seminar = await getSeminar(actor, String(board.seminarId));
  return { board, seminar };
}

export async function addBoard(
  actor: Actor | null,
  seminarId: string,
  sessionId: string,
  kind: Board["kind"],
  title: string,
): Promise<Board> {
  const seminar = await getSeminar(actor, seminarId);
  authorize(actor, "seminar.facilitate", seminar);
  requireSession(seminar, sessionId);
  const board = await createBoardRecord(seminar._id, sessionId, kind, requireTitle(title, "title"));
  publishSeminarEvent(seminarId, "board_added", { boardId: board._id });
  return board;
}

async function setBoardFlag(
  actor: Actor | null,
  boardId: string,
  flag: "locked" | "votesRevealed",
  value: boolean,
): Promise<Board> {
  const { seminar } = await getBoard(actor, boardId);
  authorize(actor, "seminar.facilitate", seminar);
  return withLock(`${BoardModel.modelName}:${boardId}`, async () => {
    const doc = await BoardModel.findById(boardId);
    if (!doc) throw notFound("Board");
    doc[flag] = value;
    await doc.save();
    return doc.toObject() as Board;
  });
}

/** Locks or unlocks the notes; open sockets reconnect at once and get their new rights. */
export async function setBoardLocked(actor: Actor | null, boardId: string, locked: boolean) {
  const board = await setBoardFlag(actor, boardId, "locked", locked);
  reconnectBoard(boardId);
  publishSeminarEvent(board.seminarId, "board_changed", { boardId });
  return board;
}

export async function setBoardVotesRevealed(
  actor: Actor | null,
  boardId: string,
  revealed: boolean,
) {
  const board = await setBoardFlag(actor, boardId, "votesRevealed", revealed);
  publishSeminarEvent(board.seminarId, revealed ? "votes_revealed" : "votes_changed", { boardId });
  return board;
}

/** Realtime rights on `board/<id>`: participants read; they write while it is unlocked. */
export async function boardDocumentAccess(
  actor: Actor,
  id: string,
): Promise<{ canRead: boolean; canWrite: boolean }> {
  const board = mongoose.isValidObjectId(id) ? await BoardModel.findById(id).lean<Board>() : null;
  if (!board) return { canRead: false, canWrite: false };
  const seminar = await findSeminar(String(board.seminarId)).catch(() => null);
  if (!seminar) return { canRead: false, canWrite: false };
  const canRead = can(actor, "seminar.participate", seminar);
  const canWrite = can(actor, "seminar.facilitate", seminar) || (canRead && !board.locked);
  return { canRead, canWrite };
}

export function viewerCanEditBoard(actor: Actor | null, board: Board, seminar: Seminar): boolean {
  return (
    can(actor, "seminar.facilitate", seminar) ||
    (can(actor, "seminar.participate", seminar) && !board.locked)
  );
}

export const listDotsOfBoard = (boardId: unknown) =>
  DotModel.find({ boardId: String(boardId) }).lean<Dot[]>();

export const listDotsOfUser = (boardId: unknown, userId: string) =>
  DotModel.find({ boardId: String(boardId), userId }).lean<Dot[]>();

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Places one dot. Each dot is a document `<boardId>:<userId>:<slot>`, slot < N; we insert
 * the lowest free slot and, when a concurrent request (another tab) took it first, the
 * duplicate key makes us look again. The unique `_id` is what bounds a person to N dots,
 * on FerretDB as on MongoDB, without a transaction or an in-process lock.
 */
export async function placeDot(actor: Actor | null, boardId: string, noteId: string) {
  const { board, seminar } = await getBoard(actor, boardId);
  authorize(actor, "seminar.participate", seminar);
  const viewer = actor!;
  if (board.votesRevealed)
    throw new AppError("CONFLICT", "voting is closed", {
      messageKey: "seminars.errors.votingClosed",
    });
  if (!NOTE_ID_PATTERN.test(noteId)) throw badInput("noteId", "seminars.errors.unknownNote");
  const notes = visibleNotes(await readNotesOfBoard(boardId));
  if (!notes.some((n) => n.id === noteId)) throw badInput("noteId", "seminars.errors.unknownNote");
  const n = seminar.dotsPerParticipant;
  for (let attempt = 0; attempt <= n; attempt++) {
    const taken = new Set((await listDotsOfUser(boardId, viewer.id)).map((d) => d.slot));
    const slot = [...Array(n).keys()].find((s) => !taken.has(s));
    if (slot === undefined) break;
    try {
      await DotModel.create({
        _id: `${boardId}:${viewer.id}:${slot}`,
        boardId,
        userId: viewer.id,
        slot,
        noteId,
      });
      publishSeminarEvent(seminar._id, "votes_changed", { boardId });
      return board;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw badInput("noteId", "seminars.errors.noDotsLeft", { max: n });
}

/** Takes back one of the viewer's dots on a note (the highest slot, so slots stay dense). */
export async function removeDot(actor: Actor | null, boardId: string, noteId: string) {
  const { board, seminar } = await getBoard(actor, boardId);
  authorize(actor, "seminar.participate", seminar);
  if (board.votesRevealed)
    throw new AppError("CONFLICT", "voting is closed", {
      messageKey: "seminars.errors.votingClosed",
    });
  const mine = (await listDotsOfUser(boardId, actor!.id))
    .filter((d) => d.noteId === noteId)
    .sort((a, b) => b.slot - a.slot);
  if (!mine.length) throw badInput("noteId", "seminars.errors.noDotHere");
  await DotModel.deleteOne({ _id: mine[0]!._id });
  publishSeminarEvent(seminar._id, "votes_changed", { boardId });
  return board;
}

export interface NoteTotal {
  noteId: string;
  text: string;
  quadrant: string;
  dots: number;
  rank: number;
  tied: boolean;
}

/**
 * Dots per note, most first; equal totals share a rank ("1, 1, 3") and are marked tied.
 * Every visible note is listed, and notes deleted after receiving dots keep their dots.
 */
export function computeTotals(notes: BoardNoteData[], dots: Dot[]): NoteTotal[] {
  const counts = new Map<string, number>();
  for (const dot of dots) counts.set(dot.noteId, (counts.get(dot.noteId) ?? 0) + 1);
  const byId = new Map(notes.map((n) => [n.id, n]));
  const ids = new Set([...visibleNotes(notes).map((n) => n.id), ...counts.keys()]);
  const rows = [...ids].map((id) => ({
    noteId: id,
    text: byId.get(id)?.text ?? "",
    quadrant: byId.get(id)?.quadrant ?? "",
    dots: counts.get(id) ?? 0,
  }));
  rows.sort((a, b) => b.dots - a.dots || a.text.localeCompare(b.text));
  return rows.map((row) => {
    const rank = rows.findIndex((r) => r.dots === row.dots) + 1;
    const tied = rows.filter((r) => r.dots === row.dots).length > 1;
    return { ...row, rank, tied };
  });
}

/** Totals for the facilitator always, for participants only once revealed; else null. */
export async function visibleTotals(
  actor: Actor | null,
  board: Board,
  seminar: Seminar,
): Promise<NoteTotal[] | null> {
  if (!board.votesRevealed && !can(actor, "seminar.facilitate", seminar)) return null;
  const [notes, dots] = await Promise.all([
    readNotesOfBoard(board._id),
    listDotsOfBoard(board._id),
  ]);
  return computeTotals(notes, dots);
}
