import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

export interface KoersProcess {
  url: string;
  child: ChildProcess;
  output: string[];
  /** SIGTERM and wait (a clean stop). */
  stop(): Promise<number | null>;
  /** SIGKILL of the whole process group: server and embedded database. */
  killGroup(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "..");

/**
 * Runs Koers as `npm start` does (node + tsx, embedded database under dataDir)
 * in a process group of its own, so a test can kill -9 all of it.
 */
export async function spawnKoers(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<KoersProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      LOG_LEVEL: "warn",
      KOERS_DATA_DIR: dataDir,
      KOERS_BIN_DIR: path.join(root, ".data/bin"),
      MONGODB_URI: "",
      ...env,
    },
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  readline.createInterface({ input: child.stderr! }).on("line", (l) => output.push(l));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Koers did not start: ${output.join("\n")}`)),
      60_000,
    );
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      output.push(line);
      const match = /Koers is running at (\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`Koers exited (${code}): ${output.join("\n")}`)));
  });
  return {
    url,
    child,
    output,
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
    async killGroup() {
      process.kill(-child.pid!, "SIGKILL");
      await exited;
    },
  };
}
