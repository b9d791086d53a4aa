// `npm run test:long`: the long forms of the trust tests (issue #10), which
// `npm test` runs in short form. Takes about 15 minutes on 2 cores.
//   - 50 kill -9 trials instead of 10 (test/realtime/durability.test.ts)
//   - 10,000 connect/disconnect cycles instead of 1,000 (test/trust/memory.test.ts)
//   - 10,000 fuzzed Yjs frames instead of 2,000 (test/trust/frameFuzz.test.ts)
//   - 4,000 malformed GraphQL requests instead of 2,000 (test/trust/abuse.test.ts)
// Any variable already set wins, e.g. DURABILITY_TRIALS=100 npm run test:long.
// The memory soak is `npm run soak`; latencies under the frame fuzzer are `npm run bench -- frameFuzz`.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureDependencies, root, step } from "./setup.mjs";

const LONG_FORMS = {
  DURABILITY_TRIALS: "50",
  MEMORY_CYCLES: "10000",
  FUZZ_FRAMES: "10000",
  ABUSE_REQUESTS: "4000",
};
const FILES = [
  "test/realtime/durability.test.ts",
  "test/trust/memory.test.ts",
  "test/trust/frameFuzz.test.ts",
  "test/trust/abuse.test.ts",
];

ensureDependencies();
step(
  `Long forms: ${Object.entries(LONG_FORMS)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ")}`,
);
const result = spawnSync(
  path.join(root, "node_modules", ".bin", "vitest"),
  ["run", "--testTimeout=3600000", ...FILES, ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit", env: { ...LONG_FORMS, ...process.env } },
);
process.exit(result.status ?? 1);
