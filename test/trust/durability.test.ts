import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { login } from "../harness";
import { createPlanDocAt } from "../realtime/planDocs";
import { spawnKoers, type KoersProcess } from "../processes";
import * as Y from "yjs";
import { encodeUpdate } from "../../server/realtime/protocol";
import { connectClient, connectRaw, synced, waitFor, waitForAsync } from "../realtimeClient";

/**
 * reliability-anchors D4: stall the embedded database (SIGSTOP) while a client
 * keeps typing. Another client receives 0 broadcasts during the stall (nothing
 * is relayed before it is stored), /healthz reports the database down, and:
 * - after SIGCONT every edit arrives and is kept (0 lost);
 * - after kill -9 of everything during a second stall, the document holds
 *   everything the other client had seen.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "koers-stall-"));
const running: KoersProcess[] = [];
afterAll(async () => {
  for (const koers of running) {
    if (koers.child.exitCode !== null || koers.child.signalCode !== null) continue;
    for (const pid of dbPids(koers)) safeKill(pid, "SIGCONT");
    await koers.killGroup();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

function safeKill(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** The embedded database: the child processes of the server. */
function dbPids(koers: KoersProcess): number[] {
  const pid = koers.child.pid!;
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((t) =>
        fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/),
      )
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

const health = (url: string) =>
  fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) }).then(
    (r) => r.status,
    () => 0,
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a stalled database during edits", () => {
  it("relays nothing that is not stored, reports down, and loses nothing", async () => {
    let koers = await spawnKoers(tmp);
    running.push(koers);
    const cookie = await login(koers.url, "director@koers.demo");
    const docName = await createPlanDocAt(koers.url, cookie, "Stalled database");
    const writer = connectClient(koers.url, docName, cookie);
    const watcher = connectClient(koers.url, docName, cookie);
    await Promise.all([synced(writer), synced(watcher)]);
    writer.text.insert(0, "before;");
    await waitFor(() => watcher.text.toString() === "before;", 10_000, "first relay");

    /** Stalls the database, types `count` edits, and counts what the watcher got meanwhile. */
    async function stalledTyping(label: string, count: number) {
      const pids = dbPids(koers);
      expect(pids.length).toBeGreaterThan(0);
      const seen = watcher.text.toString();
      let broadcasts = 0;
      const observer = () => broadcasts++;
      watcher.doc.on("update", observer);
      for (const pid of pids) process.kill(pid, "SIGSTOP");
      for (let i = 0; i < count; i++) {
        writer.text.insert(writer.text.length, `${label}${i};`);
        await sleep(10);
      }
      await waitForAsync(async () => (await health(koers.url)) === 503, 10_000, "db down");
      await sleep(1000);
      watcher.doc.off("update", observer);
      return { pids, seen, broadcasts };
    }

    // 1. Stall, then resume: nothing relayed during the stall, everything after.
    const first = await stalledTyping("a", 200);
    expect(first.broadcasts).toBe(0);
    expect(watcher.text.toString()).toBe(first.seen);
    for (const pid of first.pids) process.kill(pid, "SIGCONT");
    await waitFor(
      () => watcher.text.toString() === writer.text.toString(),
      20_000,
      "catch-up after the stall",
    );
    await waitForAsync(async () => (await health(koers.url)) === 200, 10_000, "db up");
    const afterResume = writer.text.toString();
    expect(afterResume.match(/a\d+;/g)).toHaveLength(200);

    // 2. Stall again and kill everything while stalled: what the watcher saw is stored.
    const second = await stalledTyping("b", 100);
    expect(second.broadcasts).toBe(0);
    const seenBeforeKill = watcher.text.toString();
    writer.destroy();
    watcher.destroy();
    await koers.killGroup();

    koers = await spawnKoers(tmp);
    running.push(koers);
    const cookie2 = await login(koers.url, "director@koers.demo");
    const reader = connectClient(koers.url, docName, cookie2);
    await synced(reader);
    expect(reader.text.toString()).toBe(seenBeforeKill);
    expect(reader.text.toString()).toBe(afterResume);
    console.log(
      `stall: 0 broadcasts during 2 stalls (300 edits typed), 200/200 edits after resume, ` +
        `${seenBeforeKill.length} characters seen = stored after kill -9`,
    );
    reader.destroy();
    await koers.stop();
  }, 240_000);

  it("stops reading a writer that sends faster than the database stores, and keeps what it sent", async () => {
    const dataDir = path.join(tmp, "fast-writer");
    fs.mkdirSync(dataDir, { recursive: true });
    const koers = await spawnKoers(dataDir);
    running.push(koers);
    const cookie = await login(koers.url, "director@koers.demo");
    const docName = await createPlanDocAt(koers.url, cookie, "Fast writer");
    // 40 updates of 1 MiB, each building on the previous one (a new text, no sync needed).
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on("update", (u: Uint8Array) => updates.push(u));
    const text = source.getText("flood");
    for (let i = 0; i < 40; i++) text.insert(text.length, String(i % 10).repeat(2 ** 20));
    const raw = connectRaw(koers.url, docName, cookie);
    await raw.opened;

    const pids = dbPids(koers);
    for (const pid of pids) process.kill(pid, "SIGSTOP");
    for (const update of updates) void raw.send(encodeUpdate(update)).catch(() => undefined);
    await sleep(2_000);
    // The server stops reading once 4 MiB of this socket's updates wait for the database
    // (MAX_PENDING_BYTES): the rest stays with the sender, apart from what the kernel's
    // socket buffers hold. Read on regardless, and the server would hold all 40 MiB.
    const unsentMiB = raw.ws.bufferedAmount / 2 ** 20;
    console.log(`fast writer: 40 MiB sent, ${unsentMiB.toFixed(1)} MiB not read by the server`);
    expect(unsentMiB).toBeGreaterThan(20);

    for (const pid of pids) process.kill(pid, "SIGCONT");
    const reader = connectClient(koers.url, docName, cookie);
    await waitFor(() => reader.doc.getText("flood").length === 40 * 2 ** 20, 60_000, "all stored");
    expect(reader.doc.getText("flood").toString()).toBe(text.toString());
    reader.destroy();
    raw.ws.close();
    await koers.stop();
  }, 180_000);
});
