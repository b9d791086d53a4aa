import { describe, expect, it } from "vitest";
import { convertHtmlToMarkdown, flattenHtml } from "./html";
import { joinWrapped, repairOcrNoise, splitSourceLines } from "./normalize";
import { parsePlanText } from "./parse";

const lines = (...text: string[]) => text.join("\n");
const listWarnings = (text: string) =>
  parsePlanText(text).warnings.map((warning) => `${warning.line} ${warning.code}`);

describe("parsePlanText on small layouts", () => {
  it("reads an HTML table fragment on one line under a KRACHTLIJN", () => {
    const result = parsePlanText(
      lines(
        "KRACHTLIJN 1: Digitale dienstverlening",
        "",
        "<table><tr><td>1.1</td><td>Alles online</td></tr><tr><td>1.1.1</td><td>E-loket openen</td><td>Q1 2026</td></tr></table>",
      ),
    );
    expect(result.plan.nodes).toEqual([
      {
        code: "1",
        kind: "strategic_line",
        title: "Digitale dienstverlening",
        targets: [],
        indicators: [],
        children: [
          {
            code: "1.1",
            kind: "strategic_objective",
            title: "Alles online",
            targets: [],
            indicators: [],
            children: [
              {
                code: "1.1.1",
                kind: "action",
                title: "E-loket openen",
                targets: [
                  {
                    text: "",
                    deadline: {
                      kind: "quarter",
                      from: "2026-01-01",
                      until: "2026-03-31",
                      text: "Q1 2026",
                    },
                  },
                ],
                indicators: [],
                children: [],
              },
            ],
          },
        ],
      },
    ]);
  });

  it("reads labels in English and a bullet list of indicators", () => {
    const result = parsePlanText(
      lines(
        "# Mandate objectives",
        "",
        "Strategic objective 1: Faster service",
        "",
        "Measurement point 1.1: Answer within a week",
        "",
        "Indicators:",
        "- share of answers within 7 days",
        "- number of complaints",
        "",
        "Target: 90% of the questions answered within a week",
        "",
        "Deadline: end of mandate",
      ),
    );
    const point = result.plan.nodes[0]!.children[0]!;
    expect(result.plan.title).toBe("Mandate objectives");
    expect(point.indicators).toEqual(["share of answers within 7 days", "number of complaints"]);
    expect(point.targets).toEqual([
      {
        text: "90% of the questions answered within a week",
        deadline: { kind: "event", text: "end of mandate" },
      },
    ]);
  });

  it("takes the next paragraph as the title of a heading that has none", () => {
    const result = parsePlanText(
      lines("SD nr. 1:", "", "Sneller werken", "", "Meetpunt 1.1:", "", "Minder papier"),
    );
    expect(result.plan.nodes[0]?.title).toBe("Sneller werken");
    expect(result.plan.nodes[0]?.children[0]?.title).toBe("Minder papier");
  });

  it("reads the target text on the lines after its label, up to the deadline", () => {
    const result = parsePlanText(
      lines(
        "SD 1: Dienstverlening",
        "",
        "Meetpunt 1.1: Loket",
        "",
        "Te bereiken streefwaarde:",
        "",
        "Het loket is open.",
        "",
        "Tijdschema:",
        "maart 2026",
      ),
    );
    expect(result.plan.nodes[0]?.children[0]?.targets).toEqual([
      {
        text: "Het loket is open.",
        deadline: { kind: "month", from: "2026-03-01", until: "2026-03-31", text: "maart 2026" },
      },
    ]);
  });

  it("warns about text, targets and deadlines it cannot place, with their line", () => {
    expect(
      listWarnings(
        lines(
          "Te behalen target: iets zonder doelstelling", // 1
          "",
          "SD 1: Eerste doelstelling", // 3
          "",
          "Deadline: 2026", // 5
          "",
          "Een losse opmerking.", // 7
          "",
          "Meetpunt 1.1: Punt", // 9
        ),
      ),
    ).toEqual([
      "1 unplaced_item",
      "1 no_title",
      "5 deadline_without_target",
      "7 unplaced_text",
      "9 missing_target",
    ]);
  });

  it("keeps both nodes of a duplicated code and says so", () => {
    const text = lines(
      "SD 1: A",
      "",
      "Meetpunt 1.1: Eerste",
      "Te bereiken streefwaarde: x",
      "Tijdschema: 2026",
      "",
      "Meetpunt 1.1: Tweede",
      "Te bereiken streefwaarde: y",
      "Tijdschema: 2027",
    );
    expect(parsePlanText(text).plan.nodes[0]?.children.map((point) => point.title)).toEqual([
      "Eerste",
      "Tweede",
    ]);
    expect(listWarnings(text)).toEqual(["1 no_title", "7 duplicate_code"]);
  });

  it("reports a measurement point whose number does not fit its objective", () => {
    const text = lines(
      "SD 1: A",
      "",
      "Meetpunt 2.1: Verkeerd genummerd",
      "Te bereiken streefwaarde: x",
      "Tijdschema: 2026",
    );
    expect(listWarnings(text)).toContain("3 code_mismatch");
    expect(parsePlanText(text).plan.nodes[0]?.children[0]?.code).toBe("2.1");
  });

  it("gives an empty document an empty plan, a fallback title and two warnings", () => {
    const result = parsePlanText("", { fallbackTitle: "leeg" });
    expect(result.plan).toEqual({ title: "leeg", nodes: [] });
    expect(result.warnings.map((warning) => warning.code)).toEqual(["no_nodes", "no_title"]);
  });

  it("reads 'Doelstelling 2' under a strategic line as a strategic objective", () => {
    const result = parsePlanText(
      lines(
        "Krachtlijn 1 – Mensen",
        "",
        "Doelstelling 1: Werven",
        "",
        "1.1 Vacatures sneller invullen",
        "",
        "Doelstelling 2: Opleiden",
      ),
    );
    expect(
      result.plan.nodes[0]?.children.map((node) => [node.kind, node.code, node.title]),
    ).toEqual([
      ["strategic_objective", "1", "Werven"],
      ["strategic_objective", "2", "Opleiden"],
    ]);
  });
});

