import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchColdLoad } from "./lib/coldLoad";
import type { ScenarioRequest, ScenarioResult } from "./lib/loadClients";
import { startBenchKoers, startReference, type BenchKoers } from "./lib/servers";
import { fmt, mib, percentile, table } from "./lib/stats";

/**
 * Realtime benchmark (issue 5, reliability-anchors.md M5):
 * 1. Update propagation latency between clients of one document, Koers (which
 *    stores every update before relaying it) against @y/websocket-server 0.1.1
 *    (relays at once, stores nothing), both in this process and measured in
 *    one run, rounds interleaved (A, B / B, A). Clients run in a child process.
 *    Percentiles and ratios are over the samples of all rounds together; each
 *    round's own figures are printed as it ends, to show the spread.
 * 2. Server memory: the peak RSS growth of this process while a scenario runs
 *    (both servers share this process and run one at a time), and the RSS of
 *    the embedded database process at the end.
 * 3. Cold load of a document with 1k, 10k and 100k stored updates, with and
 *    without compaction.
 *
 * BENCH_QUICK=1 runs one round with fewer updates and skips 100k.
 */
const quick = process.env.BENCH_QUICK === "1";
const ROUNDS = quick ? 1 : 2;

interface Scenario {
  label: string;
  docs: number;
  clientsPerDoc: number;
  updates: number;
  intervalMs: number;
}

const SCENARIOS: Scenario[] = [
  { label: "1 doc × 2 clients", docs: 1, clientsPerDoc: 2, updates: 200, intervalMs: 20 },
  { label: "1 doc × 20 clients", docs: 1, clientsPerDoc: 20, updates: 120, intervalMs: 25 },
  { label: "1 doc × 100 clients", docs: 1, clientsPerDoc: 100, updates: 60, intervalMs: 40 },
  // 250 updates/s in all, the load of reliability-anchors.md M1 (5 clients × 1 edit/s).
  { label: "50 docs × 5 clients", docs: 50, clientsPerDoc: 5, updates: 30, intervalMs: 200 },
].map((s) => (quick ? { ...s, updates: Math.ceil(s.updates / 3) } : s));

type ServerKind = "koers" | "reference";

interface Measurement {
  samples: number[];
  connectMs: number;
  missing: number;
  peakRssGrowth: number;
}

class LoadGenerator {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly waiting = new Map<number, (result: ScenarioResult) => void>();

  constructor() {
    this.child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "lib/loadClients.ts")],
      { stdio: ["ignore", "inherit", "inherit", "ipc"] },
    );
    this.child.on("message", (result: ScenarioResult) => {
      this.waiting.get(result.id)?.(result);
      this.waiting.delete(result.id);
    });
  }

  run(request: Omit<ScenarioRequest, "id">): Promise<ScenarioResult> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...request, id });
    });
  }

  stop(): void {
    this.child.disconnect();
  }
}

async function measure(
  clients: LoadGenerator,
  request: Omit<ScenarioRequest, "id">,
): Promise<Measurement> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await clients.run(request);
    if (result.error) throw new Error(result.error);
    return {
      samples: result.samples,
      connectMs: result.connectMs,
      missing: result.missing,
      peakRssGrowth: peak - before,
    };
  } finally {
    clearInterval(sampler);
  }
}

function rssOf(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) * 1024;
  } catch {
    return NaN;
  }
}

async function benchLatency(koers: BenchKoers, referenceUrl: string): Promise<string> {
  const clients = new LoadGenerator();
  const koersDocs = await Promise.all(
    SCENARIOS.map((s, i) => koers.createDocs(s.docs, `Bench ${i}`)),
  );
  const results = SCENARIOS.map(() => ({
    koers: [] as Measurement[],
    reference: [] as Measurement[],
  }));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, scenario] of SCENARIOS.entries()) {
        const order: ServerKind[] =
          round % 2 === 0 ? ["koers", "reference"] : ["reference", "koers"];
        for (const kind of order) {
          const common = {
            clientsPerDoc: scenario.clientsPerDoc,
            updatesPerWriter: scenario.updates,
            intervalMs: scenario.intervalMs,
          };
          const measurement =
            kind === "koers"
              ? await measure(clients, {
                  ...common,
                  serverUrl: `${koers.running.url.replace(/^http/, "ws")}/yjs`,
                  cookie: koers.cookie,
                  docs: koersDocs[i]!,
                })
              : await measure(clients, {
                  ...common,
                  serverUrl: referenceUrl,
                  docs: koersDocs[i]!.map((d) => `reference/${d}`),
                });
          results[i]![kind].push(measurement);
          process.stdout.write(
            `  round ${round + 1}, ${scenario.label}, ${kind}: p50 ${fmt(percentile(measurement.samples, 50))} ms, p99 ${fmt(percentile(measurement.samples, 99))} ms (connect ${fmt(measurement.connectMs, 0)} ms)\n`,
          );
        }
      }
    }
  } finally {
    clients.stop();
  }
  const rows = SCENARIOS.map((scenario, i) => {
    const { koers: k, reference: r } = results[i]!;
    const pooled = (ms: Measurement[]) => ms.flatMap((m) => m.samples);
    const ratio = (p: number) => percentile(pooled(k), p) / percentile(pooled(r), p);
    const growth = (ms: Measurement[]) => mib(Math.max(...ms.map((m) => m.peakRssGrowth)));
    return [
      scenario.label,
      fmt(percentile(pooled(k), 50)),
      fmt(percentile(pooled(r), 50)),
      `${fmt(ratio(50), 1)}×`,
      fmt(percentile(pooled(k), 99)),
      fmt(percentile(pooled(r), 99)),
      `${fmt(ratio(99), 1)}×`,
      String(pooled(k).length),
      `${k.reduce((n, m) => n + m.missing, 0)}/${r.reduce((n, m) => n + m.missing, 0)}`,
      growth(k),
      growth(r),
    ];
  });
  return table(
    [
      "scenario",
      "Koers p50",
      "ref p50",
      "ratio",
      "Koers p99",
      "ref p99",
      "ratio",
      "deliveries",
      "missing K/R",
      "ΔRSS K MiB",
      "ΔRSS R MiB",
    ],
    rows,
  );
}

export async function run(): Promise<void> {
  const started = Date.now();
  const koers = await startBenchKoers({ YJS_UNLOAD_AFTER_MS: "1000" });
  const reference = await startReference();
  try {
    process.stdout.write(
      `Realtime benchmark${quick ? " (BENCH_QUICK)" : ""}: ${ROUNDS} round(s), node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}\n`,
    );
    const latency = await benchLatency(koers, reference.url);
    const rss = process.memoryUsage().rss;
    process.stdout.write("Cold load (loadDoc + apply to a fresh Y.Doc; median of 3, 1 for 100k)\n");
    const cold = await benchColdLoad(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]);

    process.stdout.write(
      "\nUpdate propagation latency, ms per delivery (writer's send → a receiver has applied it)\n",
    );
    process.stdout.write(`${latency}\n`);
    process.stdout.write(
      `Server process RSS after the latency runs: ${mib(rss)} MiB (Koers and the reference together); embedded database RSS: ${mib(rssOf(koers.db.child.pid))} MiB\n`,
    );
    process.stdout.write("\nCold load of a document by number of stored updates\n");
    process.stdout.write(`${cold}\n`);
    process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  } finally {
    await reference.stop();
    await koers.stop();
  }
}
