import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gql, login } from "../harness";
import { Q } from "../planning";
import { spawnKoers, type KoersProcess } from "../processes";

/**
 * A PDCA close writes three records without a transaction (the frozen scoreboard, the
 * cycle, the audit entry). The process group is killed -9 at each step in turn
 * (server/faults.ts crashPoint); after a restart the close is either not done at all
 * or complete — cycle closed, one snapshot, exactly one audit entry — never half.
 */

const STEPS = [
  "cycle.close:before-snapshot",
  "cycle.close:after-snapshot",
  "cycle.close:after-cycle",
] as const;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function call<T>(
  koers: KoersProcess,
  cookie: string,
  query: string,
  variables: Record<string, unknown> = {},
  locale?: string,
): Promise<T> {
  const result = await gql<Record<string, T>>(koers.url, query, variables, { cookie, locale });
  if (result.errors) throw new Error(`${query.slice(0, 50)}: ${JSON.stringify(result.errors)}`);
  return Object.values(result.data!)[0]!;
}

/** A plan with one measurement point whose quarter is in Act, every point assessed. */
async function cycleReadyToClose(koers: KoersProcess, cookie: string) {
  const me = await call<{ planningUnits: { id: string; code: string }[] }>(
    koers,
    cookie,
    "{ viewer { planningUnits { id code } } }",
  );
  const orgUnitId = me.planningUnits.find((u) => u.code === "DIR")!.id;
  const plan = await call<{ id: string }>(koers, cookie, Q.createPlan, {
    input: {
      kind: "mandate_objectives",
      title: "Crashplan",
      orgUnitId,
      periodStart: 2026,
      periodEnd: 2028,
    },
  });
  const objective = await call<{ id: string }>(koers, cookie, Q.createObjective, {
    input: { planId: plan.id, kind: "strategic_objective", code: "SD 1", title: "Doel" },
  });
  const point = await call<{ id: string }>(koers, cookie, Q.createPoint, {
    input: { objectiveId: objective.id, code: "1", title: "Wachttijd verkorten" },
  });
  await call(koers, cookie, Q.setTranslation, {
    input: {
      entity: "measurement_point",
      id: point.id,
      field: "title",
      locale: "fr",
      text: "Réduire le temps d'attente",
      state: "approved",
    },
  });
  let cycle = await call<{ id: string; version: number }>(koers, cookie, Q.openCycle, {
    planId: plan.id,
    period: "2026-Q2",
  });
  for (let i = 0; i < 3; i++)
    cycle = await call(koers, cookie, Q.advance, { id: cycle.id, version: cycle.version });
  await call(koers, cookie, Q.assess, {
    input: {
      cycleId: cycle.id,
      measurementPointId: point.id,
      status: "at_risk",
      comment: "Te traag",
    },
  });
  const current = await call<{ id: string; version: number }>(
    koers,
    cookie,
    `query($p: ID!) { cycle(planId: $p, period: "2026-Q2") { id version } }`,
    { p: plan.id },
  );
  return { planId: plan.id, cycleId: current.id, version: current.version };
}

describe("a PDCA close killed at each step", () => {
  for (const step of STEPS) {
    it(`is complete or not done after kill -9 at ${step}`, async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koers-crash-"));
      dirs.push(dataDir);
      let koers = await spawnKoers(dataDir, { KOERS_CRASH_AT: step });
      let cookie = await login(koers.url, "director@koers.demo");
      const { planId, cycleId, version } = await cycleReadyToClose(koers, cookie);

      // The close never answers: the whole process group dies at the step.
      const attempt = await gql(koers.url, Q.close, { id: cycleId, version }, { cookie }).catch(
        (error: Error) => error,
      );
      expect(attempt).toBeInstanceOf(Error);
      await koers.stop();

      koers = await spawnKoers(dataDir);
      try {
        cookie = await login(koers.url, "director@koers.demo");
        const readCycle = () =>
          call<{ phase: string; version: number }>(
            koers,
            cookie,
            `query($p: ID!) { cycle(planId: $p, period: "2026-Q2") { phase version } }`,
            { p: planId },
          );
        let cycle = await readCycle();
        if (step === "cycle.close:before-snapshot") {
          // Nothing was written: the quarter is still in Act and can be closed now.
          expect(cycle.phase).toBe("act");
          await call(koers, cookie, Q.close, { id: cycleId, version: cycle.version });
          cycle = await readCycle();
        }
        expect(cycle.phase).toBe("closed");

        const audit = await call<{ nodes: { action: string }[] }>(
          koers,
          cookie,
          `query($p: ID!) { auditTrail(planId: $p, first: 100) { nodes { action } } }`,
          { p: planId },
        );
        expect(audit.nodes.filter((e) => e.action === "cycle.close")).toHaveLength(1);

        // The frozen scoreboard is there, in each reader's language.
        const board = (locale: string) =>
          call<{ frozen: boolean; rows: { title: string; status: string }[] }>(
            koers,
            cookie,
            `query($p: ID!) { scoreboard(planId: $p, period: "2026-Q2") { frozen rows { title status } } }`,
            { p: planId },
            locale,
          );
        const [nl, fr] = await Promise.all([board("nl"), board("fr")]);
        expect(nl).toMatchObject({
          frozen: true,
          rows: [{ title: "Wachttijd verkorten", status: "at_risk" }],
        });
        expect(fr).toMatchObject({
          frozen: true,
          rows: [{ title: "Réduire le temps d'attente", status: "at_risk" }],
        });
      } finally {
        await koers.stop();
      }
    }, 180_000);
  }
});
