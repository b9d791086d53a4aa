import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlanText } from "./parse";
import type { NodeKind, ParseResult, PlanNode } from "./types";

const fixtures = path.resolve(import.meta.dirname, "../../test/fixtures/import");
const parseFixture = (name: string) =>
  parsePlanText(readFileSync(path.join(fixtures, name), "utf8"));

const collectNodes = (nodes: PlanNode[]): PlanNode[] =>
  nodes.flatMap((node) => [node, ...collectNodes(node.children)]);
const countKinds = (result: ParseResult) => {
  const counts: Partial<Record<NodeKind, number>> = {};
  for (const node of collectNodes(result.plan.nodes))
    counts[node.kind] = (counts[node.kind] ?? 0) + 1;
  return counts;
};
/** Finds a node by its codes from the top: findByCodes(result, "1", "1.2"). */
const findByCodes = (result: ParseResult, ...codes: string[]): PlanNode => {
  let nodes = result.plan.nodes;
  let found: PlanNode | undefined;
  for (const code of codes) {
    found = nodes.find((node) => node.code === code);
    if (!found) throw new Error(`no ${codes.join(" > ")}`);
    nodes = found.children;
  }
  return found!;
};
const listChildCodes = (node: PlanNode) => node.children.map((child) => child.code);
const listWarnings = (result: ParseResult) =>
  result.warnings.map((warning) => `${warning.line} ${warning.code}`);

describe("a mandate with bold Markdown headings", () => {
  const result = parseFixture("mandate-bold-headings.md");

  it("reads the structure", () => {
    expect(result.plan.title).toBe(
      "Mandaatdoelstellingen 2025-2030 – Directeur-diensthoofd “Digitale Dienstverlening” bij Brussel Huisvesting",
    );
    expect(countKinds(result)).toEqual({
      strategic_objective: 2,
      transversal_objective: 2,
      measurement_point: 9,
    });
    expect(result.plan.nodes.map((node) => [node.kind, node.code, listChildCodes(node)])).toEqual([
      ["strategic_objective", "1", ["1.1", "1.2", "1.3"]],
      ["strategic_objective", "2", ["2.1", "2.2"]],
      ["transversal_objective", "1", ["1.1", "1.2"]],
      ["transversal_objective", "2", ["2.1", "2.2"]],
    ]);
  });

  it("reads '**Meetpunt 1.1 (name):** text', inline indicators and bulleted targets", () => {
    const point = findByCodes(result, "1", "1.1");
    expect(point).toEqual({
      code: "1.1",
      kind: "measurement_point",
      title:
        "Digitaal loket: Alle aanvragen voor een sociale woning kunnen online worden ingediend en opgevolgd.",
      targets: [
        {
          text: "het digitale loket is open voor alle kandidaat-huurders",
          deadline: {
            kind: "month",
            from: "2026-09-01",
            until: "2026-09-30",
            text: "september 2026",
          },
        },
        {
          text: "minstens 70% van de nieuwe aanvragen wordt online ingediend",
          deadline: { kind: "month", until: "2028-01-31", text: "tegen januari 2028" },
        },
      ],
      indicators: [
        "aandeel online ingediende aanvragen",
        "gemiddelde doorlooptijd van een aanvraag (dagen)",
        "aantal klachten over het loket",
      ],
      children: [],
    });
  });

  it("reads comma-separated indicators, quarters, continuous starts and dates", () => {
    const point = findByCodes(result, "1", "1.2");
    expect(point.indicators).toEqual([
      "aantal gekoppelde authentieke bronnen",
      "aandeel aanvragen zonder papieren bewijsstukken",
    ]);
    expect(point.targets.map((target) => target.deadline)).toEqual([
      { kind: "quarter", from: "2026-04-01", until: "2026-06-30", text: "Q2 2026" },
      { kind: "continuous", from: "2026-12-01", text: "doorlopend vanaf december 2026" },
    ]);
    expect(findByCodes(result, "1", "1.3").title).toBe(
      "Toegankelijkheid: Het loket voldoet aan de toegankelijkheidsnorm WCAG 2.1 AA.",
    );
    expect(findByCodes(result, "1", "1.3").targets[0]?.deadline).toEqual({
      kind: "date",
      from: "2025-12-31",
      until: "2025-12-31",
      text: "31/12/2025",
    });
  });

  it("reads event deadlines and gives one deadline to the targets that wait for it", () => {
    expect(findByCodes(result, "2", "2.1").targets.map((target) => target.deadline)).toEqual([
      { kind: "event", text: "binnen 3 maanden na de goedkeuring van de nieuwe Huisvestingscode" },
      { kind: "year", until: "2026-12-31", text: "eind 2026" },
    ]);
    const year2027 = { kind: "year", from: "2027-01-01", until: "2027-12-31", text: "2027" };
    expect(findByCodes(result, "2", "2.2").targets).toEqual([
      { text: "minder dan 1.500 leegstaande woningen", deadline: year2027 },
      { text: "geen woning staat langer dan 18 maanden leeg", deadline: year2027 },
    ]);
  });

  it("scopes meetpunt 1.1 by its transversal objective", () => {
    const transversal = result.plan.nodes[2]!;
    expect(transversal.children[0]?.title).toBe(
      "Klantentevredenheid: De tevredenheid van de aanvragers meten en opvolgen.",
    );
    expect(transversal.children[0]?.targets[0]?.deadline).toEqual({
      kind: "continuous",
      text: "continu",
    });
    expect(transversal.children[1]?.targets[0]?.deadline).toEqual({
      kind: "continuous",
      from: "2026-03-01",
      text: "vanaf maart 2026",
    });
    expect(result.plan.nodes[3]?.children[0]?.targets[0]?.deadline).toEqual({
      kind: "event",
      text: "einde mandaat",
    });
  });

  it("warns about the text it could not place and the vague deadline, by line", () => {
    expect(listWarnings(result)).toEqual([
      "3 unplaced_text",
      "53 unplaced_text",
      "79 vague_deadline",
      "81 unplaced_text",
    ]);
  });
});

