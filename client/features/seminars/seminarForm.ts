import type { SeminarSessionKind } from "../../gql/graphql";

export const SESSION_KINDS: SeminarSessionKind[] = ["swot", "debate", "poll", "vote", "outcome"];

export interface SeminarDraft {
  title: string;
  date: string;
  orgUnitId: string | null;
  participantIds: string[];
  sessions: { title: string; kind: SeminarSessionKind }[];
  dotsPerParticipant: number;
}

/** Field → message key (seminars.form.errors.*), empty when the draft may be sent. */
export function validateSeminarDraft(draft: SeminarDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.title.trim()) errors.title = "titleRequired";
  else if (draft.title.trim().length > 200) errors.title = "titleTooLong";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date) || Number.isNaN(Date.parse(draft.date)))
    errors.date = "dateInvalid";
  if (!draft.orgUnitId) errors.orgUnitId = "unitRequired";
  if (draft.participantIds.length === 0) errors.participantIds = "participantsRequired";
  if (draft.sessions.length === 0) errors.sessions = "sessionsRequired";
  else if (draft.sessions.some((s) => !s.title.trim())) errors.sessions = "sessionTitleRequired";
  if (
    !Number.isInteger(draft.dotsPerParticipant) ||
    draft.dotsPerParticipant < 1 ||
    draft.dotsPerParticipant > 20
  )
    errors.dotsPerParticipant = "dotsRange";
  return errors;
}

/** A sensible agenda to start from: the SWOT → debate → poll → vote → outcome. */
export function defaultSessions(
  t: (key: string) => string,
): { title: string; kind: SeminarSessionKind }[] {
  return SESSION_KINDS.map((kind) => ({ title: t(`seminars.form.defaultSessions.${kind}`), kind }));
}
