import { randomBytes } from "node:crypto";
import path from "node:path";
import { inject } from "vitest";
import { parseConfig, type Config } from "../server/config";
import { startKoers, type Running } from "../server/start";
import { DEMO_ACCOUNTS } from "../server/seed";
import { createLogger, setRootLogger } from "../server/logger";

// TEST_LOG_LEVEL=debug npx vitest … shows the server's logs while debugging a test.
if (process.env.TEST_LOG_LEVEL)
  setRootLogger(createLogger({ level: process.env.TEST_LOG_LEVEL, pretty: false }));

/** A database name of its own for each test file (FerretDB: [a-zA-Z0-9_-], ≤ 63). */
export function uniqueDbName(label: string): string {
  const base = path
    .basename(label)
    .replace(/\.test\.tsx?$/, "")
    .replace(/[^a-zA-Z0-9_-]/g, "_");
  return `t_${base.slice(0, 40)}_${randomBytes(4).toString("hex")}`;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: "silent",
    MONGODB_URI: inject("mongoUri"),
    KOERS_DEMO_DATA: "true",
    ...overrides,
  });
}

export interface TestServer extends Running {
  dbName: string;
  login(email: string, password?: string): Promise<string>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { cookie?: string; locale?: string },
  ): Promise<{ status: number; data?: T; errors?: GqlError[] }>;
}

export interface GqlError {
  message: string;
  path?: string[];
  extensions?: { code?: string; field?: string };
}

/** Starts Koers in this process on the shared embedded database, with demo data. */
export async function startTestServer(
  label: string,
  overrides: Record<string, string> = {},
): Promise<TestServer> {
  const dbName = overrides.KOERS_DB_NAME ?? uniqueDbName(label);
  const running = await startKoers(testConfig({ KOERS_DB_NAME: dbName, ...overrides }));
  return withClient(running, dbName);
}

export function withClient(running: Running, dbName: string): TestServer {
  return {
    ...running,
    dbName,
    login: (email, password) => login(running.url, email, password),
    gql: (query, variables, options) => gql(running.url, query, variables, options),
  };
}

export function demoPassword(email: string): string {
  return DEMO_ACCOUNTS.find((a) => a.email === email)?.password ?? "koers-demo-2026";
}

/** Signs in and returns the Cookie header value to send. */
export async function login(
  url: string,
  email: string,
  password = demoPassword(email),
): Promise<string> {
  const response = await fetch(`${url}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status}`);
  const setCookie = response.headers.get("set-cookie") ?? "";
  return setCookie.split(";")[0]!;
}

export async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { cookie?: string; locale?: string } = {},
): Promise<{ status: number; data?: T; errors?: GqlError[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.locale ? { "x-koers-locale": options.locale } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GqlError[] };
  return { status: response.status, ...body };
}
