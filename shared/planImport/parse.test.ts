import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlanText } from "./parse";
import type { NodeKind, ParseResult, PlanNode } from "./types";

// The sample documents live next to the repository, as issue 7 describes them.
const examples = path.resolve(import.meta.dirname, "../../../shared/examples");
const readExample = (name: string) => readFileSync(path.join(examples, name), "utf8");

function collectNodes(nodes: PlanNode[]): PlanNode[] {
  return nodes.flatMap((node) => [node, ...collectNodes(node.children)]);
}

function countKinds(result: ParseResult): Partial<Record<NodeKind, number>> {
  const counts: Partial<Record<NodeKind, number>> = {};
  for (const node of collectNodes(result.plan.nodes))
    counts[node.kind] = (counts[node.kind] ?? 0) + 1;
  return counts;
}

/** Finds a node by its path of kind-and-code steps, e.g. ["TD 4", "MP 4.3"]. */
function findNodeAt(result: ParseResult, ...steps: string[]): PlanNode {
  const kinds: Record<string, NodeKind> = {
    SL: "strategic_line",
    SD: "strategic_objective",
    TD: "transversal_objective",
    OD: "operational_objective",
    MP: "measurement_point",
    A: "action",
  };
  let nodes = result.plan.nodes;
  let found: PlanNode | undefined;
  for (const step of steps) {
    const [kind, code] = step.split(" ");
    found = nodes.find((node) => node.kind === kinds[kind!] && node.code === code);
    if (!found) throw new Error(`no ${step} in ${steps.join(" > ")}`);
    nodes = found.children;
  }
  return found!;
}

const countTargets = (result: ParseResult) =>
  collectNodes(result.plan.nodes).reduce((sum, node) => sum + node.targets.length, 0);

/** The shape of the tree without texts: codes and kinds per level. */
const outlineTree = (nodes: PlanNode[]): unknown =>
  nodes.map((node) => [node.kind, node.code, outlineTree(node.children)]);

