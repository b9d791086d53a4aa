import * as Y from "yjs";
import { appendUpdates, applyStored, compactDoc, loadDoc } from "../../server/realtime/docStore";
import { fmt, median, table } from "./stats";

/**
 * Cold load of a document with N stored updates, straight from the store
 * (mongoose must be connected): `loadDoc` + applying every row to a fresh
 * Y.Doc, as a Room does, before and after `compactDoc`. The edits follow
 * performance-anchors.md §2.2: single characters at random positions, 30 %
 * deletes, one update each.
 */
function randomEdits(count: number, seed: number): Uint8Array[] {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const doc = new Y.Doc();
  const text = doc.getText("notes");
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const letters = "abcdefghijklmnopqrstuvwxyz ";
  while (updates.length < count) {
    if (random() < 0.3 && text.length > 0) text.delete(Math.floor(random() * text.length), 1);
    else
      text.insert(
        Math.floor(random() * (text.length + 1)),
        letters[Math.floor(random() * letters.length)]!,
      );
  }
  doc.destroy();
  return updates;
}

async function timeLoad(docName: string): Promise<{ ms: number; chars: number; rows: number }> {
  const started = performance.now();
  const stored = await loadDoc(docName);
  const doc = new Y.Doc();
  applyStored(doc, stored.updates);
  const ms = performance.now() - started;
  const chars = doc.getText("notes").length;
  doc.destroy();
  return { ms, chars, rows: stored.updates.length };
}

async function medianLoad(docName: string, repeats: number) {
  const runs = [];
  for (let i = 0; i < repeats; i++) runs.push(await timeLoad(docName));
  return { ms: median(runs.map((r) => r.ms)), chars: runs[0]!.chars, rows: runs[0]!.rows };
}

export async function benchColdLoad(sizes: number[]): Promise<string> {
  const rows: string[][] = [];
  for (const size of sizes) {
    const docName = `bench/cold-${size}`;
    const updates = randomEdits(size, size);
    const logBytes = updates.reduce((n, u) => n + u.byteLength, 0);
    // Batches of 1,000 rows per insert: seeding 100k rows one insert at a time
    // would take minutes and measure nothing we care about here.
    for (let i = 0; i < updates.length; i += 1000)
      await appendUpdates(docName, i + 1, updates.slice(i, i + 1000));
    const repeats = size >= 100_000 ? 1 : 3;
    const raw = await medianLoad(docName, repeats);
    const compactStarted = performance.now();
    const compacted = await compactDoc(docName);
    const compactMs = performance.now() - compactStarted;
    const after = await medianLoad(docName, repeats);
    if (after.chars !== raw.chars) throw new Error(`compaction changed ${docName}`);
    // The floor: parsing the same snapshot in memory, with no database read.
    const applyStarted = performance.now();
    const parsed = new Y.Doc();
    Y.applyUpdate(parsed, compacted.updates[0]!);
    const applyMs = performance.now() - applyStarted;
    parsed.destroy();
    rows.push([
      size.toLocaleString("en"),
      (logBytes / 1024).toFixed(0),
      String(raw.rows),
      fmt(raw.ms, 0),
      fmt(compactMs, 0),
      (compacted.updates[0]!.byteLength / 1024).toFixed(0),
      String(after.rows),
      fmt(after.ms, 1),
      fmt(applyMs, 1),
      `${fmt(raw.ms / after.ms, 1)}×`,
      String(after.chars),
    ]);
  }
  return table(
    [
      "stored updates",
      "log KiB",
      "rows read",
      "raw load ms",
      "compaction ms",
      "snapshot KiB",
      "rows read",
      "compacted load ms",
      "parse only ms",
      "speed-up",
      "text chars",
    ],
    rows,
  );
}
