/**
 * Scoreboard of a large plan (5 objectives × 8 measurement points × 12 quarterly
 * measurements × 20 actions per point): latency and database round trips per
 * request, with the request's batched loaders (what the API uses) against a
 * naive source that reads per point and per indicator, in the same process on
 * the same embedded database.
 */
import { buildLargePlan } from "./lib/largePlan";
import { startBenchKoers } from "./lib/servers";
import { countRoundTrips } from "../server/db/connection";
import { getPlan } from "../server/modules/plans";
import {
  buildScoreboard,
  createBatchedSource,
  createNaiveSource,
  type PlanSource,
} from "../server/modules/cycles";

const quick = process.env.BENCH_QUICK === "1";
const SIZE = quick
  ? { objectives: 2, points: 4, measurements: 4, actions: 5, runs: 10, naiveRuns: 3 }
  : { objectives: 5, points: 8, measurements: 12, actions: 20, runs: 30, naiveRuns: 5 };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(
  label: string,
  runs: number,
  makeSource: () => PlanSource,
  run: (source: PlanSource) => Promise<unknown>,
) {
  const times: number[] = [];
  let trips = 0;
  await run(makeSource()); // warm-up
  for (let i = 0; i < runs; i++) {
    const before = countRoundTrips();
    const started = performance.now();
    await run(makeSource());
    times.push(performance.now() - started);
    trips = countRoundTrips() - before;
  }
  times.sort((a, b) => a - b);
  return { label, runs, p50: percentile(times, 50), p95: percentile(times, 95), trips };
}

export async function run(): Promise<void> {
  const bench = await startBenchKoers({ KOERS_DB_NAME: "bench_scoreboard" });

  try {
    process.stdout.write(
      `\nScoreboard bench: building ${SIZE.objectives}×${SIZE.points} points, ${SIZE.measurements} measurements and ${SIZE.actions} actions each…\n`,
    );
    const { actor, planId, quarters } = await buildLargePlan(SIZE);
    const full = await getPlan(actor, planId);
    const period = quarters.at(-1)!;
    const board = (source: PlanSource) => buildScoreboard(source, full, period, null, "nl");
    const batched = await measure(
      "batched (DataLoader, as served)",
      SIZE.runs,
      createBatchedSource,
      board,
    );
    // Fewer runs: every naive request scans the measurement and action collections once per point.
    const naive = await measure(
      "naive (per point and indicator)",
      SIZE.naiveRuns,
      createNaiveSource,
      board,
    );
    const rows = (await board(createBatchedSource())).rows.length;
    const line = (r: typeof batched) =>
      `  ${r.label.padEnd(34)} ${String(r.runs).padStart(3)} runs  p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   round trips ${String(r.trips).padStart(4)}`;
    process.stdout.write(
      [
        `Scoreboard of ${rows} rows for ${period}:`,
        line(batched),
        line(naive),
        `  ratio batched/naive: p50 ${(batched.p50 / naive.p50).toFixed(2)}   p95 ${(batched.p95 / naive.p95).toFixed(2)}   round trips ${(batched.trips / naive.trips).toFixed(3)}`,
        "",
      ].join("\n"),
    );
  } finally {
    await bench.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
