import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import pino from "pino";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startEmbeddedDb } from "../../server/db/embedded";
import {
  appendUpdates,
  applyStored,
  loadDoc,
  type StoredDoc,
} from "../../server/realtime/docStore";
import { login } from "../harness";
import { createPlanDocAt } from "../realtime/planDocs";
import { spawnKoers, type KoersProcess } from "../processes";
import { connectClient, synced, waitFor, type Client } from "../realtimeClient";

/**
 * Compaction writes a new snapshot, then deletes the log rows it covers. The
 * process group (server and embedded database) is killed -9 at each step in turn
 * (server/faults.ts crashPoint, issue #10). After a restart the document loads
 * exactly as the clients last saw it, no edit twice, and a compaction after the
 * restart completes, so the cut-short one leaves nothing behind.
 *
 * A writer types one marker at a time and waits until the watcher received it, so
 * each marker is one stored row; typing stops at the compaction threshold, so
 * nothing is in flight at the kill and the watcher's text is what a load must give.
 */
interface Case {
  point: string;
  /** YJS_COMPACT_AFTER_UPDATES of the crashing run: stored rows that start a compaction. */
  compactAfter: number;
  /** Rows written before the crashing run instead of typed (reaches the drop path fast). */
  isSeeded?: boolean;
  /** What the cut-short compaction leaves in the store. */
  left: (rows: number) => Pick<StoredDoc, "coveredRows" | "tailLength">;
}

const CASES: Case[] = [
  {
    point: "compaction:after-read",
    compactAfter: 20,
    left: (rows) => ({ coveredRows: 0, tailLength: rows }),
  },
  {
    point: "compaction:after-snapshot",
    compactAfter: 20,
    left: (rows) => ({ coveredRows: rows, tailLength: 0 }),
  },
  // From DROP_FROM_ROWS (2,000) folded rows the log is dropped (all or nothing);
  // killed just before the drop. "compaction:mid-delete", between two delete
  // chunks, needs over DELETE_CHUNK (30,000) rows and is not run here.
  {
    point: "compaction:before-drop",
    compactAfter: 2_000,
    isSeeded: true,
    left: (rows) => ({ coveredRows: rows, tailLength: 0 }),
  },
  {
    point: "compaction:after-delete",
    compactAfter: 20,
    left: () => ({ coveredRows: 0, tailLength: 0 }),
  },
];
/** Threshold after the restart; this many and a few more markers are typed then. */
const REPAIR_COMPACT_AFTER = 20;
const REPAIR_MARKERS = REPAIR_COMPACT_AFTER + 5;
const MARKER = /<(\w+)\.(\d+)>/g;

/** A data directory with demo data and one new, empty plan, stopped cleanly; each case copies it. */
const template = fs.mkdtempSync(path.join(os.tmpdir(), "koers-compaction-crash-"));
const dirs = [template];
let docName = "";
const started = new Set<KoersProcess>();

async function start(dataDir: string, env: Record<string, string> = {}): Promise<KoersProcess> {
  const koers = await spawnKoers(dataDir, env);
  started.add(koers);
  return koers;
}

/** Runs at most `size` calls of `work` at a time, the others in order after them. */
function limitTo(size: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active < size) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
/** Two cases at a time: starting Koers is CPU-bound and CI has two cores. */
const inCaseSlot = limitTo(2);
/** docStore uses mongoose's one default connection: one store at a time. */
const inStoreSlot = limitTo(1);

const isRunning = (p: KoersProcess) => p.child.exitCode === null && p.child.signalCode === null;

beforeAll(async () => {
  const koers = await start(template);
  const cookie = await login(koers.url, "director@koers.demo");
  docName = await createPlanDocAt(koers.url, cookie, "Compactieplan");
  await koers.stop();
}, 120_000);