describe("a strategic plan with KRACHTLIJNEN and Markdown tables of actions", () => {
  const result = parseFixture("strategic-plan-krachtlijnen.md");

  it("has 4 strategic lines, 16 objectives (1.1 to 4.4) and 45 actions (1.1.1 to 4.4.5)", () => {
    expect(countKinds(result)).toEqual({ strategic_line: 4, strategic_objective: 16, action: 45 });
    expect(result.plan.nodes.map((line) => listChildCodes(line))).toEqual([
      ["1.1", "1.2", "1.3", "1.4"],
      ["2.1", "2.2", "2.3", "2.4"],
      ["3.1", "3.2", "3.3", "3.4"],
      ["4.1", "4.2", "4.3", "4.4"],
    ]);
    expect(
      result.plan.nodes.map((line) => line.children.map((objective) => objective.children.length)),
    ).toEqual([
      [3, 3, 4, 2],
      [3, 2, 3, 2],
      [2, 3, 2, 3],
      [3, 2, 3, 5],
    ]);
    expect(listChildCodes(findByCodes(result, "4", "4.4"))).toEqual([
      "4.4.1",
      "4.4.2",
      "4.4.3",
      "4.4.4",
      "4.4.5",
    ]);
  });

  it("reads each layout of the strategic lines and objectives", () => {
    expect(result.plan.nodes.map((line) => line.title)).toEqual([
      "Een klantgerichte en digitale dienstverlening",
      "Een aantrekkelijke en lerende werkgever",
      "Een duurzame en efficiënte organisatie",
      "Een sterke samenwerking met partners en inwoners",
    ]);
    expect(findByCodes(result, "1", "1.1").title).toBe(
      "Elke inwoner kan zijn administratieve zaken online regelen",
    );
    expect(findByCodes(result, "2", "2.3").title).toBe("Het welzijn op het werk verbetert");
    expect(findByCodes(result, "3", "3.4").title).toBe(
      "De begroting wordt opgevolgd met een boordtabel",
    );
    expect(findByCodes(result, "4", "4.2").title).toBe(
      "Verenigingen vinden vlot hun weg naar de gemeente",
    );
  });

  it("reads an action row: title, timing as the target's deadline, indicator", () => {
    expect(findByCodes(result, "1", "1.1", "1.1.1")).toEqual({
      code: "1.1.1",
      kind: "action",
      title: "Het e-loket uitbreiden met uittreksels uit het bevolkingsregister",
      targets: [
        {
          text: "",
          deadline: { kind: "quarter", from: "2026-04-01", until: "2026-06-30", text: "Q2 2026" },
        },
      ],
      indicators: ["aantal online aangevraagde uittreksels"],
      children: [],
    });
    expect(findByCodes(result, "2", "2.1", "2.1.3").targets[0]?.deadline).toEqual({
      kind: "year",
      from: "2026-01-01",
      until: "2027-12-31",
      text: "2026-2027",
    });
    expect(findByCodes(result, "3", "3.4", "3.4.3").targets[0]?.deadline).toEqual({
      kind: "continuous",
      text: "jaarlijks",
    });
    expect(findByCodes(result, "4", "4.4", "4.4.5").title).toBe(
      "Een gezamenlijk onthaal voor sociale dienstverlening openen",
    );
  });

  it("places the actions of one table under the objectives their numbers name", () => {
    expect(listChildCodes(findByCodes(result, "3", "3.1"))).toEqual(["3.1.1", "3.1.2"]);
    expect(listChildCodes(findByCodes(result, "3", "3.3"))).toEqual(["3.3.1", "3.3.2"]);
  });

  it("reports each owner column once per table", () => {
    const ignored = result.warnings.filter((warning) => warning.code === "ignored_column");
    expect(ignored).toHaveLength(10);
    expect(ignored[0]?.message).toContain('"Trekker"');
  });
});

