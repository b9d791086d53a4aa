import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import pino from "pino";
import { ensureDbBinary, startEmbeddedDb, type EmbeddedDb } from "../server/db/embedded";

/**
 * One real embedded FerretDB for the whole run; every test file uses a database
 * of its own on it (see harness.ts). Nothing is mocked.
 */
let db: EmbeddedDb | undefined;
let dataDir: string | undefined;

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    dbBinary: string;
  }
}

export async function setup(project: TestProject) {
  const log = pino({ level: "info" });
  const binary = await ensureDbBinary(path.resolve(".data/bin"), log);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koers-test-db-"));
  db = await startEmbeddedDb({ binary, dataDir, port: 0, log });
  project.provide("mongoUri", db.uri);
  project.provide("dbBinary", binary);
}

export async function teardown() {
  await db?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
