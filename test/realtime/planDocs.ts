import type { TestServer } from "../harness";

/** A new plan of the cookie's first planning unit; returns its realtime document name. */
export async function createPlanDoc(
  server: TestServer,
  cookie: string,
  title: string,
): Promise<string> {
  const me = await server.gql<{ viewer: { planningUnits: { id: string }[] } }>(
    "{ viewer { planningUnits { id } } }",
    {},
    { cookie },
  );
  const orgUnitId = me.data!.viewer.planningUnits[0]!.id;
  const created = await server.gql<{ createPlan: { id: string } }>(
    `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`,
    {
      input: { kind: "operational_plan", title, orgUnitId, periodStart: 2026, periodEnd: 2026 },
    },
    { cookie },
  );
  if (!created.data) throw new Error(`createPlan failed: ${JSON.stringify(created.errors)}`);
  return `plan/${created.data.createPlan.id}`;
}
