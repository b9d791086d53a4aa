import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gql, login } from "../harness";
import { spawnKoers, type KoersProcess } from "../processes";
import { connectClient, synced, type Client } from "../realtimeClient";

/**
 * kill -9 of the whole process group (server and embedded database) while
 * writers type. Writers append unique markers; every marker that reached a
 * client other than its author (the watcher, or another writer) was relayed,
 * so it must be stored: after the restart a fresh client must see each of them
 * exactly once. Compaction runs every 50 updates, so some kills land in it.
 */
// 10 trials in `npm test`; the long form (`npm run test:long`) runs 50.
const TRIALS = Number(process.env.DURABILITY_TRIALS ?? 10);
const WRITERS = 8;
const TYPE_EVERY_MS = 20;
const ENV = { YJS_COMPACT_AFTER_UPDATES: "50" };

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koers-durability-"));
let koers: KoersProcess | undefined;
afterAll(async () => {
  await koers?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MARKER = /<(\d+)\.(\d+)\.(\d+)>/g;

function countMarkers(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [marker] of text.matchAll(MARKER)) counts.set(marker, (counts.get(marker) ?? 0) + 1);
  return counts;
}

/** Markers in a client's text that someone else wrote: they came through the server. */
function markersReceived(client: Client, author: number | null): string[] {
  return [...client.text.toString().matchAll(MARKER)]
    .filter((m) => author === null || Number(m[2]) !== author)
    .map((m) => m[0]);
}

async function planDocName(url: string, cookie: string): Promise<string> {
  const plans = await gql<{ plans: { nodes: { id: string }[] } }>(
    url,
    "{ plans { nodes { id } } }",
    {},
    { cookie },
  );
  return `plan/${plans.data!.plans.nodes[0]!.id}`;
}

describe("kill -9 of the process group while clients type", () => {
  it(
    `loses and duplicates no edit another client received (${TRIALS} random kill moments)`,
    async () => {
      koers = await spawnKoers(dataDir, ENV);
      let cookie = await login(koers.url, "director@koers.demo");
      const docName = await planDocName(koers.url, cookie);
      const received = new Set<string>();

      for (let trial = 0; trial < TRIALS; trial++) {
        const watcher = connectClient(koers.url, docName, cookie);
        const writers = Array.from({ length: WRITERS }, () =>
          connectClient(koers!.url, docName, cookie),
        );
        await Promise.all([watcher, ...writers].map(synced));

        let typing = true;
        const typed = writers.map(async (writer, w) => {
          for (let n = 0; typing; n++) {
            writer.text.insert(writer.text.length, `<${trial}.${w}.${n}>`);
            await sleep(TYPE_EVERY_MS);
          }
        });
        const killAfterMs = Math.round(500 + Math.random() * 2000);
        await sleep(killAfterMs);
        await koers.killGroup();
        typing = false;
        await Promise.all(typed);
        // Frames already in the clients' socket buffers were sent, so stored: let them land.
        await sleep(300);
        for (const marker of markersReceived(watcher, null)) received.add(marker);
        writers.forEach((writer, w) => markersReceived(writer, w).forEach((m) => received.add(m)));
        const written = writers.reduce((n, writer) => n + writer.text.length, 0);
        for (const client of [watcher, ...writers]) client.destroy();

        const restartStarted = Date.now();
        koers = await spawnKoers(dataDir, ENV);
        const restartMs = Date.now() - restartStarted;
        cookie = await login(koers.url, "director@koers.demo");
        const fresh = connectClient(koers.url, docName, cookie);
        await synced(fresh);
        const stored = countMarkers(fresh.text.toString());
        fresh.destroy();

        const lost = [...received].filter((m) => !stored.has(m));
        const duplicated = [...stored].filter(([, count]) => count > 1).map(([m]) => m);
        console.log(
          `trial ${trial}: killed after ${killAfterMs} ms, restarted in ${restartMs} ms; received by others ${received.size}, stored ${stored.size}, lost ${lost.length}, duplicated ${duplicated.length}`,
        );
        expect(written).toBeGreaterThan(0);
        expect(lost).toEqual([]);
        expect(duplicated).toEqual([]);
      }
    },
    TRIALS * 24_000,
  );
});
