import type { Actor } from "../../authz";
import { badInput } from "../../errors";
import { createObjective, createPlan, getPlan, type Plan } from "../plans";
import { createMeasurementPointWithTargets } from "../plans/imports";
import { createIndicator } from "../indicators";
import { createAction } from "../actions";
import { isIsoDate } from "../../../shared/periods";
import type { Deadline } from "../../../shared/deadline";
import type { PlanNode } from "../../../shared/planImport/types";

export interface ImportPlanInput {
  kind: Plan["kind"];
  title: string;
  orgUnitId: string;
  periodStart: number;
  periodEnd: number;
  responsibleAuthority?: string | null;
  nodes: readonly ImportNode[];
}

type ImportNode = Omit<PlanNode, "targets" | "indicators" | "children"> & {
  targets?:
    | readonly {
        text: string;
        deadline?: {
          kind: Deadline["kind"];
          from?: string | null;
          until?: string | null;
          text: string;
        } | null;
      }[]
    | null;
  indicators?: readonly string[] | null;
  children?: readonly ImportNode[] | null;
};

const OBJECTIVE_KINDS = new Set([
  "strategic_line",
  "strategic_objective",
  "transversal_objective",
  "operational_objective",
]);

function checkDeadline(
  deadline: NonNullable<NonNullable<ImportNode["targets"]>[number]["deadline"]>,
  field: string,
): Deadline {
  for (const key of ["from", "until"] as const) {
    const value = deadline[key];
    if (value && !isIsoDate(value)) throw badInput(`${field}.${key}`, "errors.date");
  }
  return {
    kind: deadline.kind,
    from: deadline.from ?? null,
    until: deadline.until ?? null,
    text: deadline.text,
  };
}

/**
 * Creates a plan from an imported document tree, node by node, through the same
 * services (validation, authorization, audit) as manual entry. Objectives nest;
 * a measurement point or an action must sit under an objective.
 */
export async function createPlanFromImport(
  actor: Actor | null,
  input: ImportPlanInput,
): Promise<Plan> {
  const plan = await createPlan(actor, input);
  const planId = String(plan._id);
  const walk = async (
    nodes: readonly ImportNode[],
    parentId: string | null,
    field: string,
  ): Promise<void> => {
    for (const [index, node] of nodes.entries()) {
      const at = `${field}.${index}`;
      if (OBJECTIVE_KINDS.has(node.kind)) {
        const objective = await createObjective(actor, {
          planId,
          parentId,
          kind: node.kind as "strategic_objective",
          code: node.code,
          title: node.title,
          order: index,
        });
        await walk(node.children ?? [], String(objective._id), `${at}.children`);
      } else if (!parentId) {
        throw badInput(`${at}.kind`, "errors.importNeedsObjective", { code: node.code });
      } else if (node.kind === "measurement_point") {
        await createMeasurementPointWithTargets(actor, {
          objectiveId: parentId,
          code: node.code,
          title: node.title,
          order: index,
          targets: (node.targets ?? []).map((t, i) => ({
            text: t.text,
            deadline: t.deadline ? checkDeadline(t.deadline, `${at}.targets.${i}.deadline`) : null,
          })),
          createIndicator: (name, pointId) =>
            createIndicator(actor, {
              planId,
              name,
              direction: "higher_is_better",
              measurementPointId: pointId,
            }),
          indicatorNames: node.indicators ?? [],
        });
      } else {
        await createAction(actor, {
          planId,
          title: `${node.code} ${node.title}`.trim(),
          objectiveId: parentId,
        });
      }
    }
  };
  await walk(input.nodes, null, "input.nodes");
  return getPlan(actor, planId);
}
