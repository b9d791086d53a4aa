import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gql, login } from "../harness";
import { spawnKoers } from "../processes";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koers-restart-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const CREATE = `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`;

describe("Koers as a process with its embedded database", () => {
  it("keeps a plan created through GraphQL after a stop and a start, and after kill -9 of the process group", async () => {
    let koers = await spawnKoers(dataDir);
    const health = await fetch(`${koers.url}/healthz`).then((r) => r.json());
    expect(health).toEqual({ status: "ok", db: "up" });
    let cookie = await login(koers.url, "director@koers.demo");
    const me = await gql<{ viewer: { planningUnits: { id: string }[] } }>(
      koers.url,
      "{ viewer { planningUnits { id } } }",
      {},
      { cookie },
    );
    const orgUnitId = me.data!.viewer.planningUnits[0]!.id;
    const input = {
      kind: "operational_plan",
      title: "POP 2026",
      orgUnitId,
      periodStart: 2026,
      periodEnd: 2026,
    };
    const created = await gql<{ createPlan: { id: string } }>(
      koers.url,
      CREATE,
      { input },
      { cookie },
    );
    const id = created.data!.createPlan.id;

    expect(await koers.stop()).toBe(0);
    koers = await spawnKoers(dataDir);
    cookie = await login(koers.url, "director@koers.demo");
    const again = await gql<{ plan: { title: { text: string } } }>(
      koers.url,
      "query($id: ID!) { plan(id: $id) { title { text } } }",
      { id },
      { cookie },
    );
    expect(again.data?.plan.title.text).toBe("POP 2026");
    // Demo data is loaded on the first start only.
    const plans = await gql<{ plans: { nodes: unknown[] } }>(
      koers.url,
      "{ plans { nodes { id } } }",
      {},
      { cookie },
    );
    expect(plans.data!.plans.nodes).toHaveLength(2);

    // An acknowledged mutation survives kill -9 of server and database together.
    const acked = await gql<{ createPlan: { id: string } }>(
      koers.url,
      CREATE,
      { input: { ...input, title: "Na de crash" } },
      { cookie },
    );
    await koers.killGroup();
    koers = await spawnKoers(dataDir);
    cookie = await login(koers.url, "director@koers.demo");
    const survived = await gql<{ plan: { title: { text: string } } }>(
      koers.url,
      "query($id: ID!) { plan(id: $id) { title { text } } }",
      { id: acked.data!.createPlan.id },
      { cookie },
    );
    expect(survived.data?.plan.title.text).toBe("Na de crash");
    await koers.stop();
  });
});
