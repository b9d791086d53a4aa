import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gql, login } from "../harness";
import { spawnKoers, type KoersProcess } from "../processes";
import { connectClient, synced, waitFor } from "../realtimeClient";

/**
 * Issue #10: `npm run backup` takes a consistent copy of the embedded database
 * while the server runs and writers keep writing; `npm run restore` refuses
 * while the server runs, verifies the checksums, and puts the copy in place on
 * a fresh data directory, where every plan, proposal and co-written document
 * written before the backup began is found again.
 *
 * "Before the backup began" includes the writes acknowledged a moment before
 * the script starts. Those sit in the SQLite WAL until a checkpoint copies them
 * into the main file, so a naive copy of koers.sqlite loses them where VACUUM
 * INTO (one read transaction over main file and WAL) keeps them. Under load a
 * checkpoint may land between the last acknowledgement and a naive copy and
 * hide the loss, so a first backup is taken while nothing writes: then the last
 * writes are in the WAL for certain.
 */
const root = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "koers-backup-test-"));
const liveDir = path.join(tmp, "live");
const freshDir = path.join(tmp, "fresh-clone");
const quietFreshDir = path.join(tmp, "fresh-clone-quiet");
const backupDir = path.join(tmp, "backup");
const quietBackupDir = path.join(tmp, "backup-quiet");
const running: KoersProcess[] = [];