describe("the Actiris mandate sample (Markdown)", () => {
  const result = parsePlanText(readExample("mandate-actiris-a4.md"));

  it("finds the title", () => {
    expect(result.plan.title).toBe(
      "Doelstellingen voor het mandaat A4 Directeur/trice-diensthoofd “Werkzoekenden – gespecialiseerde diensten” bij Actiris",
    );
  });

  it("has 3 strategic and 5 transversal objectives, 23 measurement points, 30 targets", () => {
    expect(countKinds(result)).toEqual({
      strategic_objective: 3,
      transversal_objective: 5,
      measurement_point: 23,
    });
    expect(countTargets(result)).toBe(30);
    expect(result.plan.nodes.map((node) => `${node.kind} ${node.code}`)).toEqual([
      "strategic_objective 1",
      "strategic_objective 2",
      "strategic_objective 3",
      "transversal_objective 1",
      "transversal_objective 2",
      "transversal_objective 3",
      "transversal_objective 4",
      "transversal_objective 5",
    ]);
    expect(result.plan.nodes.map((node) => node.children.map((child) => child.code))).toEqual([
      ["1.1", "1.2"],
      ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"],
      ["3.1", "3.2", "3.3"],
      ["1.1", "1.2"],
      ["2.1", "2.2"],
      ["3.1"],
      ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"],
      [],
    ]);
  });

  it("takes each objective's title from its section, not from the overview table", () => {
    expect(findNodeAt(result, "SD 1").title).toBe(
      "Deelnemen aan een zo effectief en efficiënt mogelijke uitvoering van alle opdrachten van Actiris, zoals vastgelegd in het beheerscontract",
    );
    expect(findNodeAt(result, "SD 2").title).toBe(
      "Deelnemen aan de implementatie van een doelgericht, op maat gemaakt en flexibel ondersteuningsprogramma met het oog op tewerkstelling",
    );
    expect(findNodeAt(result, "TD 1").title).toBe("Kwaliteit van de diensten voor de gebruikers");
    expect(findNodeAt(result, "TD 4").title).toBe(
      "Internationale betrekkingen, Europese aangelegenheden en ontwikkelingssamenwerking",
    );
  });

  it("reads SD 1 / meetpunt 1.1: one target, doorlopend", () => {
    const point = findNodeAt(result, "SD 1", "MP 1.1");
    expect(point.title).toBe(
      "De strategische doelstellingen en verbintenissen van het Beheerscontract vertalen naar operationele doelstellingen.",
    );
    expect(point.targets).toEqual([
      {
        text: "De indicatoren op het scorebord van het Strategische Directiecomité regelmatig controleren en de nodige en gepaste maatregelen nemen om de doelstellingen te bereiken.",
        deadline: { kind: "continuous", text: "doorlopend" },
      },
    ]);
  });

  it("reads SD 2 / meetpunt 2.2: a numeric target, deadline 2025", () => {
    const [target] = findNodeAt(result, "SD 2", "MP 2.2").targets;
    expect(target?.text).toContain("Meer dan 1.000 langdurig werkzoekenden ouder dan 30 jaar");
    expect(target?.deadline).toEqual({
      kind: "year",
      from: "2025-01-01",
      until: "2025-12-31",
      text: "2025",
    });
  });

  it("reads SD 2 / meetpunt 2.5 ('Tijdschema : 2025') and 2.6 (no colon after the number)", () => {
    expect(findNodeAt(result, "SD 2", "MP 2.5").targets[0]?.deadline?.text).toBe("2025");
    const point = findNodeAt(result, "SD 2", "MP 2.6");
    expect(point.title).toBe(
      "Deelnemen aan de analyse van de reserve aan arbeidskrachten van werkzoekenden en een geschikt traject naar werk voorstellen.",
    );
    expect(point.targets[0]?.deadline).toEqual({
      kind: "month",
      from: "2024-12-01",
      until: "2024-12-31",
      text: "december 2024",
    });
  });

  it("reads SD 3 / meetpunt 3.2 and 3.3: a first and a second target each", () => {
    expect(findNodeAt(result, "SD 3", "MP 3.2").targets).toEqual([
      {
        text: "ontwikkeling en uitvoering van interne procedures om de monitoring van werkzoekenden door de twee directies te coördineren en presentatie van een nota met een samenvatting van de relevante interne procedures.",
        deadline: { kind: "month", from: "2025-12-01", until: "2025-12-31", text: "december 2025" },
      },
      {
        text: "monitoren, evalueren en zo nodig bijstellen van bovengenoemde interne procedures.",
        deadline: {
          kind: "continuous",
          from: "2025-12-01",
          text: "doorlopend vanaf december 2025",
        },
      },
    ]);
    expect(findNodeAt(result, "SD 3", "MP 3.3").targets.map((target) => target.deadline)).toEqual([
      { kind: "month", from: "2025-03-01", until: "2025-03-31", text: "maart 2025" },
      { kind: "continuous", from: "2025-03-01", text: "doorlopend vanaf maart 2025" },
    ]);
  });

  it("scopes numbering by parent: meetpunt 1.1 of SD 1 and of TD 1 are two nodes", () => {
    const point = findNodeAt(result, "TD 1", "MP 1.1");
    expect(point.title).toBe(
      "Verbeteren van digitale instrumenten voor werkzoekenden volgens hun behoeften",
    );
    expect(point.targets[0]?.deadline?.kind).toBe("year");
    expect(point).not.toBe(findNodeAt(result, "SD 1", "MP 1.1"));
  });

  it("reads TD 3 / meetpunt 3.1 with a dash after the number", () => {
    const point = findNodeAt(result, "TD 3", "MP 3.1");
    expect(point.title).toMatch(/^Bijdragen tot de klimaatverbintenissen van het Gewest/);
    expect(point.targets[0]?.deadline).toEqual({ kind: "continuous", text: "Doorlopend" });
  });

  it("reads TD 4 / meetpunt 4.1: three bulleted targets with their deadlines", () => {
    expect(findNodeAt(result, "TD 4", "MP 4.1").targets).toEqual([
      {
        text: "zorgen voor de communicatie en informatieoverdracht binnen Leefmilieu Brussel",
        deadline: {
          kind: "continuous",
          text: "het hele jaar - afhankelijk van de mogelijkheden en rapportageverplichtingen",
        },
      },
      {
        text: "deelnemen aan coördinatievergaderingen tussen het Brussels Hoofdstedelijk Gewest en de EU, zowel algemene als ad hoc/thematische vergaderingen (bv. Europees Semester)",
        deadline: {
          kind: "continuous",
          text: "twee keer per jaar voor de algemene vergaderingen en naar behoefte voor de ad hoc/thematische vergaderingen",
        },
      },
      {
        text: "Leefmilieu Brussel attent maken op mogelijkheden (projecten, financiering, uitwisselingen, enz.)",
        deadline: { kind: "continuous", text: "het hele jaar - afhankelijk van de mogelijkheden" },
      },
    ]);
  });

  it("reads TD 4 / meetpunt 4.3 and 4.7: event deadlines", () => {
    expect(findNodeAt(result, "TD 4", "MP 4.3").targets.map((target) => target.deadline)).toEqual([
      {
        kind: "continuous",
        text: "zodra de informatie beschikbaar is en ten minste op de 15e van elke maand",
      },
      { kind: "event", text: "volgens het tijdschema dat in de inbreukprocedure is vastgesteld" },
      {
        kind: "event",
        text: "volgens het tijdschema dat in de procedure voor het Hof is vastgesteld",
      },
    ]);
    expect(findNodeAt(result, "TD 4", "MP 4.7").targets[0]?.deadline).toEqual({
      kind: "event",
      text: "vóór en na elke ontvangst van een delegatie, uitzending van een missie naar het buitenland of deelname aan een internationaal evenement",
    });
  });

  it("reads TD 5 (OPTIris): its own target until the end of the mandate and its 3 KPIs", () => {
    const objective = findNodeAt(result, "TD 5");
    expect(objective.title).toBe("Transversale OPTIris-doelstelling voor alle mandatarissen");
    expect(objective.children).toEqual([]);
    expect(objective.targets).toHaveLength(1);
    expect(objective.targets[0]?.text).toMatch(
      /^Het door de regering goedgekeurde OPTIris-programma .* deel te nemen\.$/,
    );
    expect(objective.targets[0]?.deadline).toEqual({ kind: "event", text: "einde mandaat" });
    expect(objective.indicators).toEqual([
      "aantal aan de regering voorgelegde voorstellen van optimalisatieprojecten, kwaliteit van de voorstellen (SMART) en niveau van de gerealiseerde besparingen",
      "percentage op tijd gerealiseerde acties",
      "percentage tevredenheid van de vertegenwoordigers van de regering binnen de cel Conformiteit en de stuurgroep",
    ]);
  });

  it("reports what it left out, with line numbers, and nothing else", () => {
    const byCode = (code: string) => result.warnings.filter((warning) => warning.code === code);
    expect(byCode("title_conflict").map((warning) => warning.line)).toEqual([39, 281]);
    expect(byCode("unplaced_text").map((warning) => warning.line)).toContain(5);
    expect(byCode("unplaced_text").map((warning) => warning.line)).toContain(111);
    expect(
      result.warnings.every((warning) =>
        ["title_conflict", "unplaced_text"].includes(warning.code),
      ),
    ).toBe(true);
  });
});

