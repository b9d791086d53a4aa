import type { Actor } from "../../server/authz";
import { getUser, toActor } from "../../server/modules/users";
import { UserModel } from "../../server/modules/users/model";
import { createMeasurementPoint, createObjective, createPlan } from "../../server/modules/plans";
import { createIndicator } from "../../server/modules/indicators";
import { MeasurementModel } from "../../server/modules/indicators/model";
import { ActionModel } from "../../server/modules/actions/model";

export interface LargePlanSize {
  objectives: number;
  points: number;
  measurements: number;
  actions: number;
}

/**
 * A plan of `objectives` × `points` measurement points, each with an indicator,
 * `measurements` quarterly values and `actions` actions, owned by the demo
 * director. The tree goes through the services; measurements and actions are
 * bulk-inserted, since the services' per-write audit would make the set-up the
 * slow part of a benchmark.
 */
export async function buildLargePlan(
  size: LargePlanSize,
): Promise<{ actor: Actor; planId: string; quarters: string[] }> {
  const user = (await UserModel.findOne({ emailLower: "director@koers.demo" }).lean())!;
  const actor = toActor((await getUser(String(user._id)))!, "bench");
  const orgUnitId = String(user.memberships[0]!.orgUnitId);
  const plan = await createPlan(actor, {
    kind: "strategic_plan",
    title: "Groot plan",
    orgUnitId,
    periodStart: 2024,
    periodEnd: 2028,
  });
  const planId = String(plan._id);
  const quarters = Array.from(
    { length: size.measurements },
    (_, i) => `${2024 + Math.floor(i / 4)}-Q${(i % 4) + 1}`,
  );
  for (let o = 1; o <= size.objectives; o++) {
    const objective = await createObjective(actor, {
      planId,
      kind: "strategic_objective",
      code: `SD ${o}`,
      title: `Doelstelling ${o}`,
    });
    for (let p = 1; p <= size.points; p++) {
      const indicator = await createIndicator(actor, {
        planId,
        name: `KPI ${o}.${p}`,
        unit: "%",
        direction: "higher_is_better",
        baseline: 0,
      });
      const point = await createMeasurementPoint(actor, {
        objectiveId: String(objective._id),
        code: `${o}.${p}`,
        title: `Meetpunt ${o}.${p}`,
        ownerIds: [actor.id],
        targets: [
          {
            text: "70%",
            goal: { value: 70, comparator: "at_least", baseline: 0 },
            deadline: { kind: "year", value: "2027" },
            indicatorId: String(indicator._id),
          },
        ],
      });
      if (quarters.length)
        await MeasurementModel.insertMany(
          quarters.map((period, i) => ({
            _id: `${indicator._id}:${period}`,
            indicatorId: indicator._id,
            planId,
            period,
            value: 10 + i * 4,
            recordedBy: actor.id,
            recordedAt: new Date(),
          })),
        );
      if (size.actions)
        await ActionModel.insertMany(
          Array.from({ length: size.actions }, (_, a) => ({
            planId,
            title: { nl: `Actie ${a}` },
            dueDate: "2026-12-31",
            status: a % 2 ? "done" : "in_progress",
            measurementPointId: point._id,
          })),
        );
    }
  }
  return { actor, planId, quarters };
}
