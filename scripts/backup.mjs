// `npm run backup [-- --out <dir>]`: a consistent copy of Koers' embedded
// database, taken while the server runs. The embedded-db launcher copies each
// SQLite database with VACUUM INTO (one read transaction: a snapshot, even with
// writers busy) and checks the copy; this script writes manifest.json (time,
// Koers version, size and sha256 of each file) next to the copies.
// Default destination: backups/<UTC timestamp>/. Restore with `npm run restore`.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function say(message) {
  process.stdout.write(`\x1b[1m›\x1b[0m ${message}\n`);
}

export function fail(message, code = 1) {
  process.stderr.write(`✖ ${message}\n`);
  process.exit(code);
}

/** Where the server keeps its data: the same rules as server/config.ts. */
export function dataPaths(env = process.env) {
  const dataDir = path.resolve(env.KOERS_DATA_DIR || ".data");
  return {
    dataDir,
    dbDir: path.join(dataDir, "db"),
    binDir: path.resolve(env.KOERS_BIN_DIR || path.join(".data", "bin")),
  };
}

export function koersVersion() {
  return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
}

/** The launcher binary, built with the local Go toolchain when no cached build matches. */
export async function dbBinary(binDir) {
  const { tsImport } = await import("tsx/esm/api");
  const { ensureDbBinary } = await tsImport(
    pathToFileURL(path.join(root, "server/db/embedded.ts")).href,
    import.meta.url,
  );
  const log = { info: (fields, message) => say(message ?? String(fields)) };
  return ensureDbBinary(binDir, log);
}

export function sha256(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    fs.createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

export function sqliteFiles(dir) {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".sqlite")) : [];
}

export const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function option(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main() {
  if (process.env.MONGODB_URI)
    fail("Koers uses MONGODB_URI, not the embedded database: back that server up with mongodump.");
  const { dbDir, binDir } = dataPaths();
  if (sqliteFiles(dbDir).length === 0) fail(`no embedded database in ${dbDir}`);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const dest = path.resolve(option("out") ?? path.join(root, "backups", stamp));
  if (fs.existsSync(dest)) fail(`${dest} exists already`);
  const partial = `${dest}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dest), { recursive: true });

  const binary = await dbBinary(binDir);
  const createdAt = new Date();
  const started = Date.now();
  say(`Backing up ${dbDir} → ${dest}`);
  const databases = [];
  const code = await new Promise((resolve, reject) => {
    const child = spawn(binary, ["-data", dbDir, "-backup", partial], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      const entry = JSON.parse(line);
      databases.push(entry);
      say(
        `${entry.file}: ${mb(entry.bytes)}, integrity ${entry.integrity}, ` +
          `sha256 ${entry.sha256.slice(0, 12)}…, ${(entry.ms / 1000).toFixed(1)} s`,
      );
    });
    child.on("error", reject);
    child.on("exit", resolve);
  });
  if (code !== 0) {
    fs.rmSync(partial, { recursive: true, force: true });
    fail(`the backup failed (exit ${code}); nothing was written to ${dest}`);
  }
  const manifest = {
    format: 1,
    koersVersion: koersVersion(),
    createdAt: createdAt.toISOString(),
    finishedAt: new Date().toISOString(),
    source: dbDir,
    method: "SQLite VACUUM INTO per database (a consistent snapshot while the server writes)",
    databases,
    // Koers keeps everything in its database (imports are parsed, not stored as files).
    files: [],
    note: "Koers keeps no files outside the database: the databases above are all its data.",
  };
  fs.writeFileSync(path.join(partial, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  // Only a complete backup gets the final name.
  fs.renameSync(partial, dest);
  const total = databases.reduce((sum, d) => sum + d.bytes, 0);
  say(
    `Backup complete: ${databases.length} database(s), ${mb(total)} in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s → ${dest}`,
  );
  const shown = path.relative(process.cwd(), dest);
  say(`Restore it with: npm run restore -- ${shown.startsWith("..") ? dest : shown}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => fail(error.stack ?? String(error)));
}
