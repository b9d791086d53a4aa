import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { spawnKoers, type KoersProcess } from "../test/processes";

/**
 * `npm run soak [-- --minutes N]` (or SOAK_MINUTES=N): the memory soak of
 * reliability-anchors.md M1. Koers runs as its own process (`npm start` style,
 * embedded database in a temporary directory); this process drives
 * 50 documents × 5 clients, each client making 1 edit per second, 10 % of the
 * clients reconnecting (a fresh client) every minute, and 20 GraphQL requests
 * per second. Every minute it prints the server's RSS and, from its /metrics,
 * the V8 heap, buffers and the Yjs structs the loaded documents hold; at the
 * end, the figures after warm-up against the final ones (ratio) and the slope
 * of a least-squares line through the samples after warm-up (MB/h).
 *
 * Each client types into a text of its own within the shared document (its
 * "slot", taken over by the client that replaces it). Were all five typing
 * single characters into one text, every character would stay in the document
 * as a tombstone (Yjs merges deleted items only when they are neighbours from
 * one client), and the documents themselves would grow by some 230 bytes per
 * edit: content growth, not a leak, and it would hide one. The struct count
 * shows that the documents stay the same size.
 */
const DOCS = 50;
const CLIENTS_PER_DOC = 5;
const GRAPHQL_PER_SECOND = 20;
const RECONNECT_SHARE = 0.1;
/** Text kept per document: clients delete the oldest characters beyond it. */
const MAX_TEXT = 400;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index >= 0) return process.argv[index + 1];
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.split("=")[1];
}

const minutes = Number(option("minutes") ?? process.env.SOAK_MINUTES ?? 30);
const sampleMs = Number(process.env.SOAK_SAMPLE_MS ?? 60_000);
// Warm-up: the first 5 minutes, or the first third of a shorter run.
const warmupMinutes = Number(option("warmup") ?? Math.min(5, minutes / 3));
if (!(minutes > 0)) throw new Error("--minutes must be a positive number");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
process.setMaxListeners(1000);

function rssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** Child processes of a pid (the embedded database under the server). */
function childrenOf(pid: number): number[] {
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

async function login(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "koers-demo-2026" }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  return (response.headers.get("set-cookie") ?? "").split(";")[0]!;
}

async function gql<T>(url: string, cookie: string, query: string, variables = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface SoakClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  slot: number;
}

function connect(url: string, docName: string, cookie: string, slot: number): SoakClient {
  const doc = new Y.Doc();
  const Polyfill = class extends WebSocket {
    constructor(u: string, protocols?: string | string[]) {
      super(u, protocols, { headers: { cookie } });
    }
  };
  const provider = new WebsocketProvider(`${url.replace(/^http/, "ws")}/yjs`, docName, doc, {
    WebSocketPolyfill: Polyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 1000,
  });
  return { doc, provider, slot };
}

