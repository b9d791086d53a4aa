import * as Y from "yjs";
import { NOTES_MAP, readBoardNotes, type BoardNoteData } from "../../../shared/seminarBoard";
import { documentRightsChanged } from "../../realtime/rights";

/** The part of the co-writing server this module uses. */
export interface SeminarRealtime {
  readState(docName: string): Promise<Uint8Array>;
}

// One server process owns the documents; the app hands its realtime server over at startup.
let realtime: SeminarRealtime | null = null;

export function setSeminarRealtime(server: SeminarRealtime | null): void {
  realtime = server;
}

export const boardDocName = (boardId: unknown) => `board/${String(boardId)}`;

/** Every note of a board as stored by the co-writing server (merged ones included). */
export async function readNotesOfBoard(boardId: unknown): Promise<BoardNoteData[]> {
  if (!realtime) return [];
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await realtime.readState(boardDocName(boardId)));
    return readBoardNotes(doc.getMap(NOTES_MAP));
  } finally {
    doc.destroy();
  }
}

/** Makes the open sockets of a board reconnect, so they get their current rights. */
export function reconnectBoard(boardId: unknown): void {
  documentRightsChanged(boardDocName(boardId));
}
