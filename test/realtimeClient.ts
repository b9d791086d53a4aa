import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

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