function edit(client: SoakClient, n: number): void {
  if (!client.provider.synced) return;
  const text = client.doc.getText(`notes-${client.slot}`);
  client.doc.transact(() => {
    text.insert(text.length, String.fromCharCode(97 + (n % 26)));
    if (text.length > MAX_TEXT) text.delete(0, text.length - MAX_TEXT);
  });
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const mb = (kib: number) => (kib / 1024).toFixed(1);
const METRICS_TOKEN = "soak-metrics-token-0123456789";

/** The server's own figures, from GET /metrics. */
async function serverMetrics(url: string): Promise<Record<string, number>> {
  const response = await fetch(`${url}/metrics?gc=1`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  const figures: Record<string, number> = {};
  for (const line of (await response.text()).split("\n")) {
    const match = /^(\w+) (\S+)$/.exec(line);
    if (match) figures[match[1]!] = Number(match[2]);
  }
  return figures;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koers-soak-"));
  let koers: KoersProcess | undefined;
  const clients: SoakClient[][] = [];
  try {
    koers = await spawnKoers(dataDir, {
      KOERS_DEMO_DATA: "true",
      KOERS_METRICS_TOKEN: METRICS_TOKEN,
      // Each sample runs a full GC first (/metrics?gc=1): the heap figure is then
      // the live size, not wherever the collector happened to be.
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc`.trim(),
    });
    const pid = koers.child.pid!;
    const url = koers.url;
    const cookie = await login(url, "director@koers.demo");
    const me = await gql<{ viewer: { planningUnits: { id: string }[] } }>(
      url,
      cookie,
      "{ viewer { planningUnits { id } } }",
    );
    const orgUnitId = me.viewer.planningUnits[0]!.id;
    const planIds: string[] = [];
    for (let i = 0; i < DOCS; i++) {
      const created = await gql<{ createPlan: { id: string } }>(
        url,
        cookie,
        `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`,
        {
          input: {
            kind: "operational_plan",
            title: `Soak ${i + 1}`,
            orgUnitId,
            periodStart: 2026,
            periodEnd: 2026,
          },
        },
      );
      planIds.push(created.createPlan.id);
    }
    for (const id of planIds)
      clients.push(
        Array.from({ length: CLIENTS_PER_DOC }, (_, slot) =>
          connect(url, `plan/${id}`, cookie, slot),
        ),
      );
    process.stdout.write(
      `soak: ${minutes} min, ${DOCS} docs × ${CLIENTS_PER_DOC} clients, 1 edit/s each, ` +
        `${RECONNECT_SHARE * 100} % reconnecting per minute, ${GRAPHQL_PER_SECOND} GraphQL req/s; ` +
        `server pid ${pid}, warm-up ${warmupMinutes.toFixed(1)} min\n`,
    );

    const started = Date.now();
    const end = started + minutes * 60_000;
    let edits = 0;
    let requests = 0;
    let failedRequests = 0;
    let reconnects = 0;

    // 1 edit per client per second, spread over the second.
    const all = () => clients.flat();
    const editTimer = setInterval(() => {
      const list = all();
      list.forEach((client, i) => {
        setTimeout(
          () => {
            edit(client, edits);
            edits++;
          },
          (i * 1000) / list.length,
        );
      });
    }, 1000);

    const queries = [
      "{ viewer { planningUnits { id } } }",
      ...planIds.slice(0, 10).map((id) => `{ plan(id: "${id}") { id version } }`),
    ];
    const gqlTimer = setInterval(() => {
      for (let i = 0; i < GRAPHQL_PER_SECOND; i++) {
        const query = queries[(requests + i) % queries.length]!;
        gql(url, cookie, query).then(
          () => requests++,
          (error: Error) => {
            if (failedRequests++ === 0)
              process.stdout.write(`first GraphQL failure: ${error.message}\n`);
          },
        );
      }
    }, 1000);

    // Every minute 10 % of the clients leave and a fresh client takes their place.
    const reconnectTimer = setInterval(() => {
      const count = Math.round(DOCS * CLIENTS_PER_DOC * RECONNECT_SHARE);
      for (let k = 0; k < count; k++) {
        const d = Math.floor(Math.random() * DOCS);
        const c = Math.floor(Math.random() * CLIENTS_PER_DOC);
        const old = clients[d]![c]!;
        const docName = old.provider.roomname;
        old.provider.destroy();
        old.doc.destroy();
        clients[d]![c] = connect(url, docName, cookie, c);
        reconnects++;
      }
    }, 60_000);

    interface Sample {
      minute: number;
      serverKiB: number;
      dbKiB: number;
      heapKiB: number;
      heapTotalKiB: number;
      externalKiB: number;
      buffersKiB: number;
      structs: number;
    }
    const samples: Sample[] = [];
    const sample = async () => {
      const minute = (Date.now() - started) / 60_000;
      // After the collection /metrics runs: RSS then holds what is live, plus what
      // the allocators keep.
      const m = await serverMetrics(url);
      const serverKiB = rssKiB(pid);
      const dbKiB = childrenOf(pid).reduce((s, p) => s + rssKiB(p), 0);
      const heapKiB = m.nodejs_heap_used_bytes! / 1024;
      const heapTotalKiB = m.nodejs_heap_total_bytes! / 1024;
      const externalKiB = m.nodejs_external_memory_bytes! / 1024;
      const buffersKiB = m.nodejs_array_buffers_bytes! / 1024;
      const structs = m.koers_realtime_structs!;
      samples.push({
        minute,
        serverKiB,
        dbKiB,
        heapKiB,
        heapTotalKiB,
        externalKiB,
        buffersKiB,
        structs,
      });
      const synced = all().filter((c) => c.provider.synced).length;
      process.stdout.write(
        `[${minute.toFixed(1).padStart(5)} min] server RSS ${mb(serverKiB).padStart(7)} MB` +
          `  heap ${mb(heapKiB).padStart(6)} of ${mb(heapTotalKiB).padStart(6)} MB` +
          `  external ${mb(externalKiB).padStart(5)} MB (buffers ${mb(buffersKiB).padStart(5)})` +
          `  db RSS ${mb(dbKiB).padStart(7)} MB  docs ${m.koers_realtime_documents}` +
          `  sockets ${m.koers_realtime_sockets}  structs ${structs}  edits ${edits}` +
          `  graphql ${requests} (failed ${failedRequests})  reconnects ${reconnects}` +
          `  synced ${synced}/${all().length}\n`,
      );
    };
    await sample();
    while (Date.now() < end) {
      await sleep(Math.min(sampleMs, end - Date.now()));
      await sample();
    }
    clearInterval(editTimer);
    clearInterval(gqlTimer);
    clearInterval(reconnectTimer);

    const after = samples.filter((s) => s.minute >= warmupMinutes);
    const warm = after[0] ?? samples[0]!;
    const last = samples[samples.length - 1]!;
    const serverSlope = slope(after.map((s) => ({ x: s.minute / 60, y: s.serverKiB / 1024 })));
    const dbSlope = slope(after.map((s) => ({ x: s.minute / 60, y: s.dbKiB / 1024 })));
    const heapSlope = slope(after.map((s) => ({ x: s.minute / 60, y: s.heapKiB / 1024 })));
    process.stdout.write(
      `\nsoak result (${minutes} min, warm-up ${warmupMinutes.toFixed(1)} min):\n` +
        `  server RSS after warm-up ${mb(warm.serverKiB)} MB, final ${mb(last.serverKiB)} MB, ` +
        `ratio ${(last.serverKiB / warm.serverKiB).toFixed(3)}, slope ${serverSlope.toFixed(1)} MB/h\n` +
        `  V8 heap after warm-up ${mb(warm.heapKiB)} MB, final ${mb(last.heapKiB)} MB, ` +
        `slope ${heapSlope.toFixed(1)} MB/h; Yjs structs ${warm.structs} → ${last.structs}\n` +
        `  db RSS after warm-up ${mb(warm.dbKiB)} MB, final ${mb(last.dbKiB)} MB, ` +
        `slope ${dbSlope.toFixed(1)} MB/h\n` +
        `  ${edits} edits, ${requests} GraphQL requests (${failedRequests} failed), ${reconnects} reconnects\n` +
        `  RSS series (MB): ${samples.map((s) => mb(s.serverKiB)).join(", ")}\n` +
        `  heap series (MB): ${samples.map((s) => mb(s.heapKiB)).join(", ")}\n` +
        `  heap reserved series (MB): ${samples.map((s) => mb(s.heapTotalKiB)).join(", ")}\n` +
        `  external series (MB): ${samples.map((s) => mb(s.externalKiB)).join(", ")}\n`,
    );
  } finally {
    for (const client of clients.flat()) {
      client.provider.destroy();
      client.doc.destroy();
    }
    await koers?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