afterAll(async () => {
  for (const koers of running) if (koers.child.exitCode === null) await koers.killGroup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function script(
  name: string,
  args: string[],
  dataDir: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, "scripts", name), ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          KOERS_DATA_DIR: dataDir,
          KOERS_BIN_DIR: path.join(root, ".data/bin"),
          MONGODB_URI: "",
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

const CREATE_PLAN = `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`;
const CREATE_PROPOSAL = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`;

async function firstUnit(url: string, cookie: string): Promise<string> {
  const me = await gql<{ viewer: { memberships: { orgUnit: { id: string } }[] } }>(
    url,
    "{ viewer { memberships { orgUnit { id } } } }",
    {},
    { cookie },
  );
  return me.data!.viewer.memberships[0]!.orgUnit.id;
}

async function createPlan(url: string, cookie: string, orgUnitId: string, title: string) {
  const created = await gql<{ createPlan: { id: string } }>(
    url,
    CREATE_PLAN,
    { input: { kind: "operational_plan", title, orgUnitId, periodStart: 2026, periodEnd: 2026 } },
    { cookie },
  );
  if (!created.data) throw new Error(`createPlan: ${JSON.stringify(created.errors)}`);
  return created.data.createPlan.id;
}

/** Restores `backup` on a fresh data directory and lists what it lacks of `expected`. */
async function missingAfterRestore(
  backup: string,
  dataDir: string,
  expected: { plans: string[]; proposals: string[]; docName: string; text: string },
): Promise<string[]> {
  const restored = await script("restore.mjs", [backup], dataDir);
  expect(restored.code, restored.output).toBe(0);
  expect(restored.output).toMatch(/Checksums verified/);
  const koers = await spawnKoers(dataDir);
  running.push(koers);
  const missing: string[] = [];
  const director = await login(koers.url, "director@koers.demo");
  for (const id of expected.plans) {
    const found = await gql<{ plan: { id: string } | null }>(
      koers.url,
      `query($id: ID!) { plan(id: $id) { id } }`,
      { id },
      { cookie: director },
    );
    if (found.data?.plan?.id !== id) missing.push(`plan ${id} ${JSON.stringify(found.errors)}`);
  }
  const head = await login(koers.url, "head@koers.demo");
  for (const id of expected.proposals) {
    const found = await gql<{ proposal: { id: string } | null }>(
      koers.url,
      `query($id: ID!) { proposal(id: $id) { id } }`,
      { id },
      { cookie: head },
    );
    if (found.data?.proposal?.id !== id)
      missing.push(`proposal ${id} ${JSON.stringify(found.errors)}`);
  }
  const reader = connectClient(koers.url, expected.docName, director);
  await synced(reader);
  if (!reader.text.toString().includes(expected.text))
    missing.push(`text ${JSON.stringify(expected.text)} in ${expected.docName}`);
  reader.destroy();
  await koers.stop();
  return missing;
}

describe("backup and restore of the embedded database", () => {
  it("restores, on a fresh data directory, everything written before a backup taken under load", async () => {
    const koers = await spawnKoers(liveDir);
    running.push(koers);
    const director = await login(koers.url, "director@koers.demo");
    const head = await login(koers.url, "head@koers.demo");
    const dirUnit = await firstUnit(koers.url, director);
    const weUnit = await firstUnit(koers.url, head);

    // Written before the backup begins: plans, proposals, a co-written document.
    const plans: string[] = [];
    for (let i = 0; i < 12; i++)
      plans.push(await createPlan(koers.url, director, dirUnit, `Before backup ${i}`));
    const proposals: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await gql<{ createProposal: { id: string } }>(
        koers.url,
        CREATE_PROPOSAL,
        { input: { orgUnitId: weUnit, title: `Proposal before backup ${i}` } },
        { cookie: head },
      );
      expect(created.errors).toBeUndefined();
      proposals.push(created.data!.createProposal.id);
    }
    const docName = `plan/${plans[0]}`;
    const writer = connectClient(koers.url, docName, director);
    await synced(writer);
    writer.text.insert(0, "written before the backup;");
    // Another client has it: the server stored it before relaying it.
    const watcher = connectClient(koers.url, docName, director);
    await waitFor(() => watcher.text.toString().includes("before the backup"), 10_000, "relay");
    watcher.destroy();
    const beforeBackup = {
      plans: [...plans],
      proposals,
      docName,
      text: "written before the backup;",
    };

    // A backup while nothing writes: the writes just acknowledged are in the WAL.
    const quiet = await script("backup.mjs", ["--out", quietBackupDir], liveDir);
    expect(quiet.code, quiet.output).toBe(0);

    // Writers keep writing while the backup runs. Every plan whose createPlan was
    // acknowledged before the script starts must be in the backup, the last
    // ones included.
    let writing = true;
    let writesDuringBackup = 0;
    const acknowledged: string[] = [];
    const planWriter = (async () => {
      for (let i = 0; writing; i++) {
        acknowledged.push(await createPlan(koers.url, director, dirUnit, `During backup ${i}`));
        writesDuringBackup++;
      }
    })();
    const typing = setInterval(() => {
      writer.text.insert(writer.text.length, "x");
      writesDuringBackup++;
    }, 10);
    await waitFor(() => acknowledged.length >= 10, 30_000, "plans written under load");
    const ackedBeforeStart = [...plans, ...acknowledged];
    writesDuringBackup = 0;
    const started = performance.now();
    const backup = await script("backup.mjs", ["--out", backupDir], liveDir);
    const backupMs = performance.now() - started;
    writing = false;
    clearInterval(typing);
    await planWriter;
    expect(backup.code, backup.output).toBe(0);
    expect(writesDuringBackup).toBeGreaterThan(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8")) as {
      databases: { file: string; bytes: number; sha256: string; integrity: string }[];
      files: unknown[];
    };
    expect(manifest.databases.map((d) => d.file)).toContain("koers.sqlite");
    expect(manifest.databases.every((d) => d.integrity === "ok")).toBe(true);
    console.log(
      `backup: ${manifest.databases.map((d) => `${d.file} ${(d.bytes / 2 ** 20).toFixed(2)} MiB`).join(", ")} ` +
        `in ${(backupMs / 1000).toFixed(1)} s (script included), ${writesDuringBackup} writes meanwhile`,
    );

    // Refused while the server runs, and nothing is touched.
    const refused = await script("restore.mjs", [backupDir], liveDir);
    expect(refused.code, refused.output).toBe(3);
    expect(refused.output).toMatch(/running/);
    expect(fs.readdirSync(liveDir).filter((f) => f.startsWith("db."))).toEqual([]);

    writer.destroy();
    await koers.stop();

    // A damaged backup is refused before anything is replaced.
    const damaged = path.join(tmp, "damaged");
    fs.cpSync(backupDir, damaged, { recursive: true });
    const file = path.join(damaged, "koers.sqlite");
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const rejected = await script("restore.mjs", [damaged], freshDir);
    expect(rejected.code).toBe(1);
    expect(rejected.output).toMatch(/does not match the manifest/);
    expect(fs.existsSync(path.join(freshDir, "db"))).toBe(false);

    // Fresh clones: no data directory yet. Everything acknowledged before each
    // backup started is there, the last plans written under load included.
    const lost = {
      whileQuiet: await missingAfterRestore(quietBackupDir, quietFreshDir, beforeBackup),
      underLoad: await missingAfterRestore(backupDir, freshDir, {
        ...beforeBackup,
        plans: ackedBeforeStart,
      }),
    };
    expect(
      lost,
      `${ackedBeforeStart.length} plans acknowledged before the backup under load`,
    ).toEqual({ whileQuiet: [], underLoad: [] });
  }, 300_000);
});
