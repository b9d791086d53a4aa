import pino, { type Logger } from "pino";

export type { Logger };

/** Root logger: JSON in production, pretty when a person watches the terminal. */
export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    redact: {
      paths: [
        "password",
        "*.password",
        "token",
        "*.token",
        "cookie",
        "*.cookie",
        "req.headers.cookie",
      ],
      censor: "[redacted]",
    },
    ...(options.pretty
      ? {
          transport: {
            target: "pino-pretty",
            options: { translateTime: "HH:MM:ss", ignore: "pid,hostname" },
          },
        }
      : {}),
  });
}

let root: Logger = pino({ level: "silent" });

/** Installs the process-wide root logger (main.ts and tests call this once). */
export function setRootLogger(logger: Logger): void {
  root = logger;
}

/** The root logger; modules take a child: `logger().child({ module: "plans" })`. */
export function logger(): Logger {
  return root;
}
