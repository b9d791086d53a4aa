import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { upgradeStatus } from "../realtimeClient";
import { createPlanDoc } from "../realtime/planDocs";
import { CredentialModel, UserModel } from "../../server/modules/users/model";

/**
 * Sessions, OWASP ASVS L2 (reliability-anchors S1–S4), for what
 * test/integration/auth.test.ts does not already cover: argon2id parameters,
 * a cookie planted before login is worthless afterwards, the idle (30 min) and
 * absolute (10 h) timeouts with the default configuration on a fake clock, and
 * the per-IP failure budget with its 5-minute window. The server runs in this
 * process, so faking Date moves its clock too.
 */
let server: TestServer;
let docName: string;

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  const director = await server.login("director@koers.demo");
  docName = await createPlanDoc(server, director, "Session timeouts");
});
afterAll(() => server?.stop());
afterEach(() => vi.useRealTimers());

const MINUTE = 60_000;
const me = (cookie: string) =>
  fetch(`${server.url}/auth/me`, { headers: { cookie } }).then((r) => r.status);
const yjsUpgrade = (cookie: string) =>
  upgradeStatus(`${server.url.replace(/^http/, "ws")}/yjs/${docName}`, { cookie });

/** Fakes only Date (timers, I/O and the database driver keep running) from `start` on. */
function fakeClock(start = Date.now()) {
  vi.useFakeTimers({ toFake: ["Date"], now: start });
  let now = start;
  return (ms: number) => {
    now += ms;
    vi.setSystemTime(now);
  };
}

async function attempt(email: string, password: string, ip: string) {
  const response = await fetch(`${server.url}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, body: await response.text() };
}

describe("sessions (ASVS L2)", () => {
  it("stores passwords as argon2id with m ≥ 19456 KiB and t ≥ 2", async () => {
    const users = await UserModel.find({}).lean();
    expect(users.length).toBeGreaterThan(5);
    const credentials = await CredentialModel.find({}).lean();
    expect(credentials).toHaveLength(users.length);
    for (const { passwordHash } of credentials) {
      const [, kind, , params] = passwordHash.split("$");
      expect(kind).toBe("argon2id");
      const values = Object.fromEntries(params!.split(",").map((p) => p.split("=")));
      expect(Number(values.m)).toBeGreaterThanOrEqual(19_456);
      expect(Number(values.t)).toBeGreaterThanOrEqual(2);
    }
  });

  it("makes a cookie presented at login worthless: the session id changes", async () => {
    const planted = await server.login("viewer@koers.demo");
    const response = await fetch(`${server.url}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: planted },
      body: JSON.stringify({ email: "viewer@koers.demo", password: "koers-demo-2026" }),
    });
    expect(response.status).toBe(200);
    const fresh = (response.headers.get("set-cookie") ?? "").split(";")[0]!;
    // 32 random bytes, base64url: 256 bits (≥ 128 required).
    expect(fresh).toMatch(/^koers_session=[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(planted);
    expect(await me(planted)).toBe(401);
    expect(await me(fresh)).toBe(200);
  });

  it("ends a session idle for more than 30 minutes, also for websockets", async () => {
    const advance = fakeClock();
    const cookie = await server.login("viewer@koers.demo");
    // Activity keeps it alive well past 30 minutes in all.
    for (let i = 0; i < 3; i++) {
      advance(29 * MINUTE);
      expect(await me(cookie)).toBe(200);
    }
    expect(await yjsUpgrade(cookie)).toBe(101);
    advance(31 * MINUTE);
    expect(await yjsUpgrade(cookie)).toBe(401);
    expect(await me(cookie)).toBe(401);
    // And it does not come back.
    advance(-20 * MINUTE);
    expect(await me(cookie)).toBe(401);
  });

  it("ends every session 10 hours after login, however active", async () => {
    const advance = fakeClock();
    const cookie = await server.login("viewer@koers.demo");
    for (let elapsed = 0; elapsed < 9 * 60 + 40; elapsed += 20) {
      advance(20 * MINUTE);
      expect(await me(cookie), `after ${elapsed + 20} min`).toBe(200);
    }
    advance(25 * MINUTE); // 10 h 5 min after login, last request 25 min ago
    expect(await me(cookie)).toBe(401);
    expect(await yjsUpgrade(cookie)).toBe(401);
  });

  it("answers 429 after 10 failures from one IP in 5 minutes, and again after the window", async () => {
    const advance = fakeClock();
    const ip = "10.7.7.7";
    const statuses: number[] = [];
    // Ten different accounts (existing and not): the budget is per address too.
    for (let i = 0; i < 10; i++)
      statuses.push((await attempt(`probe-${i}@koers.demo`, "wrong-password", ip)).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const blocked = await attempt("viewer@koers.demo", "koers-demo-2026", ip);
    expect(blocked.status).toBe(429);
    // Another address is not blocked.
    expect((await attempt("viewer@koers.demo", "koers-demo-2026", "10.7.7.8")).status).toBe(200);
    advance(5 * MINUTE + 1000);
    expect((await attempt("viewer@koers.demo", "koers-demo-2026", ip)).status).toBe(200);
  });

  it("answers an unknown account and a wrong password byte for byte the same", async () => {
    const unknown = await attempt("nobody-at-all@koers.demo", "wrong-password", "10.6.6.6");
    const wrong = await attempt("viewer@koers.demo", "wrong-password", "10.6.6.7");
    expect(unknown.status).toBe(401);
    expect(wrong).toEqual(unknown);
  });

  it("takes as long for an unknown account as for a wrong password (an argon2id verify each)", async () => {
    // Without the dummy verify an unknown account answers in ~1 ms, a wrong password
    // in one argon2id verify: the timing would tell which e-mail addresses exist.
    const users = (await UserModel.find({ disabled: false }).lean()).slice(0, 6);
    const timed = async (email: string, ip: string) => {
      const started = performance.now();
      const { status } = await attempt(email, "wrong-password", ip);
      expect(status).toBe(401);
      return performance.now() - started;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, so load on the machine hits both alike; under the budget of 10
    // failures per account and per address.
    for (let i = 0; i < 12; i++) {
      unknown.push(await timed(`nobody-${i}@koers.demo`, `10.5.1.${i}`));
      wrong.push(await timed(users[i % users.length]!.email, `10.5.2.${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const ratio = median(unknown) / median(wrong);
    console.log(
      `login timing: unknown account median ${median(unknown).toFixed(1)} ms, ` +
        `wrong password ${median(wrong).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
