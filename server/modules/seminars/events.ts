import { publish, pubsub } from "../../pubsub";
import type { SeminarEventKind, SeminarEventPayload } from "./types";

const topic = (seminarId: string) => `seminar:${seminarId}`;

/**
 * Tells the seminar's subscribers what changed, after the write succeeded. Only ids go
 * out: each subscriber resolves the fields with its own rights, so hidden results never
 * travel to a participant.
 */
export function publishSeminarEvent(
  seminarId: unknown,
  kind: SeminarEventKind,
  ids: { boardId?: unknown; pollId?: unknown } = {},
): void {
  const id = String(seminarId);
  publish(topic(id), {
    seminarId: id,
    kind,
    boardId: ids.boardId == null ? null : String(ids.boardId),
    pollId: ids.pollId == null ? null : String(ids.pollId),
  } satisfies SeminarEventPayload);
}

export function subscribeSeminarEvents(seminarId: string) {
  return pubsub.subscribe<SeminarEventPayload>(topic(seminarId));
}
