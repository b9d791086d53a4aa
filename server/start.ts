import type { Config } from "./config";
import { logger } from "./logger";
import { connectDb, disconnectDb, DbHealth } from "./db/connection";
import { ensureDbBinary, startEmbeddedDb, type EmbeddedDb } from "./db/embedded";
import { createKoers, sessionPolicy, type Koers } from "./app";
import { initOrgs, hasAnyOrganisation } from "./modules/orgs";
import { initUsers } from "./modules/users";
import { initAuth, sweepSessions } from "./modules/auth";
import { initPlans } from "./modules/plans";
import { initIndicators } from "./modules/indicators";
import { initActions } from "./modules/actions";
import { initCycles, repairCycles } from "./modules/cycles";
import { initAudit } from "./modules/audit";
import { seedDemoData, type DemoAccount } from "./seed";

export interface Running {
  url: string;
  koers: Koers;
  embedded: EmbeddedDb | null;
  mongoUri: string;
  demoAccounts: DemoAccount[] | null;
  stop(): Promise<void>;
}

/** Creates every collection and index; each module owns its own. */
export async function initModules(): Promise<void> {
  await Promise.all([
    initOrgs(),
    initUsers(),
    initAuth(),
    initPlans(),
    initIndicators(),
    initActions(),
    initCycles(),
    initAudit(),
  ]);
}

/**
 * Starts Koers: the database (MONGODB_URI, or the embedded one, which this
 * process supervises), the modules, demo data on first start, then HTTP.
 */
export async function startKoers(config: Config): Promise<Running> {
  const log = logger();
  let embedded: EmbeddedDb | null = null;
  let mongoUri = config.MONGODB_URI;
  if (!mongoUri) {
    const binary = await ensureDbBinary(config.binDir, log);
    embedded = await startEmbeddedDb({
      binary,
      dataDir: config.dataDir,
      port: config.KOERS_DB_PORT,
      log,
    });
    mongoUri = embedded.uri;
    log.info({ dataDir: config.dataDir }, "embedded database started");
  }
  const health = new DbHealth(log.child({ module: "db" }));
  try {
    const connection = await connectDb(mongoUri, config.KOERS_DB_NAME);
    await initModules();
    await repairCycles();
    health.monitor(connection);
    embedded?.exited.then((code) => {
      health.set("down", `embedded database exited (${code})`);
    });
    const demoAccounts =
      config.KOERS_DEMO_DATA && !(await hasAnyOrganisation()) ? await seedDemoData() : null;
    if (demoAccounts) log.info("demo data loaded (first start)");
    const policy = sessionPolicy(config);
    const sweeper = setInterval(
      () => void sweepSessions(policy).catch(() => undefined),
      10 * 60_000,
    );
    sweeper.unref();

    const koers = await createKoers(config, health);
    const url = await koers.listen();
    return {
      url,
      koers,
      embedded,
      mongoUri,
      demoAccounts,
      async stop() {
        clearInterval(sweeper);
        health.stop();
        await koers.close();
        await disconnectDb();
        await embedded?.stop();
      },
    };
  } catch (error) {
    health.stop();
    await disconnectDb().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
