import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

/**
 * The load generator, a child process of the benchmark (so client work never
 * shares an event loop with the servers under test). Per document one writer
 * appends a character every `intervalMs`; every other client records, for
 * each append, the time from the writer's send to its own copy having it.
 * Both ends are in this process, so they read the same clock.
 */
export interface ScenarioRequest {
  id: number;
  /** WebsocketProvider server URL: `ws://host:port/yjs` for Koers, `ws://host:port` otherwise. */
  serverUrl: string;
  cookie?: string;
  docs: string[];
  clientsPerDoc: number;
  updatesPerWriter: number;
  intervalMs: number;
}

export interface ScenarioResult {
  id: number;
  /** Milliseconds, one per (update, receiver). */
  samples: number[];
  /** Deliveries that had not arrived 20 s after the last send. */
  missing: number;
  connectMs: number;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) return false;
    await sleep(5);
  }
  return true;
}

function socketClass(cookie: string | undefined) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {} });
    }
  } as unknown as typeof globalThis.WebSocket;
}

async function runScenario(request: ScenarioRequest): Promise<ScenarioResult> {
  const Polyfill = socketClass(request.cookie);
  const clients = request.docs.flatMap((docName) =>
    Array.from({ length: request.clientsPerDoc }, () => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(request.serverUrl, docName, doc, {
        WebSocketPolyfill: Polyfill,
        disableBc: true,
        maxBackoffTime: 500,
      });
      return { docName, doc, provider, text: doc.getText("bench") };
    }),
  );
  const connectStarted = performance.now();
  try {
    if (!(await until(() => clients.every((c) => c.provider.synced), 60_000)))
      throw new Error("clients did not sync within 60 s");
    const connectMs = performance.now() - connectStarted;
    const groups = request.docs.map((docName) => clients.filter((c) => c.docName === docName));

    // Warm-up: a few appends every receiver must see before timing starts.
    for (const [writer] of groups) writer!.text.insert(writer!.text.length, "wwwww");
    const warm = await until(
      () => groups.every((g) => g.every((c) => c.text.length === g[0]!.text.length)),
      20_000,
    );
    if (!warm) throw new Error("warm-up did not reach every client");

    const samples: number[] = [];
    const sent = groups.map(() => new Float64Array(request.updatesPerWriter));
    groups.forEach((group, g) => {
      const base = group[0]!.text.length;
      for (const receiver of group.slice(1)) {
        let seen = 0;
        receiver.doc.on("update", () => {
          const now = performance.now();
          const have = Math.min(receiver.text.length - base, request.updatesPerWriter);
          for (; seen < have; seen++) samples.push(now - sent[g]![seen]!);
        });
      }
    });
    // Writers start at random phases so documents do not all send in the same tick.
    await Promise.all(
      groups.map(async ([writer], g) => {
        await sleep(Math.random() * request.intervalMs);
        for (let k = 0; k < request.updatesPerWriter; k++) {
          sent[g]![k] = performance.now();
          writer!.text.insert(writer!.text.length, "x");
          await sleep(request.intervalMs);
        }
      }),
    );
    const expected = groups.reduce((n, g) => n + (g.length - 1) * request.updatesPerWriter, 0);
    await until(() => samples.length >= expected, 20_000);
    return {
      id: request.id,
      samples,
      missing: expected - samples.length,
      connectMs,
    };
  } finally {
    for (const c of clients) {
      c.provider.destroy();
      c.doc.destroy();
    }
  }
}

process.on("message", (message: ScenarioRequest) => {
  runScenario(message)
    .then((result) => process.send!(result))
    .catch((error: Error) =>
      process.send!({
        id: message.id,
        samples: [],
        missing: 0,
        connectMs: 0,
        error: error.stack ?? String(error),
      } satisfies ScenarioResult),
    );
});
process.on("disconnect", () => process.exit(0));
process.setMaxListeners(0);
