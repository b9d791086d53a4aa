// `npm test`: set-up, then typecheck, lint, and every test (unit, integration,
// realtime, browser) against the real embedded database.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  ensureChromium,
  ensureClientBuilt,
  ensureDependencies,
  root,
  run,
  step,
} from "./setup.mjs";

const bin = (name) => path.join(root, "node_modules", ".bin", name);

ensureDependencies();
ensureChromium();

step("Checking that generated GraphQL types match schema/ (codegen)…");
const generated = [
  "server/graphql/generated.ts",
  ...fs.readdirSync(path.join(root, "client/gql")).map((f) => `client/gql/${f}`),
];
const read = () =>
  generated.map((f) =>
    fs.existsSync(path.join(root, f)) ? fs.readFileSync(path.join(root, f), "utf8") : "",
  );
const before = read();
run(bin("graphql-codegen"), ["--config", "codegen.ts", "--silent"]);
const changed = generated.filter((_, i) => read()[i] !== before[i]);
if (changed.length) {
  process.stderr.write(
    `✖ Generated files were out of date (now regenerated; commit them):\n  ${changed.join("\n  ")}\n`,
  );
  process.exit(1);
}

step("Typecheck…");
run(bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]);
step("Lint…");
run(bin("eslint"), ["."]);
run(bin("prettier"), ["--check", ".", "--log-level", "warn"]);

ensureClientBuilt();
step("Tests (vitest)…");
const report = path.join(root, "test-results", "vitest.json");
fs.rmSync(report, { force: true });
const vitest = spawnSync(
  bin("vitest"),
  [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: "inherit", env: { ...process.env, FORCE_COLOR: process.env.CI ? "0" : "1" } },
);
// One plain closing line that any CI can read.
if (fs.existsSync(report)) {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(
    fs.readFileSync(report, "utf8"),
  );
  process.stdout.write(
    `\nTests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped\n`,
  );
}
process.exit(vitest.status ?? 1);
