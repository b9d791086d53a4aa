// Set-up shared by `npm start` and `npm test`. Plain Node, no dependencies:
// it runs before node_modules exists.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function step(message) {
  process.stdout.write(`\x1b[1m›\x1b[0m ${message}\n`);
}

/** Runs a command in the project root, inheriting output; exits when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) {
    process.stderr.write(`${command} could not run: ${result.error.message}\n`);
    process.exit(1);
  }
  if (result.status !== 0) {
    process.stderr.write(`\n✖ ${[command, ...args].join(" ")} failed (exit ${result.status})\n`);
    process.exit(result.status ?? 1);
  }
}

function hashFiles(paths) {
  const hash = createHash("sha256");
  const walk = (p) => {
    const full = path.join(root, p);
    if (!fs.existsSync(full)) return;
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(full).sort()) walk(path.join(p, entry));
    } else {
      hash.update(p).update(fs.readFileSync(full));
    }
  };
  paths.forEach(walk);
  return hash.digest("hex");
}

/** Installs dependencies when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  const marker = path.join(root, "node_modules", ".koers-lock-hash");
  const want = hashFiles(["package-lock.json"]);
  if (fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === want) return;
  step("Installing dependencies (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
  fs.writeFileSync(marker, want);
}

/** Builds the web client when its sources changed since the last build. */
export function ensureClientBuilt({ force = false } = {}) {
  const marker = path.join(root, "dist", "client", ".koers-build-hash");
  const want = hashFiles(["client", "shared", "vite.config.ts", "package-lock.json"]);
  if (!force && fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === want) return;
  step("Building the web client…");
  run(process.execPath, [
    path.join(root, "node_modules", "vite", "bin", "vite.js"),
    "build",
    "--logLevel",
    "warn",
  ]);
  fs.writeFileSync(marker, want);
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's Chromium for the browser tests: installed when missing and we are root. */
export function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    process.stderr.write(
      `✖ Chromium is needed for the browser tests and is not at ${CHROMIUM}.\n` +
        "  Install Debian's package as root (apt-get install chromium) or set CHROMIUM_PATH.\n",
    );
    process.exit(1);
  }
  step("Installing Debian's chromium for the browser tests…");
  run("apt-get", ["update", "-qq"]);
  run(
    "apt-get",
    ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"],
    {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    },
  );
}
