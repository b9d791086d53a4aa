import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

// Each WebsocketProvider adds a process "exit" listener in Node; tests open dozens.
process.setMaxListeners(200);

/** A WebSocket class that sends a session cookie (browsers do this by themselves). */
export function webSocketWithCookie(cookie: string | undefined, origin?: string) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, {
        headers: { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) },
      });
    }
  };
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  destroy(): void;
}

/** A stock y-websocket WebsocketProvider connected to `/yjs/<docName>` as the cookie's user. */
export function connectClient(
  baseUrl: string,
  docName: string,
  cookie?: string,
  options: { connect?: boolean } = {},
): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/yjs`, docName, doc, {
    WebSocketPolyfill: webSocketWithCookie(cookie) as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    maxBackoffTime: 200,
    // In one Node process every provider would share an in-memory BroadcastChannel;
    // tests must see only what goes through the server.
    disableBc: true,
  });
  return {
    doc,
    provider,
    text: doc.getText("notes"),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function waitFor(
  condition: () => boolean,
  timeoutMs = 10_000,
  what = "condition",
): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (condition()) return resolve();
      if (Date.now() - started > timeoutMs)
        return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

export async function waitForAsync(
  condition: () => Promise<boolean>,
  timeoutMs = 10_000,
  what = "condition",
) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const synced = (client: Client) => waitFor(() => client.provider.synced, 10_000, "sync");

/** The HTTP status with which the server answers a websocket upgrade. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
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

/** What a raw frame from the server is, by its y-websocket message and sync types. */
export type FrameKind = "sync-step-1" | "sync-step-2" | "update" | "awareness" | "other";

export function frameKind(frame: Uint8Array): FrameKind {
  if (frame[0] === 1) return "awareness";
  if (frame[0] !== 0) return "other";
  return frame[1] === 0 ? "sync-step-1" : frame[1] === 1 ? "sync-step-2" : "update";
}

/** A bare websocket on `/yjs/<docName>`: sends exactly the frames a test gives it. */
export interface RawClient {
  ws: WebSocket;
  frames: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  send(frame: Uint8Array): Promise<void>;
}

export function connectRaw(baseUrl: string, docName: string, cookie?: string): RawClient {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/yjs/${docName}`, {
    headers: cookie ? { cookie } : {},
    // Our own limit must not hide the server's.
    maxPayload: 64 * 1024 * 1024,
  });
  const frames: Uint8Array[] = [];
  ws.on("message", (data: Buffer) => frames.push(new Uint8Array(data)));
  ws.on("error", () => undefined);
  return {
    ws,
    frames,
    opened: new Promise((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("unexpected-response", (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
    }),
    closed: new Promise((resolve) =>
      ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    ),
    send: (frame) =>
      new Promise((resolve, reject) => ws.send(frame, (e) => (e ? reject(e) : resolve()))),
  };
}
