import type { TestServer } from "./harness";

/** GraphQL documents and builders shared by the planning tests and the benchmark. */
export const Q = {
  createPlan: `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id version } }`,
  createObjective: `mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { id code version title { text locale isFallback } } }`,
  updateObjective: `mutation($id: ID!, $version: Int!, $input: UpdateObjectiveInput!) { updateObjective(id: $id, version: $version, input: $input) { id code version } }`,
  deleteObjective: `mutation($id: ID!, $version: Int!) { deleteObjective(id: $id, version: $version) }`,
  createPoint: `mutation($input: CreateMeasurementPointInput!) { createMeasurementPoint(input: $input) { id code version targets { id text { text } deadline { kind from until text } goal { value comparator } } } }`,
  updatePoint: `mutation($id: ID!, $version: Int!, $input: UpdateMeasurementPointInput!) { updateMeasurementPoint(id: $id, version: $version, input: $input) { id version title { text } targets { id } } }`,
  deletePoint: `mutation($id: ID!, $version: Int!) { deleteMeasurementPoint(id: $id, version: $version) }`,
  createIndicator: `mutation($input: CreateIndicatorInput!) { createIndicator(input: $input) { id version name { text } } }`,
  updateIndicator: `mutation($id: ID!, $version: Int!, $input: UpdateIndicatorInput!) { updateIndicator(id: $id, version: $version, input: $input) { id version unit } }`,
  record: `mutation($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id period value comment recordedBy { name } } }`,
  createAction: `mutation($input: CreateActionInput!) { createAction(input: $input) { id version status doneOnTime } }`,
  updateAction: `mutation($id: ID!, $version: Int!, $input: UpdateActionInput!) { updateAction(id: $id, version: $version, input: $input) { id version status doneDate doneOnTime progress } }`,
  openCycle: `mutation($planId: ID!, $period: String!) { openCycle(planId: $planId, period: $period) { id phase version } }`,
  advance: `mutation($id: ID!, $version: Int!) { advanceCycle(id: $id, version: $version) { id phase version } }`,
  assess: `mutation($input: AssessPointInput!) { assessPoint(input: $input) { id version assessments { status computedStatus comment } missingAssessments { id } } }`,
  decide: `mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id version decisions { kind text action { id title { text } } } } }`,
  close: `mutation($id: ID!, $version: Int!) { closeCycle(id: $id, version: $version) { id phase version closedAt } }`,
  scoreboard: `query($planId: ID!, $period: String!) { scoreboard(planId: $planId, period: $period) { frozen phase period rollup { value onTrack atRisk offTrack done noData total } rows { measurementPointId path code title owners status statusSource statusReason latestValue latestPeriod previousValue trend history { period value } comment actionsDone actionsTotal indicatorName unit targets { text deadline goal } } } }`,
  setTranslation: `mutation($input: SetTranslationInput!) { setTranslation(input: $input) { text locale isFallback translations { locale text state } } }`,
};

export async function unitOf(server: TestServer, cookie: string, code: string): Promise<string> {
  const me = await server.gql<{ viewer: { planningUnits: { id: string; code: string }[] } }>(
    "{ viewer { planningUnits { id code } } }",
    {},
    { cookie },
  );
  return me.data!.viewer.planningUnits.find((u) => u.code === code)!.id;
}

/** Runs a mutation and returns its single root field, failing loudly on errors. */
export async function must<T>(
  server: TestServer,
  cookie: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const result = await server.gql<Record<string, T>>(query, variables, { cookie });
  if (result.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(result.errors)}`);
  return Object.values(result.data!)[0]!;
}

/**
 * A plan of `objectives` strategic objectives × `points` measurement points, each
 * point with an indicator, `measurements` quarterly values and `actions` actions.
 */
export async function buildLargePlan(
  server: TestServer,
  cookie: string,
  size: { objectives: number; points: number; measurements: number; actions: number },
): Promise<{ planId: string; period: string }> {
  const orgUnitId = await unitOf(server, cookie, "DIR");
  const plan = await must<{ id: string }>(server, cookie, Q.createPlan, {
    input: {
      kind: "strategic_plan",
      title: "Groot plan",
      orgUnitId,
      periodStart: 2024,
      periodEnd: 2028,
    },
  });
  const quarters = Array.from(
    { length: size.measurements },
    (_, i) => `${2024 + Math.floor(i / 4)}-Q${(i % 4) + 1}`,
  );
  for (let o = 1; o <= size.objectives; o++) {
    const objective = await must<{ id: string }>(server, cookie, Q.createObjective, {
      input: {
        planId: plan.id,
        kind: "strategic_objective",
        code: `SD ${o}`,
        title: `Strategische doelstelling ${o}`,
      },
    });
    await Promise.all(
      Array.from({ length: size.points }, async (_, p) => {
        const indicator = await must<{ id: string }>(server, cookie, Q.createIndicator, {
          input: {
            planId: plan.id,
            name: `KPI ${o}.${p + 1}`,
            unit: "%",
            direction: "higher_is_better",
            baseline: 0,
            targetValue: 100,
          },
        });
        await must(server, cookie, Q.createPoint, {
          input: {
            objectiveId: objective.id,
            code: `${o}.${p + 1}`,
            title: `Meetpunt ${o}.${p + 1}`,
            targets: [
              {
                text: "70% bereikt",
                goal: { value: 70, comparator: "at_least", baseline: 0 },
                deadline: { kind: "year", value: "2027" },
                indicatorId: indicator.id,
              },
            ],
          },
        });
        const point = await server.gql<{
          measurementPoints: { nodes: { id: string; code: string }[] };
        }>(
          `query($planId: ID!, $objectiveId: ID!) { measurementPoints(planId: $planId, filter: { objectiveId: $objectiveId }, first: 100) { nodes { id code } } }`,
          { planId: plan.id, objectiveId: objective.id },
          { cookie },
        );
        const pointId = point.data!.measurementPoints.nodes.find(
          (n) => n.code === `${o}.${p + 1}`,
        )!.id;
        for (const [i, period] of quarters.entries())
          await must(server, cookie, Q.record, {
            input: { indicatorId: indicator.id, period, value: 10 + i * 3 },
          });
        for (let a = 0; a < size.actions; a++)
          await must(server, cookie, Q.createAction, {
            input: {
              planId: plan.id,
              title: `Actie ${o}.${p + 1}.${a + 1}`,
              dueDate: "2026-12-31",
              measurementPointId: pointId,
              status: a % 3 === 0 ? "done" : "in_progress",
            },
          });
      }),
    );
  }
  return { planId: plan.id, period: quarters.at(-1)! };
}
