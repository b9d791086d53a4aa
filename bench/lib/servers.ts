import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { WebSocketServer } from "ws";
import * as referenceServer from "@y/websocket-server/utils";
import { parseConfig } from "../../server/config";
import { ensureDbBinary, startEmbeddedDb, type EmbeddedDb } from "../../server/db/embedded";
import { startKoers, type Running } from "../../server/start";

const root = path.resolve(import.meta.dirname, "../..");

// Small copies of test/harness.ts helpers: that file needs vitest's inject().
async function login(url: string, email: string, password = "koers-demo-2026"): Promise<string> {
  const response = await fetch(`${url}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status}`);
  return (response.headers.get("set-cookie") ?? "").split(";")[0]!;
}

async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  { cookie }: { cookie: string },
): Promise<{ data?: T; errors?: unknown[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: unknown[] };
}

export interface BenchKoers {
  running: Running;
  db: EmbeddedDb;
  cookie: string;
  /** Names of realtime documents of new plans the cookie's user may edit. */
  createDocs(count: number, label: string): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Koers in this process, as test/harness.ts starts it, on an embedded database
 * of its own in a temporary directory (no vitest globalSetup here).
 */
export async function startBenchKoers(env: Record<string, string> = {}): Promise<BenchKoers> {
  const log = pino({ level: "warn" });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koers-bench-"));
  let db: EmbeddedDb | undefined;
  let running: Running;
  try {
    const binary = await ensureDbBinary(path.join(root, ".data/bin"), log);
    db = await startEmbeddedDb({ binary, dataDir, port: 0, log });
    running = await startKoers(
      parseConfig({
        NODE_ENV: "test",
        PORT: "0",
        LOG_LEVEL: "silent",
        MONGODB_URI: db.uri,
        KOERS_DB_NAME: "bench",
        KOERS_DEMO_DATA: "true",
        ...env,
      }),
    );
  } catch (error) {
    await db?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const cookie = await login(running.url, "director@koers.demo");
  const me = await gql<{ viewer: { planningUnits: { id: string }[] } }>(
    running.url,
    "{ viewer { planningUnits { id } } }",
    {},
    { cookie },
  );
  const orgUnitId = me.data!.viewer.planningUnits[0]!.id;
  const database = db;
  return {
    running,
    db: database,
    cookie,
    async createDocs(count, label) {
      const names: string[] = [];
      for (let i = 0; i < count; i++) {
        const created = await gql<{ createPlan: { id: string } }>(
          running.url,
          `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`,
          {
            input: {
              kind: "operational_plan",
              title: `${label} ${i + 1}`,
              orgUnitId,
              periodStart: 2026,
              periodEnd: 2026,
            },
          },
          { cookie },
        );
        if (!created.data) throw new Error(`createPlan failed: ${JSON.stringify(created.errors)}`);
        names.push(`plan/${created.data.createPlan.id}`);
      }
      return names;
    },
    async stop() {
      await running.stop();
      await database.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BenchReference {
  url: string;
  stop(): Promise<void>;
}

/** The reference: @y/websocket-server's setupWSConnection on a plain HTTP server, no persistence. */
export async function startReference(): Promise<BenchReference> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) =>
      referenceServer.setupWSConnection(ws, request, { gc: true }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      for (const doc of referenceServer.docs.values()) doc.destroy();
      referenceServer.docs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
