import { gql } from "../harness";
import type { TestServer } from "../harness";

/** A new plan of the cookie's first planning unit; returns its realtime document name. */
export function createPlanDoc(server: TestServer, cookie: string, title: string): Promise<string> {
  return createPlanDocAt(server.url, cookie, title);
}

/** The same against any running Koers (e.g. one spawned as its own process). */
export async function createPlanDocAt(url: string, cookie: string, title: string): Promise<string> {
  const me = await gql<{ viewer: { planningUnits: { id: string }[] } }>(
    url,
    "{ viewer { planningUnits { id } } }",
    {},
    { cookie },
  );
  const orgUnitId = me.data!.viewer.planningUnits[0]!.id;
  const created = await gql<{ createPlan: { id: string } }>(
    url,
    `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`,
    {
      input: { kind: "operational_plan", title, orgUnitId, periodStart: 2026, periodEnd: 2026 },
    },
    { cookie },
  );
  if (!created.data) throw new Error(`createPlan failed: ${JSON.stringify(created.errors)}`);
  return `plan/${created.data.createPlan.id}`;
}
