import type { NoteQuadrant } from "../../../shared/seminarBoard";

/** What a board shows and does, independent of how the notes are stored (Yjs). */
export type Quadrant = NoteQuadrant;

export interface NoteView {
  id: string;
  quadrant: Quadrant;
  text: string;
  authorId: string;
  authorName: string;
  color: string;
  group: string | null;
  groupId: string | null;
  /** Texts of the notes this one was merged from (empty for an original note). */
  mergedFrom: string[];
}

export interface BoardActions {
  add(quadrant: Quadrant, text: string): void;
  edit(id: string, text: string): void;
  move(id: string, quadrant: Quadrant): void;
  setGroup(id: string, group: string | null): void;
  /** Merges `sourceId` into `targetId`: the target keeps both texts and remembers its origins. */
  merge(targetId: string, sourceId: string): void;
  remove(id: string): void;
}

/** Someone else working on the board right now, from the Yjs awareness. */
export interface BoardPeer {
  clientId: number;
  name: string;
  color: string;
  isSelf: boolean;
  /** The quadrant or note the person is typing in. */
  editing: { quadrant?: Quadrant; noteId?: string } | null;
}

/** Notes of one quadrant: named groups first (alphabetically), then the loose notes. */
export function groupNotes(notes: NoteView[]): { group: string | null; notes: NoteView[] }[] {
  const byGroup = new Map<string, NoteView[]>();
  const loose: NoteView[] = [];
  for (const note of notes) {
    if (note.group) byGroup.set(note.group, [...(byGroup.get(note.group) ?? []), note]);
    else loose.push(note);
  }
  const groups = [...byGroup.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((group) => ({ group, notes: byGroup.get(group)! }));
  return loose.length ? [...groups, { group: null, notes: loose }] : groups;
}
