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
import { initActions, repairActionDocuments } from "./modules/actions";
import { initCycles, repairCycles } from "./modules/cycles";
import { initAudit } from "./modules/audit";
import { initPortfolio } from "./modules/portfolio";
import { seedDemoData, type DemoAccount } from "./seed";
import { initProposals } from "./modules/proposals";
import { initSeminars } from "./modules/seminars";
import { initComments } from "./modules/comments";
import { configureMail, initNotifications, startDueScanner } from "./modules/notifications";

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
    initPortfolio(),
    initProposals(),
    initSeminars(),
    initComments(),
    initNotifications(),
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
    // After the seed, so demo notifications are not mailed.
    configureMail({
      url: config.SMTP_URL,
      from: config.SMTP_FROM,
      baseUrl: config.KOERS_PUBLIC_ORIGINS[0],
    });
    const stopDueScanner = startDueScanner();
    const policy = sessionPolicy(config);
    const sweeper = setInterval(
      () => void sweepSessions(policy).catch(() => undefined),
      10 * 60_000,
    );
    sweeper.unref();

    const koers = await createKoers(config, health);
    const url = await koers.listen();
    // In the background: action records catch up with action plan documents
    // edited just before a crash (see modules/actions/documentSync.ts).
    const repair = repairActionDocuments().catch((error: unknown) =>
      log.error({ err: error }, "reconciling actions with their documents failed"),
    );
    return {
      url,
      koers,
      embedded,
      mongoUri,
      demoAccounts,
      async stop() {
        clearInterval(sweeper);
        stopDueScanner();
        health.stop();
        await repair;
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
