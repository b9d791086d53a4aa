import { spawn, execFile, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import type { Logger } from "../logger";

/**
 * The embedded database: FerretDB v1 (MongoDB wire protocol on SQLite) inside a
 * small Go launcher (server/embedded-db). We build it ourselves with the local Go
 * toolchain and cache the binary under a hash of everything that shapes it, so a
 * second start never rebuilds.
 */
const execFileAsync = promisify(execFile);
const launcherDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../embedded-db");
const launcherInputs = ["main.go", "go.mod", "go.sum"];

async function computeBuildKey(): Promise<string> {
  const hash = createHash("sha256");
  for (const file of launcherInputs) {
    hash.update(file).update(fs.readFileSync(path.join(launcherDir, file)));
  }
  const { stdout } = await execFileAsync("go", ["version"], { env: goEnv() });
  hash.update(stdout.trim());
  return hash.digest("hex").slice(0, 16);
}

function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: "local", CGO_ENABLED: "0", GOFLAGS: "-mod=readonly" };
}

/** Returns the path of the launcher binary, building it first when no cached one matches. */
export async function ensureDbBinary(binDir: string, log: Logger): Promise<string> {
  let key: string;
  try {
    key = await computeBuildKey();
  } catch (error) {
    throw new Error(
      "Go is needed to build the embedded database (Go 1.24 or later on PATH), or set MONGODB_URI to use a MongoDB server.",
      { cause: error },
    );
  }
  const binary = path.join(binDir, `koers-db-${key}`);
  if (fs.existsSync(binary)) return binary;

  fs.mkdirSync(binDir, { recursive: true });
  const partial = `${binary}.partial-${process.pid}`;
  log.info({ binary }, "building the embedded database (first start only; a few minutes)");
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      "go",
      ["build", "-trimpath", "-buildvcs=false", "-ldflags", "-s -w", "-o", partial, "."],
      { cwd: launcherDir, env: goEnv(), stdio: ["ignore", "inherit", "inherit"] },
    );
    const ticker = setInterval(
      () =>
        log.info(
          { seconds: Math.round((Date.now() - started) / 1000) },
          "still building the embedded database",
        ),
      20_000,
    );
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(ticker);
      if (code === 0) resolve();
      else reject(new Error(`go build of the embedded database failed with exit code ${code}`));
    });
  });
  // Rename is atomic: a concurrent start never runs a half-written binary.
  fs.renameSync(partial, binary);
  log.info({ seconds: Math.round((Date.now() - started) / 1000) }, "embedded database built");
  return binary;
}

export interface EmbeddedDb {
  uri: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts the launcher and resolves with its MongoDB URI once it listens. */
export async function startEmbeddedDb(options: {
  binary: string;
  dataDir: string;
  port: number;
  log: Logger;
}): Promise<EmbeddedDb> {
  const dbDir = path.join(options.dataDir, "db");
  fs.mkdirSync(dbDir, { recursive: true, mode: 0o700 });
  // stdin stays a pipe: the launcher exits when it reaches EOF, so it never
  // outlives this process, even after kill -9.
  // FerretDB logs every failed command at warn (even the driver's endSessions): errors only.
  const child = spawn(
    options.binary,
    ["-data", dbDir, "-port", String(options.port), "-log-level", "error"],
    {
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const stderrTail: string[] = [];
  readline.createInterface({ input: child.stderr! }).on("line", (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
    options.log.warn({ db: line }, "embedded database");
  });

  const uri = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(
      () => reject(new Error("the embedded database did not start within 30 s")),
      30_000,
    );
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(
        new Error(`the embedded database exited with code ${code}: ${stderrTail.join(" | ")}`),
      );
    });
  });

  return {
    uri,
    child,
    exited,
    async stop() {
      if (child.exitCode !== null) return;
      child.stdin?.end();
      child.kill("SIGTERM");
      const timeout = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
