import type { Actor } from "../../authz";
import { createSeminar } from "./service";
import { createPoll } from "./polls";

/** One demo seminar of the board of directors, facilitated by `facilitator`. */
export async function seedSeminar(
  facilitator: Actor,
  orgUnitId: string,
  participantIds: string[],
): Promise<void> {
  const seminar = await createSeminar(facilitator, {
    title: "Strategisch seminarie directieraad 2026",
    date: "2026-03-12",
    orgUnitId,
    participantIds,
    dotsPerParticipant: 3,
    sessions: [
      { title: "SWOT-analyse", kind: "swot" },
      { title: "Peiling: onze grootste uitdaging", kind: "poll" },
      { title: "Prioriteiten kiezen", kind: "vote" },
      { title: "Krachtlijnen en doelstellingen", kind: "outcome" },
    ],
  });
  await createPoll(facilitator, {
    seminarId: String(seminar._id),
    sessionId: String(seminar.sessions[1]!._id),
    question: "Wat is de grootste uitdaging voor onze organisatie in 2026-2030?",
    kind: "text",
  });
  await createPoll(facilitator, {
    seminarId: String(seminar._id),
    sessionId: String(seminar.sessions[1]!._id),
    question: "Hoe klaar zijn we voor de digitale dienstverlening? (1 = niet, 5 = volledig)",
    kind: "scale",
    scaleMin: 1,
    scaleMax: 5,
  });
}
