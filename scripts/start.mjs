// `npm start`: does whatever set-up is missing, then runs Koers.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureClientBuilt, ensureDependencies, root, step } from "./setup.mjs";

const dev = process.argv.includes("--dev");
ensureDependencies();
ensureClientBuilt();
step("Starting Koers…");

const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server", "main.ts")], {
  cwd: root,
  stdio: "inherit",
  env: { NODE_ENV: dev ? "development" : "production", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
