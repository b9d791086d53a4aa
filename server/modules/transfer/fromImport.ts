import type { Actor } from "../../authz";
import { AppError, badInput } from "../../errors";
import { logger } from "../../logger";
import { createObjective, createPlan, discardPlanTree, getPlan, type Plan } from "../plans";
import { createMeasurementPointWithTargets } from "../plans/imports";
import { createIndicator, discardIndicatorsOfPlan } from "../indicators";
import { createAction, discardActionsOfPlan } from "../actions";
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

type ImportDeadline = {
  kind: Deadline["kind"];
  from?: string | null;
  until?: string | null;
  text: string;
};
type ImportNode = Omit<PlanNode, "targets" | "indicators" | "children"> & {
  targets?: readonly { text: string; deadline?: ImportDeadline | null }[] | null;
  indicators?: readonly string[] | null;
  children?: readonly ImportNode[] | null;
};

const OBJECTIVE_KINDS = new Set([
  "strategic_line",
  "strategic_objective",
  "transversal_objective",
  "operational_objective",
]);

function checkDeadline(deadline: ImportDeadline, field: string): Deadline {
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

/** Re-points a service's field error ("input.code") at the node it came from ("input.nodes.0.children.2.code"). */
async function atNode<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof AppError &&
      error.field?.startsWith("input.") &&
      !error.field.startsWith("input.nodes")
    )
      throw new AppError(error.code, error.message, {
        messageKey: error.messageKey,
        params: error.params,
        field: `${path}.${error.field.slice(6)}`,
        cause: error,
      });
    throw error;
  }
}

/**
 * Creates a plan from an imported document tree, node by node, through the same
 * services (validation, authorization, audit) as manual entry. Objectives nest;
 * a measurement point or an action must sit under an objective. Targets and
 * indicators written on an objective itself become a measurement point of that
 * objective, so nothing of the document is dropped. Without transactions, a
 * failure half-way removes what was created (no half plan, no duplicate on retry).
 */
export async function createPlanFromImport(
  actor: Actor | null,
  input: ImportPlanInput,
): Promise<Plan> {
  const plan = await createPlan(actor, input);
  const planId = String(plan._id);
  const viewer = actor!;

  const createPoint = (
    node: ImportNode,
    objectiveId: string,
    at: string,
    order: number,
    code = node.code,
  ) =>
    atNode(at, () =>
      createMeasurementPointWithTargets(actor, {
        objectiveId,
        code,
        title: node.title,
        order,
        targets: (node.targets ?? []).map((t, i) => ({
          text: t.text || node.title,
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
      }),
    );

  const walk = async (
    nodes: readonly ImportNode[],
    parentId: string | null,
    field: string,
  ): Promise<void> => {
    for (const [index, node] of nodes.entries()) {
      const at = `${field}.${index}`;
      if (OBJECTIVE_KINDS.has(node.kind)) {
        const objective = await atNode(at, () =>
          createObjective(actor, {
            planId,
            parentId,
            kind: node.kind as "strategic_objective",
            code: node.code,
            title: node.title,
            order: index,
          }),
        );
        if (node.targets?.length || node.indicators?.length)
          await createPoint(node, String(objective._id), at, -1, node.code);
        await walk(node.children ?? [], String(objective._id), `${at}.children`);
      } else if (!parentId) {
        throw badInput(`${at}.kind`, "errors.importNeedsObjective", { code: node.code });
      } else if (node.kind === "measurement_point") {
        await createPoint(node, parentId, at, index);
      } else {
        await atNode(at, () =>
          createAction(actor, {
            planId,
            title: `${node.code} ${node.title}`.trim(),
            objectiveId: parentId,
          }),
        );
      }
    }
  };
  try {
    await walk(input.nodes, null, "input.nodes");
  } catch (error) {
    await Promise.all([discardIndicatorsOfPlan(planId), discardActionsOfPlan(planId)]);
    await discardPlanTree(viewer, planId);
    logger().info({ planId }, "import failed half-way; the partial plan was removed");
    throw error;
  }
  return getPlan(actor, planId);
}
