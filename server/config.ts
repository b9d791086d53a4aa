import path from "node:path";
import { z } from "zod";

/**
 * All configuration, parsed once at startup. Only this file reads process.env:
 * everything else imports `config` (or receives a Config in tests).
 */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("127.0.0.1"),
  KOERS_DATA_DIR: z.string().default(".data"),
  KOERS_BIN_DIR: z.string().optional(),
  KOERS_DB_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  MONGODB_URI: z.string().url().optional(),
  KOERS_DB_NAME: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,63}$/, "letters, digits, _ and - only (max 63)")
    .default("koers"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  KOERS_DEMO_DATA: bool.default(true),
  KOERS_PUBLIC_ORIGINS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(10),
  YJS_UNLOAD_AFTER_MS: z.coerce.number().int().min(0).default(30_000),
  /** Realtime sockets are pinged this often; one that missed a ping is cut off. */
  YJS_HEARTBEAT_MS: z.coerce.number().int().min(50).default(15_000),
  /** Quiet time after an edit of an action table before its Action records follow. */
  ACTION_SYNC_DEBOUNCE_MS: z.coerce.number().int().min(0).max(600_000).default(300),
  YJS_COMPACT_AFTER_UPDATES: z.coerce.number().int().min(2).default(500),
  KOERS_CLIENT_DIR: z.string().default("dist/client"),
  /** e.g. smtp://user:pass@mail.example.org:587 ; e-mail notifications are off without it. */
  SMTP_URL: z.string().url().optional(),
  /** Turns on GET /metrics for `Authorization: Bearer <this token>`. */
  KOERS_METRICS_TOKEN: z.string().min(16).optional(),
  SMTP_FROM: z.string().default("Koers <no-reply@koers.local>"),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  dataDir: string;
  binDir: string;
  clientDir: string;
  isProduction: boolean;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set" (as in `MONGODB_URI= npm start`).
  const set = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = configSchema.safeParse(set);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const raw = result.data;
  const dataDir = path.resolve(raw.KOERS_DATA_DIR);
  return {
    ...raw,
    dataDir,
    binDir: path.resolve(raw.KOERS_BIN_DIR ?? path.join(".data", "bin")),
    clientDir: path.resolve(raw.KOERS_CLIENT_DIR),
    isProduction: raw.NODE_ENV === "production",
  };
}

/** Reads the process environment; exits with a readable list when it is invalid. */
export function loadConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
}
