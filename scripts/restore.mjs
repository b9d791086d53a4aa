// `npm run restore -- <backup dir>`: puts a backup made by `npm run backup` in
// place of the embedded database. Refuses while a server uses the data
// directory (the launcher holds a lock on it), verifies every checksum of the
// manifest before touching anything, and keeps the current database aside as
// <data dir>/db.before-restore-<timestamp>. Works on a fresh clone (no .data yet).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { dataPaths, dbBinary, fail, koersVersion, mb, say, sha256 } from "./backup.mjs";

async function verify(dir, manifest) {
  for (const entry of manifest.databases) {
    const file = path.join(dir, entry.file);
    if (!fs.existsSync(file)) fail(`${file} is missing`);
    const size = fs.statSync(file).size;
    const sum = await sha256(file);
    if (size !== entry.bytes || sum !== entry.sha256)
      fail(`${file} does not match the manifest (size or sha256 differs): the backup is damaged`);
  }
}

async function main() {
  const source = process.argv[2];
  if (!source) fail("usage: npm run restore -- <backup directory>", 2);
  if (process.env.MONGODB_URI)
    fail(
      "Koers uses MONGODB_URI, not the embedded database: restore that server with mongorestore.",
    );
  const dir = path.resolve(source);
  const manifestFile = path.join(dir, "manifest.json");
  if (!fs.existsSync(manifestFile)) fail(`${manifestFile} not found: not a Koers backup`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  if (manifest.format !== 1 || !Array.isArray(manifest.databases) || !manifest.databases.length)
    fail(`${manifestFile} is not a Koers backup manifest`);
  const names = manifest.databases.map((d) => d.file);
  if (names.some((n) => typeof n !== "string" || !/^[a-zA-Z0-9_-]{1,63}\.sqlite$/.test(n)))
    fail(`${manifestFile} names an unexpected file`);

  say(
    `Backup of ${manifest.createdAt} (Koers ${manifest.koersVersion}; this is ${koersVersion()}): ` +
      names.join(", "),
  );
  await verify(dir, manifest);
  say("Checksums verified.");

  const { dataDir, dbDir, binDir } = dataPaths();
  const binary = await dbBinary(binDir);
  if (fs.existsSync(dbDir)) {
    const check = spawnSync(binary, ["-data", dbDir, "-check-unused"], { encoding: "utf8" });
    if (check.status === 3) fail(`Koers is running on ${dbDir}: stop it first, then restore.`, 3);
    if (check.status !== 0) fail(`could not check ${dbDir}: ${check.stderr.trim()}`);
  }

  // Copy into a staging directory, check the copies, then swap directories.
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  fs.mkdirSync(dataDir, { recursive: true });
  const staging = path.join(dataDir, `db.restoring-${stamp}`);
  fs.mkdirSync(staging, { mode: 0o700 });
  let total = 0;
  for (const entry of manifest.databases) {
    const target = path.join(staging, entry.file);
    fs.copyFileSync(path.join(dir, entry.file), target);
    fs.chmodSync(target, 0o600);
    const fd = fs.openSync(target, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    total += entry.bytes;
    say(`${entry.file}: ${mb(entry.bytes)} copied`);
  }
  await verify(staging, manifest);
  let keptAside = null;
  if (fs.existsSync(dbDir)) {
    keptAside = path.join(dataDir, `db.before-restore-${stamp}`);
    fs.renameSync(dbDir, keptAside);
  }
  fs.renameSync(staging, dbDir);
  say(`Restored ${names.length} database(s), ${mb(total)}, into ${dbDir}.`);
  if (keptAside) say(`The previous database is kept in ${keptAside} (delete it when satisfied).`);
  say("Start Koers with: npm start");
}

main().catch((error) => fail(error.stack ?? String(error)));