afterAll(async () => {
  await Promise.all([...started].filter(isRunning).map((koers) => koers.stop()));
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/**
 * Runs `work` against the stored rows of a stopped Koers: its embedded database on
 * dataDir, read and written with docStore itself (as Room.load reads it).
 */
function withStore<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  return inStoreSlot(async () => {
    const db = await startEmbeddedDb({
      binary: inject("dbBinary"),
      dataDir,
      port: 0,
      log: pino({ level: "warn" }),
    });
    try {
      await mongoose.connect(db.uri, { dbName: "koers" });
      return await work();
    } finally {
      await mongoose.disconnect();
      await db.stop();
    }
  });
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  applyStored(doc, updates);
  const text = doc.getText("notes").toString();
  doc.destroy();
  return text;
}

/** `count` rows as one client typing `<label.n>` markers one at a time would store them. */
function markerUpdates(label: string, count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText("notes");
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  for (let n = 0; n < count; n++) text.insert(text.length, `<${label}.${n}>`);
  doc.destroy();
  return updates;
}

/**
 * Types `<label.n>` markers one at a time, each once the watcher got the one before.
 * Stops after `count` markers, or early when the server dies.
 */
async function typeMarkers(
  writer: Client,
  watcher: Client,
  label: string,
  count: number,
  server: KoersProcess,
): Promise<void> {
  for (let n = 0; n < count && isRunning(server); n++) {
    const marker = `<${label}.${n}>`;
    writer.text.insert(writer.text.length, marker);
    await waitFor(
      () => watcher.text.toString().includes(marker) || !isRunning(server),
      10_000,
      `${marker} relayed`,
    );
  }
}

async function connectPair(server: KoersProcess): Promise<[Client, Client]> {
  const cookie = await login(server.url, "director@koers.demo");
  const pair: [Client, Client] = [
    connectClient(server.url, docName, cookie),
    connectClient(server.url, docName, cookie),
  ];
  await Promise.all(pair.map(synced));
  return pair;
}

/** How often each marker occurs in a text. */
function countMarkers(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [marker] of text.matchAll(MARKER)) counts.set(marker, (counts.get(marker) ?? 0) + 1);
  return counts;
}

describe.concurrent("a compaction killed at each step", () => {
  for (const { point, compactAfter, isSeeded, left } of CASES) {
    it(
      `loads the document equal to before after kill -9 at ${point}`,
      () =>
        inCaseSlot(async () => {
          const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koers-compaction-crash-"));
          dirs.push(dataDir);
          fs.cpSync(template, dataDir, { recursive: true });
          const seeded = isSeeded ? markerUpdates("a", compactAfter) : [];
          if (isSeeded) await withStore(dataDir, () => appendUpdates(docName, 1, seeded));

          const crashing = await start(dataDir, {
            KOERS_CRASH_AT: point,
            YJS_COMPACT_AFTER_UPDATES: String(compactAfter),
          });
          // Loading the seeded rows starts the compaction; otherwise the compactAfter-th
          // typed row does, and typing stops there.
          const [watcher, writer] = await connectPair(crashing).catch((): Client[] => []);
          if (watcher && writer && !isSeeded)
            await typeMarkers(writer, watcher, "a", compactAfter, crashing);
          await waitFor(() => !isRunning(crashing), 20_000, `kill at ${point}`).catch(
            () => undefined,
          );
          // Killed at the crash point: not an exit, not still running.
          expect(crashing.child.signalCode).toBe("SIGKILL");
          const seen = isSeeded ? textOf(seeded) : watcher!.text.toString();
          watcher?.destroy();
          writer?.destroy();
          expect(countMarkers(seen).size).toBe(compactAfter);

          // The store loads as before, and holds the half-done state this step leaves.
          const afterKill = await withStore(dataDir, () => loadDoc(docName));
          expect(textOf(afterKill.updates)).toBe(seen);
          expect(afterKill).toMatchObject({ lastSeq: compactAfter, ...left(compactAfter) });

          // Restart without the crash point: a fresh client loads what the watcher saw.
          const koers = await start(dataDir, {
            YJS_COMPACT_AFTER_UPDATES: String(REPAIR_COMPACT_AFTER),
          });
          const [fresh, typist] = await connectPair(koers);
          expect(fresh.text.toString()).toBe(seen);

          // Typing past the threshold runs a compaction, which completes.
          await typeMarkers(typist, fresh, "b", REPAIR_MARKERS, koers);
          const seenAfterRepair = fresh.text.toString();
          fresh.destroy();
          typist.destroy();
          // A clean stop waits for a running compaction.
          await koers.stop();

          const repaired = await withStore(dataDir, () => loadDoc(docName));
          const lastSeq = compactAfter + REPAIR_MARKERS;
          expect(repaired).toMatchObject({ lastSeq, coveredRows: 0 });
          expect(repaired.tailLength).toBeLessThan(REPAIR_COMPACT_AFTER);
          const text = textOf(repaired.updates);
          expect(text).toBe(seenAfterRepair);
          const counts = countMarkers(text);
          expect(counts.size).toBe(lastSeq);
          expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
        }),
      240_000,
    );
  }
});