describe("normalisation", () => {
  it("repairs the Dutch OCR misreadings, not French words", () => {
    expect(repairOcrNoise("codrdinatie en gecodrdineerd, efficiént, Belgié, OPTlris", true)).toBe(
      "coördinatie en gecoördineerd, efficiënt, België, OPTIris",
    );
    expect(repairOcrNoise("une amitié spécifiée", false)).toBe("une amitié spécifiée");
  });

  it("joins wrapped lines like a reader would", () => {
    expect(joinWrapped("informatie-", "uitwisseling")).toBe("informatie-uitwisseling");
    expect(joinWrapped("ondersteuningsinstrumenten en -", "methodologieën")).toBe(
      "ondersteuningsinstrumenten en -methodologieën",
    );
    expect(joinWrapped("het hele jaar -", "afhankelijk")).toBe("het hele jaar - afhankelijk");
    expect(joinWrapped("van", "Actiris")).toBe("van Actiris");
  });

  it("flattens HTML into numbered lines and table rows", () => {
    const html = lines(
      "<h2>KRACHTLIJN 1</h2>",
      "<table>",
      "<tr><th>Nr</th><th>Actie</th></tr>",
      "<tr>",
      "<td>1.1.1</td><td>Een &amp; twee</td>",
      "</tr></table>",
    );
    expect(flattenHtml(html).filter((line) => line.text)).toEqual([
      { line: 1, text: "## KRACHTLIJN 1", isHeading: true },
      { line: 3, text: "| Nr | Actie |", cells: ["Nr", "Actie"], isTableHeader: true },
      { line: 4, text: "| 1.1.1 | Een & twee |", cells: ["1.1.1", "Een & twee"] },
    ]);
    expect(convertHtmlToMarkdown(html)).toBe(
      "## KRACHTLIJN 1\n\n| Nr | Actie |\n| --- | --- |\n| 1.1.1 | Een & twee |\n",
    );
  });

  it("reads Markdown and tab-separated table rows", () => {
    expect(splitSourceLines("| 1.1 | A |\n|---|---|\nPeriode\t2024-2028")).toEqual([
      { line: 1, text: "| 1.1 | A |", cells: ["1.1", "A"], isTableHeader: true },
      { line: 3, text: "Periode\t2024-2028", cells: ["Periode", "2024-2028"] },
    ]);
  });
});
