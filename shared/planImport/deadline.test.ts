import { describe, expect, it } from "vitest";
import { resolveMonth } from "./calendar";
import { parseDeadline } from "./deadline";
import type { Deadline } from "./types";

const readPhrase = (phrase: string) => parseDeadline(phrase)?.deadline;

describe("parseDeadline", () => {
  it.each<[string, Omit<Deadline, "text">]>([
    ["doorlopend", { kind: "continuous" }],
    ["Doorlopend", { kind: "continuous" }],
    ["continu", { kind: "continuous" }],
    ["en continu", { kind: "continuous" }],
    ["december 2025", { kind: "month", from: "2025-12-01", until: "2025-12-31" }],
    ["maart 2025", { kind: "month", from: "2025-03-01", until: "2025-03-31" }],
    ["september 2026", { kind: "month", from: "2026-09-01", until: "2026-09-30" }],
    ["februari 2028", { kind: "month", from: "2028-02-01", until: "2028-02-29" }],
    ["tegen januari 2028", { kind: "month", until: "2028-01-31" }],
    ["einde mandaat", { kind: "event" }],
    ["fin du mandat", { kind: "event" }],
    ["binnen 3 maanden na de hervorming", { kind: "event" }],
    ["dans les 6 mois suivant l'adoption du plan", { kind: "event" }],
    ["vanaf december 2025", { kind: "continuous", from: "2025-12-01" }],
    ["doorlopend vanaf december 2025", { kind: "continuous", from: "2025-12-01" }],
    ["à partir de septembre 2026", { kind: "continuous", from: "2026-09-01" }],
    ["Q2 2026", { kind: "quarter", from: "2026-04-01", until: "2026-06-30" }],
    ["T3 2026", { kind: "quarter", from: "2026-07-01", until: "2026-09-30" }],
    ["2e trimestre 2027", { kind: "quarter", from: "2027-04-01", until: "2027-06-30" }],
    ["tweede kwartaal 2026", { kind: "quarter", from: "2026-04-01", until: "2026-06-30" }],
    ["2027", { kind: "year", from: "2027-01-01", until: "2027-12-31" }],
    ["eind 2026", { kind: "year", until: "2026-12-31" }],
    ["fin 2026", { kind: "year", until: "2026-12-31" }],
    ["31/12/2025", { kind: "date", from: "2025-12-31", until: "2025-12-31" }],
    ["tegen 31 maart 2026", { kind: "date", until: "2026-03-31" }],
    ["1er janvier 2026", { kind: "date", from: "2026-01-01", until: "2026-01-01" }],
    ["2024-2028", { kind: "year", from: "2024-01-01", until: "2028-12-31" }],
    ["maart - juni 2026", { kind: "month", from: "2026-03-01", until: "2026-06-30" }],
    ["d'ici fin juin 2027", { kind: "month", until: "2027-06-30" }],
  ])("reads %j", (phrase, expected) => {
    expect(readPhrase(phrase)).toEqual({ ...expected, text: phrase });
  });

  it("reads the recurring and conditional phrases of the Actiris mandate", () => {
    expect(readPhrase("het hele jaar - afhankelijk van de mogelijkheden")?.kind).toBe("continuous");
    expect(readPhrase("twee keer per jaar voor de algemene vergaderingen")?.kind).toBe(
      "continuous",
    );
    expect(
      readPhrase("zodra de informatie beschikbaar is en ten minste op de 15e van elke maand")?.kind,
    ).toBe("continuous");
    expect(readPhrase("afhankelijk van de Europese en internationale kalender")?.kind).toBe(
      "event",
    );
    expect(readPhrase("naargelang de bekrachtigingstermijnen")?.kind).toBe("event");
    expect(readPhrase("vóór en na elke ontvangst van een delegatie")?.kind).toBe("event");
  });

  it("tolerates OCR noise in month names and years", () => {
    expect(readPhrase("decernber 2O25")).toEqual({
      kind: "month",
      from: "2025-12-01",
      until: "2025-12-31",
      text: "decernber 2O25",
    });
    expect(resolveMonth("septernber")).toBe(9);
    expect(resolveMonth("juni")).toBe(6);
    // "juni" and "juli" are one letter apart: short names are never guessed.
    expect(resolveMonth("jumi")).toBeNull();
  });

  it("keeps the phrase as written, without Markdown marks and a trailing full stop", () => {
    expect(readPhrase("**december 2025.**")?.text).toBe("december 2025");
  });

  it("keeps a phrase it cannot read as an event and says so", () => {
    expect(parseDeadline("in overleg met de partners")).toEqual({
      deadline: { kind: "event", text: "in overleg met de partners" },
      isUnderstood: false,
    });
  });

  it("returns null for an empty phrase", () => {
    expect(parseDeadline("  ")).toBeNull();
  });

  it("refuses impossible dates instead of reading a part of them", () => {
    expect(parseDeadline("31/02/2026")).toEqual({
      deadline: { kind: "event", text: "31/02/2026" },
      isUnderstood: false,
    });
  });
});
