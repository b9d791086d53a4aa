import { loadConfig } from "./config";
import { createLogger, setRootLogger } from "./logger";
import { startKoers } from "./start";
import { DEMO_ACCOUNTS } from "./seed";

const config = loadConfig();
const log = createLogger({
  level: config.LOG_LEVEL,
  pretty: !config.isProduction && process.stdout.isTTY === true,
});
setRootLogger(log);

try {
  const running = await startKoers(config);
  const lines = [
    "",
    `  Koers is running at ${running.url}`,
    `  Database: ${config.MONGODB_URI ? "MONGODB_URI" : `embedded FerretDB, data in ${config.dataDir}`}`,
  ];
  if (config.KOERS_DEMO_DATA) {
    lines.push("  Demo accounts (email / password):");
    for (const a of DEMO_ACCOUNTS)
      lines.push(`    ${a.email.padEnd(28)} ${a.password}   ${a.description}`);
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await running.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
} catch (error) {
  log.fatal({ err: error }, "Koers could not start");
  process.exitCode = 1;
  // Let the logger flush.
  setTimeout(() => process.exit(1), 100);
}
