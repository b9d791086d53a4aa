import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../harness";
import { connectClient, connectRaw, synced, waitFor } from "../realtimeClient";
import { createPlanDoc } from "../realtime/planDocs";
import { MAX_FRAME_BYTES } from "../../server/realtime/server";
import { FrameFuzzer, runFrameFuzz } from "./frameFuzzer";

/**
 * F1 short form: 2,000 mutated frames from an authorized writer. The process
 * stays up, the typists of another document converge with every marker, the
 * fuzzed document converges for its observer and its stored state loads.
 * Latency is measured and printed by `npm run bench frameFuzz`, not asserted.
 */
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 687);

let server: TestServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer(import.meta.filename, { YJS_UNLOAD_AFTER_MS: "200" });
  cookie = await server.login("director@koers.demo");
});
afterAll(() => server?.stop());

describe("Yjs frame fuzzing", () => {
  it("is deterministic for a seed and covers every mutation", () => {
    const a = new FrameFuzzer(SEED);
    const b = new FrameFuzzer(SEED);
    for (let i = 0; i < 200; i++) expect(a.next().frame).toEqual(b.next().frame);
    expect(a.counts.size).toBeGreaterThanOrEqual(10);
  });

  it(`survives ${FRAMES} mutated frames; the other clients converge and the stored state loads`, async () => {
    const fuzzDoc = await createPlanDoc(server, cookie, "Fuzzed");
    const typingDoc = await createPlanDoc(server, cookie, "Typed");
    const result = await runFrameFuzz({
      url: server.url,
      cookie,
      fuzzDoc,
      typingDoc,
      frames: FRAMES,
      framesPerSecond: 1000,
      seed: SEED,
    });
    console.log(
      `frame fuzz: seed ${SEED}, ${result.sent} frames, ${result.reconnects} reconnects, ` +
        `closes ${JSON.stringify(Object.fromEntries(result.closeCodes))}, ` +
        `mutations ${JSON.stringify(Object.fromEntries(result.mutations))}, ${result.typed} markers typed`,
    );
    expect(result.sent).toBe(FRAMES);
    // The fuzzer was cut off (malformed frames close with 1003) and came back.
    expect(result.reconnects).toBeGreaterThan(0);
    // Every bad update was refused on its own: the room never had to reload.
    expect(result.observerCloses, "observer of the fuzzed document").toEqual([]);

    // Still up and healthy.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const viewer = await server.gql("{ viewer { id } }", {}, { cookie });
    expect(viewer.errors).toBeUndefined();

    // The typists' document: every marker, once, everywhere, and as stored.
    const [first, ...rest] = result.typists;
    const expected = first!.text.toString();
    await waitFor(
      () => rest.every((c) => c.text.toString() === expected),
      10_000,
      "typists converge",
    );
    const markers = expected.match(/\[\d:\d+\]/g) ?? [];
    expect(markers.length).toBe(result.typed);
    expect(new Set(markers).size).toBe(markers.length);

    // The fuzzed document: the observer and a fresh client agree, and so does the stored state.
    const fresh = connectClient(server.url, fuzzDoc, cookie);
    await synced(fresh);
    await waitFor(
      () =>
        Y.encodeStateVector(fresh.doc).toString() ===
        Y.encodeStateVector(result.observer.doc).toString(),
      10_000,
      "fuzzed document converges",
    );
    const fuzzed = fresh.doc.getMap("fuzz").toJSON();
    expect(fuzzed).toEqual(result.observer.doc.getMap("fuzz").toJSON());

    for (const client of [...result.typists, result.observer, fresh]) client.destroy();
    // Unloaded, then loaded again from the database alone.
    await waitFor(() => server.koers.realtime.loadedDocuments === 0, 10_000, "unload");
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await server.koers.realtime.readState(fuzzDoc));
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, await server.koers.realtime.readState(typingDoc));
    expect(reloaded.getText("notes").toString()).toBe(expected);
    expect(stored.getMap("fuzz").toJSON()).toEqual(fuzzed);
  });

  it("closes the socket of a frame over 8 MiB with 1009 and keeps serving", async () => {
    const docName = await createPlanDoc(server, cookie, "Huge frame");
    const raw = connectRaw(server.url, docName, cookie);
    await raw.opened;
    const huge = new Uint8Array(MAX_FRAME_BYTES + 1);
    huge.set([0, 2, 0xff, 0xff, 0xff, 0x07]);
    raw.ws.send(huge);
    expect((await raw.closed).code).toBe(1009);
    const client = connectClient(server.url, docName, cookie);
    await synced(client);
    client.destroy();
  });
});
