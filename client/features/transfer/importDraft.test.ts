import { describe, expect, it } from "vitest";
import type { ParseResult, PlanNode } from "../../../shared/planImport/types";
import {
  checkDraft,
  countByKind,
  draftFromParse,
  insertNode,
  nodeOfField,
  nodesToInput,
  placeOf,
  planFieldsFromParse,
  removeNode,
  updateNode,
} from "./importDraft";

const node = (
  code: string,
  kind: PlanNode["kind"],
  title: string,
  children: PlanNode[] = [],
): PlanNode => ({ code, kind, title, targets: [], indicators: [], children });

const parsed: ParseResult = {
  plan: {
    title: "Doelstellingen voor het mandaat 2024-2028",
    nodes: [
      node("1", "strategic_objective", "Meer werkzoekenden naar werk", [
        {
          ...node("1.1", "measurement_point", "Doorverwijzingen"),
          targets: [
            {
              text: "70% aanvaard",
              deadline: {
                kind: "month",
                from: "2026-09-01",
                until: "2026-09-30",
                text: "september 2026",
              },
            },
            { text: "Rapport", deadline: null },
          ],
          indicators: ["Aanvaarde doorverwijzingen"],
        },
        node("1.2", "measurement_point", "Begeleiding"),
      ]),
      node("1", "transversal_objective", "Kwaliteit", [
        node("1.1", "measurement_point", "Digitaal"),
      ]),
    ],
  },
  warnings: [],
};

const fields = planFieldsFromParse(parsed, "mandaat.md", "unit1", 2026);

describe("the import draft", () => {
  it("reads the plan's kind and period from the document's title", () => {
    expect(fields).toMatchObject({
      title: "Doelstellingen voor het mandaat 2024-2028",
      kind: "mandate_objectives",
      periodStart: 2024,
      periodEnd: 2028,
      orgUnitId: "unit1",
    });
    const untitled = { ...parsed, plan: { ...parsed.plan, title: "" } };
    expect(planFieldsFromParse(untitled, "Beheersplan.docx", null, 2026)).toMatchObject({
      title: "Beheersplan",
      kind: "strategic_plan",
      periodStart: 2026,
      periodEnd: 2030,
    });
  });

  it("edits, removes and puts back a node without touching the rest", () => {
    const nodes = draftFromParse(parsed);
    const point = nodes[0]!.children[0]!;
    const edited = updateNode(nodes, point.id, { title: "Doorverwijzingen worden aanvaard" });
    expect(edited[0]!.children[0]!.title).toBe("Doorverwijzingen worden aanvaard");
    expect(edited[0]!.children[0]!.readTitle).toBe("Doorverwijzingen");
    expect(edited[1]).toBe(nodes[1]);

    const place = placeOf(edited, point.id)!;
    expect(place).toEqual({ parentId: nodes[0]!.id, index: 0 });
    const removed = removeNode(edited, point.id);
    expect(countByKind(removed).measurement_point).toBe(2);
    const back = insertNode(removed, place.parentId, place.index, edited[0]!.children[0]!);
    expect(back).toEqual(edited);
  });

  it("finds what the server would refuse before anything is sent", () => {
    const nodes = draftFromParse(parsed);
    expect(checkDraft(fields, nodes)).toEqual({ plan: {}, nodes: {} });

    const second = nodes[0]!.children[1]!;
    let broken = updateNode(nodes, second.id, { code: "1.1", title: "  " });
    const problems = checkDraft({ ...fields, title: "", periodEnd: 2020 }, broken);
    expect(problems.plan.title?.key).toBe("transfer.check.required");
    expect(problems.plan.periodEnd?.key).toBe("transfer.check.periodOrder");
    expect(problems.nodes[second.id]).toEqual({
      code: { key: "transfer.check.duplicateCode", params: { code: "1.1" } },
      title: { key: "transfer.check.required" },
    });

    // The same code under another parent is fine; a point outside any objective is not.
    broken = [nodes[0]!.children[0]!, ...nodes.slice(1)];
    expect(checkDraft(fields, broken).nodes[nodes[0]!.children[0]!.id]?.kind?.key).toBe(
      "transfer.check.needsObjective",
    );
  });

  it("sends only the input fields and names each node's input path", () => {
    const nodes = draftFromParse(parsed);
    const { input, paths } = nodesToInput(nodes);
    expect(input[0]!.children[0]).toEqual({
      code: "1.1",
      kind: "measurement_point",
      title: "Doorverwijzingen",
      targets: [
        {
          text: "70% aanvaard",
          deadline: {
            kind: "month",
            from: "2026-09-01",
            until: "2026-09-30",
            text: "september 2026",
          },
        },
        { text: "Rapport", deadline: null },
      ],
      indicators: ["Aanvaarde doorverwijzingen"],
      children: [],
    });
    const point = nodes[1]!.children[0]!;
    expect(nodeOfField("input.nodes.1.children.0.kind", paths)).toBe(point.id);
    expect(nodeOfField("input.nodes.1.children.0.targets.0.deadline.from", paths)).toBe(point.id);
    expect(nodeOfField("input.title", paths)).toBeUndefined();
  });
});
