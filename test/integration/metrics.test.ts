import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricsHandler } from "../../server/metrics";
import { startTestServer, type TestServer } from "../harness";
import { connectClient, synced, waitFor, waitForAsync } from "../realtimeClient";
import { createPlanDoc } from "../realtime/planDocs";

/** GET /metrics: off unless a token is configured, then only for that bearer token. */
const TOKEN = "metrics-test-token-5a1f9c0e";
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(import.meta.filename, { KOERS_METRICS_TOKEN: TOKEN });
});
afterAll(() => server?.stop());

const scrape = (authorization?: string) =>
  fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });

function parse(text: string): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const match = /^(\w+) (\S+)$/.exec(line);
    if (match) figures[match[1]!] = Number(match[2]);
  }
  return figures;
}

describe("GET /metrics", () => {
  it("refuses a missing or wrong token, and a session cookie is not enough", async () => {
    const cookie = await server.login("admin@koers.demo");
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(TOKEN)).status).toBe(401);
    const withCookie = await fetch(`${server.url}/metrics`, { headers: { cookie } });
    expect(withCookie.status).toBe(401);
    expect(await withCookie.text()).not.toContain("process_resident_memory_bytes");
  });

  it("reports memory, loaded documents, sockets and Yjs structs in the Prometheus format", async () => {
    const cookie = await server.login("director@koers.demo");
    const docName = await createPlanDoc(server, cookie, "Metrics");
    const before = parse(await (await scrape(`Bearer ${TOKEN}`)).text());
    const client = connectClient(server.url, docName, cookie);
    await synced(client);
    client.text.insert(0, "abc");
    // The edit is in the server's document once a second client receives it.
    const watcher = connectClient(server.url, docName, cookie);
    await waitFor(() => watcher.text.toString() === "abc", 10_000, "relay");
    watcher.destroy();
    const figures = async () => parse(await (await scrape(`Bearer ${TOKEN}`)).text());
    await waitForAsync(
      async () => (await figures()).koers_realtime_sockets === before.koers_realtime_sockets! + 1,
      10_000,
      "the watcher's socket closed",
    );
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain("# TYPE process_resident_memory_bytes gauge");
    const after = parse(text);
    expect(after.process_resident_memory_bytes).toBeGreaterThan(10 * 2 ** 20);
    expect(after.nodejs_heap_used_bytes).toBeGreaterThan(0);
    expect(after.koers_db_up).toBe(1);
    expect(after.koers_realtime_documents).toBe(before.koers_realtime_documents! + 1);
    expect(after.koers_realtime_sockets).toBe(before.koers_realtime_sockets! + 1);
    expect(after.koers_realtime_structs).toBeGreaterThan(before.koers_realtime_structs!);
    client.destroy();
  });

  it("answers 404 when no token is configured", async () => {
    const app = express();
    app.get(
      "/metrics",
      metricsHandler(undefined, {
        realtime: () => ({ documents: 0, sockets: 0, structs: 0 }),
        trackedSockets: () => 0,
        dbUp: () => true,
      }),
    );
    const plain = http.createServer(app);
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = plain.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { authorization: "Bearer anything-at-all-here" },
      });
      expect(response.status).toBe(404);
    } finally {
      plain.close();
    }
  });
});
