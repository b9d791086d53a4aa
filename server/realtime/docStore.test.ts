import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import fc from "fast-check";
import mongoose from "mongoose";
import * as Y from "yjs";
import { connectDb, disconnectDb } from "../db/connection";
import { uniqueDbName } from "../../test/harness";
import {
  appendUpdate,
  appendUpdates,
  applyStored,
  compactDoc,
  loadDoc,
  logCollectionName,
  type CompactionStep,
} from "./docStore";

beforeAll(async () => {
  await connectDb(inject("mongoUri"), uniqueDbName(import.meta.filename));
});
afterAll(async () => {
  await mongoose.connection.db?.dropDatabase();
  await disconnectDb();
});

let docCounter = 0;
const newDocName = () => `test/doc-${++docCounter}`;

/** `count` small random edits (inserts, deletes, map sets), one update each. */
function randomUpdates(count: number, seed: number): Uint8Array[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = doc.getText("notes");
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.6 || text.length === 0) text.insert(Math.floor(random() * text.length), `w${i} `);
    else if (roll < 0.85) text.delete(Math.floor(random() * text.length), 1);
    else doc.getMap("actions").set(`a${i % 5}`, i);
  }
  doc.destroy();
  return updates;
}

/** What a load yields, comparable with toEqual. */
async function loadedContent(docName: string) {
  const doc = new Y.Doc();
  applyStored(doc, (await loadDoc(docName)).updates);
  const content = {
    json: doc.toJSON(),
    text: doc.getText("notes").toString(),
    stateVector: Buffer.from(Y.encodeStateVector(doc)).toString("hex"),
  };
  doc.destroy();
  return content;
}

async function seed(docName: string, updates: Uint8Array[], firstSeq = 1): Promise<void> {
  for (let i = 0; i < updates.length; i++) await appendUpdate(docName, firstSeq + i, updates[i]!);
}

const logRows = (docName: string) =>
  mongoose.connection.db!.collection(logCollectionName(docName)).countDocuments();

describe("compaction", () => {
  it.each<CompactionStep>(["read", "snapshot", "delete"])(
    "loads the same document after a crash right after the %s step",
    async (step) => {
      const docName = newDocName();
      const updates = randomUpdates(120, 7);
      // A snapshot and a tail both exist before the crash.
      await seed(docName, updates.slice(0, 60));
      await compactDoc(docName);
      await seed(docName, updates.slice(60), 61);
      const before = await loadedContent(docName);

      const crash = new Error(`crash after ${step}`);
      await expect(
        compactDoc(docName, (s) => {
          if (s === step) throw crash;
        }),
      ).rejects.toBe(crash);
      expect(await loadedContent(docName)).toEqual(before);

      // The next compaction finishes the job: one snapshot, no rows left.
      await compactDoc(docName);
      expect(await loadedContent(docName)).toEqual(before);
      expect(await logRows(docName)).toBe(0);
      expect(await loadDoc(docName)).toMatchObject({ lastSeq: 120, tailLength: 0 });
    },
  );

  it("loads the same document after a crash in the middle of deleting the folded rows", async () => {
    const docName = newDocName();
    await seed(docName, randomUpdates(80, 3));
    const before = await loadedContent(docName);
    await expect(
      compactDoc(docName, (s) => {
        if (s === "snapshot") throw new Error("crash");
      }),
    ).rejects.toThrow("crash");
    // Half of the folded rows are gone, as if the delete was cut short.
    await mongoose.connection
      .db!.collection(logCollectionName(docName))
      .deleteMany({ _id: { $lte: 40 } } as object);
    expect(await loadedContent(docName)).toEqual(before);
  });

  it("never runs two compactions of one document at once", async () => {
    const docName = newDocName();
    const updates = randomUpdates(200, 11);
    await seed(docName, updates.slice(0, 20));
    const events: number[] = [];
    const runs: Promise<unknown>[] = [];
    for (let run = 0; run < 6; run++) {
      runs.push(compactDoc(docName, () => void events.push(run)));
      await appendUpdates(docName, 21 + run * 30, updates.slice(20 + run * 30, 50 + run * 30));
    }
    await Promise.all(runs);
    // Each run's steps are contiguous: no run starts before the previous one ended.
    const order = events.filter((run, i) => events[i - 1] !== run);
    expect(new Set(order).size).toBe(order.length);

    const all = new Y.Doc();
    applyStored(all, updates);
    expect((await loadedContent(docName)).text).toBe(all.getText("notes").toString());
  });

  it("never misses a row when a load runs while a compaction deletes", async () => {
    const docName = newDocName();
    const updates = randomUpdates(400, 5);
    const expected = new Y.Doc();
    for (let round = 0; round < 20; round++) {
      const batch = updates.slice(round * 20, round * 20 + 20);
      await appendUpdates(docName, round * 20 + 1, batch);
      applyStored(expected, batch);
      const text = expected.getText("notes").toString();
      const [, first, second] = await Promise.all([
        compactDoc(docName),
        loadedContent(docName),
        new Promise((r) => setTimeout(r, round % 5)).then(() => loadedContent(docName)),
      ]);
      expect(first.text).toBe(text);
      expect(second.text).toBe(text);
    }
  });

  it("compacts a log longer than one delete statement can hold, keeping rows appended meanwhile", async () => {
    const docName = newDocName();
    const rows = 33_000; // SQLite allows 32,766 variables per statement
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    for (let seq = 1; seq <= rows; seq += 3000)
      await appendUpdates(
        docName,
        seq,
        Array.from({ length: 3000 }, () => empty),
      );
    const late = randomUpdates(1, 9)[0]!;
    await compactDoc(docName, async (step) => {
      if (step === "read") await appendUpdate(docName, rows + 1, late);
    });
    expect(await logRows(docName)).toBe(1);
    expect(await loadDoc(docName)).toMatchObject({ lastSeq: rows + 1, tailLength: 1 });
  }, 60_000);

  it("drops a long log that nothing was appended to since it was read", async () => {
    const docName = newDocName();
    const updates = randomUpdates(3000, 21);
    await appendUpdates(docName, 1, updates);
    const before = await loadedContent(docName);
    await compactDoc(docName);
    expect(await logRows(docName)).toBe(0);
    expect(await loadedContent(docName)).toEqual(before);
    // The next update goes to a fresh log after the snapshot.
    await appendUpdate(docName, 3001, randomUpdates(1, 4)[0]!);
    expect(await loadDoc(docName)).toMatchObject({ lastSeq: 3001, tailLength: 1 });
  });

  it("loads a compacted log equal to the raw log, and compacting again changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.array(fc.integer({ min: 1, max: 59 }), { maxLength: 3 }),
        async (count, seedValue, cuts) => {
          const docName = newDocName();
          const updates = randomUpdates(count, seedValue);
          const raw = new Y.Doc();
          applyStored(raw, updates);
          // Compact at random points while the log grows.
          let next = 0;
          for (const cut of [...cuts.filter((c) => c < count).sort((a, b) => a - b), count]) {
            await appendUpdates(docName, next + 1, updates.slice(next, cut));
            next = Math.max(next, cut);
            await compactDoc(docName);
          }
          const once = await loadedContent(docName);
          expect(once.text).toBe(raw.getText("notes").toString());
          expect(once.stateVector).toBe(Buffer.from(Y.encodeStateVector(raw)).toString("hex"));
          await compactDoc(docName);
          expect(await loadedContent(docName)).toEqual(once);
        },
      ),
      { numRuns: 40 },
    );
  });
});
