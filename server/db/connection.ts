import mongoose from "mongoose";
import type { Logger } from "../logger";

mongoose.set("strictQuery", true);
// Filters built from user input never carry operators ({"$ne": null} becomes a literal).
mongoose.set("sanitizeFilter", true);
// Indexes are built by each module's Model.init(), which start-up awaits.

export type DbState = "up" | "down";

/** Tracks whether the database answers; /healthz and the realtime server read it. */
export class DbHealth {
  private state: DbState = "down";
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly log: Logger) {}

  get current(): DbState {
    return this.state;
  }

  set(state: DbState, reason?: string): void {
    if (state !== this.state) this.log.warn({ db: state, reason }, "database state changed");
    this.state = state;
  }

  /** Pings every `intervalMs`; a ping slower than `timeoutMs` counts as down. */
  monitor(connection: mongoose.Connection, intervalMs = 1000, timeoutMs = 1500): void {
    const ping = async () => {
      try {
        const db = connection.db;
        if (!db) throw new Error("not connected");
        await Promise.race([
          db.command({ ping: 1 }),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error("ping timeout")), timeoutMs),
          ),
        ]);
        this.set("up");
      } catch (error) {
        this.set("down", (error as Error).message);
      }
    };
    void ping();
    this.timer = setInterval(() => void ping(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const HOUSEKEEPING = new Set([
  "ping",
  "hello",
  "isMaster",
  "endSessions",
  "saslStart",
  "saslContinue",
]);
const roundTrips = { count: 0 };

/** Database commands sent so far by this process (health pings and handshakes excluded). */
export function countRoundTrips(): number {
  return roundTrips.count;
}

/**
 * Connects the process-wide mongoose connection. One server process owns the
 * database (see mutex.ts), so one connection per process is what we want.
 */
export async function connectDb(uri: string, dbName: string): Promise<mongoose.Connection> {
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: 10_000,
    // Acknowledged writes are journaled on MongoDB; FerretDB commits each write to SQLite.
    writeConcern: { w: "majority", j: true },
    // Lets tests and benchmarks count database round trips (see countRoundTrips).
    monitorCommands: true,
  });
  mongoose.connection.getClient().on("commandStarted", (event) => {
    if (!HOUSEKEEPING.has(event.commandName)) roundTrips.count++;
  });
  return mongoose.connection;
}

export async function disconnectDb(): Promise<void> {
  await mongoose.disconnect();
}
