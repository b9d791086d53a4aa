import { describe, expect, it } from "vitest";
import { COLLABORATOR_COLORS, colorFor, contrastRatio, initialsOf } from "./colors";
import { listCollaborators, localStoreName } from "./useSharedDoc";

describe("collaborator colours", () => {
  it("keep white name labels readable (WCAG AA) on every colour", () => {
    for (const color of COLLABORATOR_COLORS) {
      expect(contrastRatio(color, "#ffffff"), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("give a person the same colour every time, and spread people over the palette", () => {
    expect(colorFor("665f1a2b3c4d5e6f70818283")).toBe(colorFor("665f1a2b3c4d5e6f70818283"));
    const used = new Set(Array.from({ length: 40 }, (_, i) => colorFor(`user-${i}`)));
    expect(used.size).toBeGreaterThan(5);
  });

  it("abbreviates names to initials", () => {
    expect(initialsOf("Ann Admin")).toBe("AA");
    expect(initialsOf("  élodie  de la Fontaine ")).toBe("ÉD");
    expect(initialsOf("Dirk")).toBe("D");
  });
});

describe("listCollaborators", () => {
  it("lists each person once, oneself first, and skips clients without a name", () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { id: "u2", name: "Ann Admin", color: "#c2255c" } }],
      [2, { user: { id: "u1", name: "Dirk Directeur", color: "#087f5b" } }],
      [3, { user: { id: "u2", name: "Ann Admin", color: "#c2255c" } }],
      [4, {}],
      [5, { user: { id: "u3", name: "Bea Board", color: "#364fc7" } }],
    ]);
    const list = listCollaborators(states, 3, "u2");
    expect(list.map((c) => [c.name, c.isSelf])).toEqual([
      ["Ann Admin", true],
      ["Bea Board", false],
      ["Dirk Directeur", false],
    ]);
  });
});

describe("localStoreName", () => {
  it("keeps two people's copies of one document apart on a shared browser", () => {
    expect(localStoreName("u1", "plan/p1")).not.toBe(localStoreName("u2", "plan/p1"));
    expect(localStoreName("u1", "plan/p1")).not.toBe(localStoreName("u1", "plan/p2"));
  });
});