describe("an operational plan with HTML fragments", () => {
  const result = parseFixture("operational-plan-html-fragments.md");

  it("reads strategic lines from <h2>, objectives and actions from <tr> rows", () => {
    expect(countKinds(result)).toEqual({ strategic_line: 3, strategic_objective: 5, action: 11 });
    expect(result.plan.nodes.map((line) => [line.code, listChildCodes(line)])).toEqual([
      ["1", ["1.1", "1.2"]],
      ["2", ["2.1", "2.2"]],
      ["3", ["3.1"]],
    ]);
    expect(listChildCodes(findByCodes(result, "3", "3.1"))).toEqual(["3.1.1", "3.1.2"]);
  });

  it("decodes entities, joins <br> and rows spread over several source lines", () => {
    expect(findByCodes(result, "1", "1.1", "1.1.1").targets[0]?.deadline?.text).toBe("maart 2026");
    expect(findByCodes(result, "1", "1.1", "1.1.3").title).toBe(
      "Het onthaalscript herzien met de consulenten & de juridische dienst",
    );
    expect(findByCodes(result, "1", "1.2", "1.2.2").title).toBe(
      "Een lijst van knelpuntberoepen publiceren en elk jaar bijwerken",
    );
    expect(findByCodes(result, "2", "2.2", "2.2.2").title).toBe("Opleiding één dag per medewerker");
    expect(findByCodes(result, "2", "2.1", "2.1.2").targets[0]?.deadline?.kind).toBe("quarter");
  });

  it("keeps a vague deadline as text and says so", () => {
    expect(findByCodes(result, "2", "2.2", "2.2.2").targets[0]?.deadline).toEqual({
      kind: "event",
      text: "in de loop van het jaar",
    });
    expect(listWarnings(result)).toContain("28 vague_deadline");
  });
});

describe("a French mandate", () => {
  const result = parseFixture("mandat-objectifs-fr.md");

  it("reads objectifs stratégiques, objectifs transversaux and points de mesure", () => {
    expect(result.plan.title).toBe(
      "Objectifs pour le mandat A3 Directeur/trice « Formation et Emploi » auprès de Bruxelles Formation",
    );
    expect(countKinds(result)).toEqual({
      strategic_objective: 2,
      transversal_objective: 2,
      measurement_point: 5,
    });
    expect(result.plan.nodes.map((node) => [node.kind, node.code, node.title])).toEqual([
      [
        "strategic_objective",
        "1",
        "Garantir une offre de formation qui répond aux besoins du marché de l'emploi bruxellois",
      ],
      [
        "strategic_objective",
        "2",
        "Renforcer la collaboration avec Actiris et les opérateurs de formation",
      ],
      ["transversal_objective", "1", "Qualité des services aux usagers"],
      ["transversal_objective", "2", "Contribution au programme OPTIris"],
    ]);
  });

  it("reads French targets and deadlines", () => {
    const deadlines = collectNodes(result.plan.nodes).flatMap((node) =>
      node.targets.map((target) => target.deadline),
    );
    expect(deadlines).toEqual([
      { kind: "date", from: "2026-12-31", until: "2026-12-31", text: "31 décembre 2026" },
      { kind: "quarter", from: "2026-04-01", until: "2026-06-30", text: "T2 2026" },
      { kind: "continuous", from: "2027-01-01", text: "à partir de janvier 2027" },
      {
        kind: "event",
        text: "dans les 6 mois suivant l'adoption de l'ordonnance relative au parcours d'insertion",
      },
      { kind: "quarter", from: "2027-04-01", until: "2027-06-30", text: "2e trimestre 2027" },
      { kind: "continuous", text: "en continu" },
      { kind: "event", text: "fin du mandat" },
    ]);
    expect(findByCodes(result, "1", "1.2").targets[1]?.text).toBe(
      "le délai moyen d'entrée en formation passe sous les six semaines.",
    );
    expect(result.plan.nodes[3]?.indicators).toEqual([
      "nombre de propositions de projets d'optimisation soumises au gouvernement",
      "pourcentage d'actions réalisées dans les délais",
    ]);
  });
});
