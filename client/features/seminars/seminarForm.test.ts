import { describe, expect, it } from "vitest";
import { validateSeminarDraft, type SeminarDraft } from "./seminarForm";
import { wordSize } from "./WordCloud";
import { formatClock, secondsLeft } from "./SeminarTimer";
import { groupNotes, type NoteView } from "./boardView";

const valid: SeminarDraft = {
  title: "Strategisch seminarie 2026",
  date: "2026-12-03",
  orgUnitId: "u1",
  participantIds: ["p1"],
  sessions: [{ title: "SWOT", kind: "swot" }],
  dotsPerParticipant: 3,
};

describe("the seminar form", () => {
  it("accepts a complete draft", () => {
    expect(validateSeminarDraft(valid)).toEqual({});
  });
  it("names each field that is missing or out of range", () => {
    expect(
      validateSeminarDraft({
        title: " ",
        date: "03/12/2026",
        orgUnitId: null,
        participantIds: [],
        sessions: [{ title: "", kind: "vote" }],
        dotsPerParticipant: 21,
      }),
    ).toEqual({
      title: "titleRequired",
      date: "dateInvalid",
      orgUnitId: "unitRequired",
      participantIds: "participantsRequired",
      sessions: "sessionTitleRequired",
      dotsPerParticipant: "dotsRange",
    });
    expect(validateSeminarDraft({ ...valid, sessions: [] })).toEqual({
      sessions: "sessionsRequired",
    });
  });
});

describe("the word cloud", () => {
  it("sizes words from the least to the most frequent", () => {
    expect(wordSize(1, 1, 5)).toBeCloseTo(0.9);
    expect(wordSize(5, 1, 5)).toBeCloseTo(2.8);
    expect(wordSize(3, 3, 3)).toBeCloseTo(1.85);
  });
});

describe("the shared timer", () => {
  it("counts down to the server's end time, corrected for clock skew", () => {
    const now = Date.parse("2026-01-01T10:00:00Z");
    const timer = { running: true, endsAt: "2026-01-01T10:05:00Z", remainingSeconds: 0 };
    expect(secondsLeft(timer, now)).toBe(300);
    // This laptop is 30 s behind the server.
    expect(secondsLeft(timer, now, 30_000)).toBe(270);
    expect(secondsLeft(timer, now + 400_000)).toBe(0);
    expect(secondsLeft({ running: false, endsAt: null, remainingSeconds: 90.4 }, now)).toBe(90);
    expect(formatClock(270)).toBe("04:30");
  });
});

describe("grouping notes", () => {
  const note = (id: string, group: string | null): NoteView => ({
    id,
    quadrant: "strengths",
    text: id,
    authorId: "a",
    authorName: "A",
    color: "#fff",
    groupId: group,
    group,
    mergedFrom: [],
  });
  it("puts named groups first, then loose notes", () => {
    const groups = groupNotes([
      note("1", null),
      note("2", "Budget"),
      note("3", "Agile"),
      note("4", "Budget"),
    ]);
    expect(groups.map((g) => [g.group, g.notes.map((n) => n.id)])).toEqual([
      ["Agile", ["3"]],
      ["Budget", ["2", "4"]],
      [null, ["1"]],
    ]);
  });
});
