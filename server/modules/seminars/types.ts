import type { Seminar, SeminarSession } from "./model";

/** A session with its seminar, so nested fields can list its boards and polls. */
export interface SessionData extends SeminarSession {
  seminar: Seminar;
}

/** Plan + objective ids created from a seminar. */
export interface SeminarOutcomeData {
  planId: string;
  objectiveIds: string[];
}

export type SeminarEventKind =
  | "seminar_updated"
  | "session_changed"
  | "timer_changed"
  | "board_added"
  | "board_changed"
  | "votes_changed"
  | "votes_revealed"
  | "poll_created"
  | "poll_changed"
  | "poll_answered"
  | "poll_revealed"
  | "outcome_created";

/** What goes through pubsub: ids only; every subscriber resolves fields with its own rights. */
export interface SeminarEventPayload {
  seminarId: string;
  kind: SeminarEventKind;
  boardId: string | null;
  pollId: string | null;
}
