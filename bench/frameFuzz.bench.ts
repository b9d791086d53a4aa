import { monitorEventLoopDelay } from "node:perf_hooks";
import { percentile, runFrameFuzz } from "../test/trust/frameFuzzer";
import { startBenchKoers } from "./lib/servers";
import { fmt, table } from "./lib/stats";

/**
 * F1 (reliability-anchors.md): 10,000 mutated Yjs frames from an authorized
 * writer at 1,000 frames/s, while three WebsocketProvider clients type into
 * another document. Their propagation latency (until both others see an edit)
 * against a reference run of the same length with no fuzzing, as a ratio; plus
 * the server's event-loop delay. Target: p99 < 250 ms, loop delay < 1 s.
 * FUZZ_FRAMES and FUZZ_SEED change the run; BENCH_QUICK=1 sends 2,000 frames.
 */
export async function run(): Promise<void> {
  const frames = Number(
    process.env.FUZZ_FRAMES ?? (process.env.BENCH_QUICK === "1" ? 2000 : 10_000),
  );
  const seed = Number(process.env.FUZZ_SEED ?? 687);
  const framesPerSecond = 1000;
  const koers = await startBenchKoers();
  process.stdout.write(
    `Koers up; reference run of ${frames / framesPerSecond} s, then ${frames} frames\n`,
  );
  try {
    const [refFuzzDoc, refTypingDoc, fuzzDoc, typingDoc] = await koers.createDocs(4, "Fuzz");
    const common = { url: koers.running.url, cookie: koers.cookie, seed };

    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const reference = await runFrameFuzz({
      ...common,
      fuzzDoc: refFuzzDoc!,
      typingDoc: refTypingDoc!,
      frames: 0,
      framesPerSecond: 0,
      durationMs: (frames / framesPerSecond) * 1000,
    });
    loop.disable();
    const referenceLoopMax = loop.max / 1e6;
    for (const c of [...reference.typists, reference.observer]) c.destroy();
    process.stdout.write(`reference done: ${reference.latenciesMs.length} edits\n`);

    loop.reset();
    loop.enable();
    const fuzzed = await runFrameFuzz({
      ...common,
      fuzzDoc: fuzzDoc!,
      typingDoc: typingDoc!,
      frames,
      framesPerSecond,
    });
    loop.disable();
    const fuzzedLoopMax = loop.max / 1e6;
    for (const c of [...fuzzed.typists, fuzzed.observer]) c.destroy();
    const healthy = (await fetch(`${koers.running.url}/healthz`)).status === 200;

    const row = (label: string, r: typeof reference, loopMax: number) => [
      label,
      String(r.latenciesMs.length),
      fmt(percentile(r.latenciesMs, 50), 1),
      fmt(percentile(r.latenciesMs, 99), 1),
      fmt(Math.max(...r.latenciesMs), 1),
      fmt(loopMax, 1),
    ];
    process.stdout.write(
      table(
        ["run", "edits", "p50 ms", "p99 ms", "max ms", "loop delay max ms"],
        [
          row("reference (no fuzzing)", reference, referenceLoopMax),
          row(`${fuzzed.sent} fuzzed frames`, fuzzed, fuzzedLoopMax),
        ],
      ) + "\n",
    );
    const p99 = percentile(fuzzed.latenciesMs, 99);
    const ratio = p99 / percentile(reference.latenciesMs, 99);
    process.stdout.write(
      `seed ${seed}; fuzzer reconnects ${fuzzed.reconnects}; closes ` +
        `${JSON.stringify(Object.fromEntries(fuzzed.closeCodes))}; healthz ${healthy ? "200" : "down"}\n` +
        `p99 under fuzzing ${fmt(p99, 1)} ms (target < 250), ${fmt(ratio, 2)}× the reference; ` +
        `event-loop delay max ${fmt(fuzzedLoopMax, 0)} ms (target < 1000)\n`,
    );
  } finally {
    await koers.stop();
  }
}
