import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestServer, type TestServer } from "../harness";
import { connectClient, synced, upgradeStatus, waitFor } from "../realtimeClient";
import { createPlanDoc } from "../realtime/planDocs";

/**
 * R4: a page of another site cannot open either websocket with the user's
 * cookie (Cross-Site WebSocket Hijacking). The browser sends the page's Origin
 * with every upgrade; only our own host and the configured public origins pass.
 */
const PUBLIC_ORIGIN = "https://koers.brussels.example";
const FOREIGN_ORIGINS = [
  "https://evil.example",
  "http://localhost.evil.example",
  "null",
  "not a url",
  `${PUBLIC_ORIGIN}.evil.example`,
];

let server: TestServer;
let cookie: string;
let docName: string;

beforeAll(async () => {
  server = await startTestServer(import.meta.filename, { KOERS_PUBLIC_ORIGINS: PUBLIC_ORIGIN });
  cookie = await server.login("director@koers.demo");
  docName = await createPlanDoc(server, cookie, "Origin check");
});
afterAll(() => server?.stop());

const wsUrl = (path: string) => `${server.url.replace(/^http/, "ws")}${path}`;
const sockets = () => [
  { name: "Yjs", url: wsUrl(`/yjs/${docName}`), protocol: undefined },
  { name: "graphql-ws", url: wsUrl("/graphql"), protocol: "graphql-transport-ws" },
];

/** The status of an upgrade with a subprotocol (graphql-ws needs one to be accepted). */
function statusWith(url: string, headers: Record<string, string>, protocol?: string) {
  if (!protocol) return upgradeStatus(url, headers);
  return new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(url, protocol, { headers });
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("error", (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

describe("websocket Origin check", () => {
  it("refuses a foreign Origin with 403 on both websockets, even with a valid session", async () => {
    for (const socket of sockets()) {
      for (const origin of FOREIGN_ORIGINS) {
        const status = await statusWith(socket.url, { cookie, origin }, socket.protocol);
        expect(`${socket.name} ${origin}: ${status}`).toBe(`${socket.name} ${origin}: 403`);
      }
    }
  });

  it("accepts our own host, a configured public origin and clients without an Origin", async () => {
    for (const socket of sockets()) {
      for (const origin of [server.url, PUBLIC_ORIGIN, undefined]) {
        const headers: Record<string, string> = { cookie, ...(origin ? { origin } : {}) };
        const status = await statusWith(socket.url, headers, socket.protocol);
        expect(`${socket.name} ${origin}: ${status}`).toBe(`${socket.name} ${origin}: 101`);
      }
    }
  });

  it("sends no document byte to a foreign page, and the document stays usable", async () => {
    const ws = new WebSocket(wsUrl(`/yjs/${docName}`), {
      headers: { cookie, origin: "https://evil.example" },
    });
    const received: Buffer[] = [];
    ws.on("message", (data: Buffer) => received.push(data));
    const outcome = await new Promise<string>((resolve) => {
      ws.on("unexpected-response", (_req, res) => resolve(String(res.statusCode)));
      ws.on("open", () => resolve("open"));
      ws.on("error", () => undefined);
    });
    ws.terminate();
    expect(outcome).toBe("403");
    expect(received).toEqual([]);

    const client = connectClient(server.url, docName, cookie);
    await synced(client);
    client.text.insert(0, "still reachable");
    const other = connectClient(server.url, docName, cookie);
    await waitFor(() => other.text.toString() === "still reachable", 5000, "relay");
    client.destroy();
    other.destroy();
  });
});