describe("the Actiris mandate sample (OCR text)", () => {
  const result = parsePlanText(readExample("mandate-actiris-a4-ocr.txt"), {
    fallbackTitle: "mandate-actiris-a4-ocr",
  });
  const markdown = parsePlanText(readExample("mandate-actiris-a4.md"));

  it("has the same objectives and measurement points as the Markdown", () => {
    expect(outlineTree(result.plan.nodes)).toEqual(outlineTree(markdown.plan.nodes));
    expect(countKinds(result)).toEqual({
      strategic_objective: 3,
      transversal_objective: 5,
      measurement_point: 23,
    });
  });

  it("uses the fallback title: the OCR text lost the first page", () => {
    expect(result.plan.title).toBe("mandate-actiris-a4-ocr");
    expect(result.warnings.find((warning) => warning.code === "no_title")).toBeDefined();
  });

  it("repairs OCR noise and joins wrapped lines", () => {
    expect(findNodeAt(result, "SD 1").title).toBe(findNodeAt(markdown, "SD 1").title);
    expect(findNodeAt(result, "SD 2", "MP 2.1").title).toBe(
      findNodeAt(markdown, "SD 2", "MP 2.1").title,
    );
    expect(findNodeAt(result, "SD 2", "MP 2.2").title).toBe(
      "Een betere coördinatie van gespecialiseerde ondersteuningsinstrumenten en -methodologieën bevorderen om zo goed mogelijk in te spelen op de behoeften van werkzoekenden.",
    );
    expect(findNodeAt(result, "TD 4").title).toBe(findNodeAt(markdown, "TD 4").title);
    expect(findNodeAt(result, "TD 5").title).toBe(
      "Transversale OPTIris-doelstelling voor alle mandatarissen",
    );
    expect(findNodeAt(result, "TD 5").indicators[2]).toBe(
      "percentage tevredenheid van de vertegenwoordigers van de regering binnen de cel Conformiteit en de stuurgroep",
    );
  });

  it("reads the OCR bullets 'e Te behalen target' and 'o Deadline'", () => {
    const targets = findNodeAt(result, "TD 4", "MP 4.1").targets;
    expect(targets.map((target) => target.deadline?.text)).toEqual([
      "het hele jaar - afhankelijk van de mogelijkheden en rapportageverplichtingen",
      "twee keer per jaar voor de algemene vergaderingen en naar behoefte voor de ad hoc/thematische vergaderingen",
      "het hele jaar - afthankelijk van de mogelijkheden",
    ]);
  });

  it("keeps the targets where the OCR put them (under 4.7) and reports 4.5 and 4.6 as empty", () => {
    expect(findNodeAt(result, "TD 4", "MP 4.7").targets).toHaveLength(3);
    expect(countTargets(result)).toBe(30);
    expect(
      result.warnings
        .filter((warning) => warning.code === "missing_target")
        .map((warning) => warning.line),
    ).toEqual([437, 443]);
  });

  it("has the same deadlines as the Markdown for every point the OCR kept whole", () => {
    const deadlines = (parse: ParseResult, step: string) =>
      findNodeAt(parse, step)
        .children.filter((point) => !["4.5", "4.6", "4.7"].includes(point.code))
        .map((point) => point.targets.map((target) => target.deadline?.kind));
    for (const step of ["SD 1", "SD 2", "SD 3", "TD 1", "TD 2", "TD 3", "TD 4"]) {
      expect(deadlines(result, step), step).toEqual(deadlines(markdown, step));
    }
  });
});
