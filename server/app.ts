import http, { type IncomingMessage } from "node:http";
import fs from "node:fs";
import path from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import { expressMiddleware } from "@as-integrations/express5";
import { WebSocketServer } from "ws";
import type { Config } from "./config";
import { logger } from "./logger";
import { createContext } from "./context";
import { DbHealth } from "./db/connection";
import { buildSchema } from "./graphql/schema";
import { attachSubscriptions, createApollo } from "./graphql/server";
import { localeFromRequest, translate } from "./i18n";
import {
  authRouter,
  openSockets,
  resolveActor,
  sessionEvents,
  type SessionPolicy,
} from "./modules/auth";
import { documentKinds } from "./modules/documents";
import {
  attachActionDocuments,
  detachActionDocuments,
  onActionDocumentUpdate,
} from "./modules/actions";
import { VersionService } from "./realtime/versions";
import { transferRouter } from "./modules/transfer";
import { seminarRouter, setSeminarRealtime } from "./modules/seminars";
import { RealtimeServer, MAX_FRAME_BYTES } from "./realtime/server";
import { setDocumentRightsListener } from "./realtime/rights";
import { isLocale } from "../shared/domain";
import { metricsHandler } from "./metrics";

export interface Koers {
  httpServer: http.Server;
  realtime: RealtimeServer;
  health: DbHealth;
  /** Listens on the configured port (0 = a free one) and resolves with the URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export function sessionPolicy(config: Config): SessionPolicy {
  return {
    idleMs: config.SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: config.SESSION_ABSOLUTE_HOURS * 3_600_000,
  };
}

/**
 * Checks the Origin of browser requests that carry the session cookie by
 * themselves (websocket upgrades): same host, or a configured public origin.
 * Non-browser clients send no Origin and must still present a session cookie.
 */
function originChecker(config: Config) {
  return (request: IncomingMessage): boolean => {
    const origin = request.headers.origin;
    if (!origin) return true;
    if (config.KOERS_PUBLIC_ORIGINS.includes(origin)) return true;
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  };
}

/** Assembles the HTTP server: health, auth, GraphQL (HTTP + ws), Yjs, and the web client. */
export async function createKoers(config: Config, health: DbHealth): Promise<Koers> {
  const log = logger().child({ module: "http" });
  const policy = sessionPolicy(config);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  const httpServer = http.createServer(app);
  const isOriginAllowed = originChecker(config);

  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    next();
  });

  app.get("/healthz", (_req, res) => {
    const db = health.current;
    res.status(db === "up" ? 200 : 503).json({ status: db === "up" ? "ok" : "degraded", db });
  });

  app.use("/auth", express.json({ limit: "16kb" }), authRouter(policy, { secureCookies: false }));

  app.use(
    "/api",
    transferRouter((req) => resolveActor(req.headers.cookie, policy)),
  );
  app.use(
    "/api",
    seminarRouter((req) => resolveActor(req.headers.cookie, policy)),
  );

  const schema = buildSchema();
  const { apollo, validationRules } = await createApollo(schema, httpServer, config.isProduction);
  const realtime = new RealtimeServer({
    log: logger().child({ module: "realtime" }),
    docKinds: documentKinds(),
    resolveActor: (req) => resolveActor(req.headers.cookie, policy),
    isOriginAllowed,
    unloadAfterMs: config.YJS_UNLOAD_AFTER_MS,
    heartbeatMs: config.YJS_HEARTBEAT_MS,
    compactAfter: config.YJS_COMPACT_AFTER_UPDATES,
    onStoreError: () => health.set("down", "a realtime write failed"),
    // The table of actions in `plan/*` documents is projected onto Action records.
    onClientUpdate: onActionDocumentUpdate,
    trackSocket: (socket, actor) => openSockets.track(socket, actor),
  });
  app.get(
    "/metrics",
    metricsHandler(config.KOERS_METRICS_TOKEN, {
      realtime: () => realtime.stats(),
      trackedSockets: () => openSockets.size,
      dbUp: () => health.current === "up",
    }),
  );
  const versions = new VersionService(realtime, logger().child({ module: "versions" }));
  // Seminar boards read their notes (votes, outcome, report) from the co-writing server.
  setSeminarRealtime(realtime);
  setDocumentRightsListener((docName) => realtime.reconnectDocument(docName));
  attachActionDocuments(realtime, { debounceMs: config.ACTION_SYNC_DEBOUNCE_MS });

  const contextFor = async (req: IncomingMessage) => {
    const actor = await resolveActor(req.headers.cookie, policy);
    const explicit = req.headers["x-koers-locale"];
    const locale = isLocale(explicit) ? explicit : (actor?.locale ?? localeFromRequest(req));
    return createContext(actor, locale, versions);
  };
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: async ({ req }) => contextFor(req) }),
  );

  const graphqlWs = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const subscriptions = attachSubscriptions({
    wss: graphqlWs,
    schema,
    validationRules,
    contextFor,
  });

  // Sockets of a session that ended are closed at once (logout, disabled account).
  const onRevoked = (sessionId: string) => realtime.closeWhere((c) => c.sessionId === sessionId);
  const onUserRevoked = (userId: string) => realtime.closeWhere((c) => c.userId === userId);
  sessionEvents.on("revoked", onRevoked);
  sessionEvents.on("user-revoked", onUserRevoked);

  httpServer.on("upgrade", (request, socket, head) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname.startsWith("/yjs/")) {
      // Document names are plain ASCII (`plan/<id>`): no decoding, so a malformed
      // escape cannot throw here; the realtime server refuses unknown names with 404.
      void realtime.handleUpgrade(request, socket, head, url.pathname.slice(5));
    } else if (url.pathname === "/graphql" && isOriginAllowed(request)) {
      // As for Yjs: no session → 401 at the upgrade; the socket is registered so
      // that logout, a disabled account or a removed membership closes it.
      void resolveActor(request.headers.cookie, policy).then(
        (actor) => {
          if (!actor)
            return socket.end(
              "HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
            );
          graphqlWs.handleUpgrade(request, socket, head, (ws) => {
            openSockets.track(ws, actor);
            graphqlWs.emit("connection", ws, request);
          });
        },
        (error: unknown) => {
          log.error({ err: error }, "graphql-ws upgrade failed");
          socket.end(
            "HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
          );
        },
      );
    } else {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    }
  });

  // The built web client, with index.html for every client-side route.
  const indexHtml = path.join(config.clientDir, "index.html");
  if (fs.existsSync(indexHtml)) {
    app.use(express.static(config.clientDir, { index: false, maxAge: "1h" }));
    app.get(/^\/(?!graphql|auth|yjs|healthz|metrics|api\/).*/, (_req, res) =>
      res.sendFile(indexHtml),
    );
  } else {
    log.warn({ clientDir: config.clientDir }, "no built web client; run `npm run build:client`");
  }

  // Body too large, bad JSON, or anything unexpected: a JSON error, never a stack.
  app.use(
    (
      error: Error & { status?: number; type?: string },
      req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
      if (status === 500) log.error({ err: error }, "unexpected error");
      const key =
        status === 413
          ? "errors.tooLarge"
          : status === 500
            ? "errors.INTERNAL_SERVER_ERROR"
            : "errors.badRequest";
      const code = status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST";
      const message = translate(localeFromRequest(req), key);
      res.status(status).json({ errors: [{ message, extensions: { code } }] });
    },
  );

  return {
    httpServer,
    realtime,
    health,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(config.PORT, config.HOST, () => {
          const address = httpServer.address();
          const port = typeof address === "object" && address ? address.port : config.PORT;
          resolve(`http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`);
        });
      }),
    async close() {
      sessionEvents.off("revoked", onRevoked);
      sessionEvents.off("user-revoked", onUserRevoked);
      await subscriptions.dispose();
      for (const client of graphqlWs.clients) client.terminate();
      graphqlWs.close();
      await detachActionDocuments(realtime);
      await realtime.close();
      await apollo.stop();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

export { MAX_FRAME_BYTES };
