import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * `npm run bench [-- name …]`: imports every `bench/*.bench.ts` (or only those
 * whose file name contains one of the given names) and awaits its `run()`,
 * one after the other, so benchmarks never compete for the two cores.
 */
interface BenchModule {
  run(): Promise<void>;
}

const only = process.argv.slice(2);
const files = fs
  .readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((name) => f.includes(name)))
  .sort();

if (files.length === 0) {
  process.stderr.write(`no bench/*.bench.ts matches ${only.join(", ") || "(all)"}\n`);
  process.exit(1);
}

let failed = 0;
for (const file of files) {
  const started = Date.now();
  process.stdout.write(`\n=== ${file} ===\n`);
  try {
    const module = (await import(pathToFileURL(path.join(import.meta.dirname, file)).href)) as
      Partial<BenchModule> | undefined;
    if (typeof module?.run !== "function") throw new Error(`${file} exports no run()`);
    await module.run();
  } catch (error) {
    failed++;
    process.stderr.write(`${file} failed: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.stdout.write(`=== ${file}: ${((Date.now() - started) / 1000).toFixed(1)} s ===\n`);
}
// Benchmarks may leave handles (database children, timers) behind on failure.
process.exit(failed ? 1 : 0);
