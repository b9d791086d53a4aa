/**
 * The realtime document of a seminar board (`board/<boardId>`), shared by the client
 * that edits it and the server that reads it for dot voting, the outcome and the report.
 *
 * Structure (Yjs):
 *   doc.getMap("boardNotes"): noteId → Y.Map {
 *     text: string            the note's text (plain, ≤ NOTE_MAX_LENGTH chars)
 *     quadrant: NoteQuadrant  strengths | weaknesses | opportunities | threats (swot board)
 *                             or "candidates" (priorities board)
 *     authorId: string        user id of who wrote it
 *     colour: string          the author's colour (#rrggbb), see colourForUser
 *     groupId: string | null  notes with the same groupId form a group (any id, e.g. the
 *                             first note's id); null when alone
 *     x: number, y: number    position inside its quadrant (0..1 fractions), for layout only
 *     mergedInto: string|null set when merged into another note: the target holds the merged
 *                             text; a merged note is hidden and no longer a voting target
 *     createdAt: number       ms since epoch
 *   }
 *   doc.getMap("boardGroups"): groupId → Y.Map { title: string }   (optional group labels)
 *
 * Note ids are client-generated strings of [A-Za-z0-9_-]{1,64} (e.g. crypto.randomUUID()).
 * Presence (who is here, their colour and cursor) goes through y-protocols awareness with the
 * local state { user: { id, name, colour } }.
 */

export const SWOT_QUADRANTS = ["strengths", "weaknesses", "opportunities", "threats"] as const;
export const PRIORITY_QUADRANT = "candidates" as const;
export type SwotQuadrant = (typeof SWOT_QUADRANTS)[number];
export type NoteQuadrant = SwotQuadrant | typeof PRIORITY_QUADRANT;
export const NOTE_QUADRANTS: readonly NoteQuadrant[] = [...SWOT_QUADRANTS, PRIORITY_QUADRANT];

// Not "notes": test/realtimeClient.ts binds a Y.Text of that name in every client doc.
export const NOTES_MAP = "boardNotes";
export const GROUPS_MAP = "boardGroups";
export const NOTE_MAX_LENGTH = 500;
export const NOTE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A note as plain data (what `readBoardNotes` returns). */
export interface BoardNoteData {
  id: string;
  text: string;
  quadrant: NoteQuadrant;
  authorId: string | null;
  colour: string;
  groupId: string | null;
  x: number;
  y: number;
  mergedInto: string | null;
  createdAt: number;
}

/** The minimal part of a Y.Map we read (keeps this file free of a yjs import). */
interface MapLike {
  get(key: string): unknown;
  forEach(fn: (value: unknown, key: string) => void): void;
}

export function isNoteQuadrant(value: unknown): value is NoteQuadrant {
  return typeof value === "string" && (NOTE_QUADRANTS as readonly string[]).includes(value);
}

/** Well-formed notes of a board's "notes" map, merged ones included, oldest first. */
export function readBoardNotes(notes: MapLike): BoardNoteData[] {
  const out: BoardNoteData[] = [];
  notes.forEach((value, id) => {
    const note = value as MapLike | null;
    if (!note || typeof note.get !== "function" || !NOTE_ID_PATTERN.test(id)) return;
    const quadrant = note.get("quadrant");
    if (!isNoteQuadrant(quadrant)) return;
    const str = (k: string) => {
      const v = note.get(k);
      return typeof v === "string" ? v : null;
    };
    const num = (k: string) => {
      const v = note.get(k);
      return typeof v === "number" && Number.isFinite(v) ? v : 0;
    };
    out.push({
      id,
      text: (str("text") ?? "").slice(0, NOTE_MAX_LENGTH),
      quadrant,
      authorId: str("authorId"),
      colour: str("colour") ?? "#868e96",
      groupId: str("groupId"),
      x: num("x"),
      y: num("y"),
      mergedInto: str("mergedInto"),
      createdAt: num("createdAt"),
    });
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Notes that are shown and may receive dots: not merged into another. */
export function visibleNotes(notes: BoardNoteData[]): BoardNoteData[] {
  return notes.filter((n) => !n.mergedInto);
}

/** Colours with enough contrast for dark text, on a projector too. */
export const AUTHOR_COLOURS = [
  "#ffd43b",
  "#8ce99a",
  "#74c0fc",
  "#ffa8a8",
  "#d0bfff",
  "#ffc078",
  "#96f2d7",
  "#fcc2d7",
] as const;

/** A stable colour per user id. */
export function colourForUser(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return AUTHOR_COLOURS[hash % AUTHOR_COLOURS.length]!;
}
