import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
});
afterAll(() => server?.stop());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("health", () => {
  it("reports the database up", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "up" });
  });
});

describe("sign-in", () => {
  it("sets an httpOnly SameSite session cookie with a 256-bit id", async () => {
    const response = await post("/auth/login", {
      email: "admin@koers.demo",
      password: "koers-admin-2026",
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^koers_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    const body = (await response.json()) as { user: { email: string; isAdmin: boolean } };
    expect(body.user).toMatchObject({ email: "admin@koers.demo", isAdmin: true });
  });

  it("gives identical answers for an unknown user and a wrong password", async () => {
    const unknown = await post("/auth/login", {
      email: "nobody@koers.demo",
      password: "whatever-123",
    });
    const wrong = await post("/auth/login", { email: "head@koers.demo", password: "whatever-123" });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.text()).toBe(await wrong.text());
  });

  it("answers in the language asked for", async () => {
    const response = await post(
      "/auth/login",
      { email: "x@y.z", password: "nope-nope" },
      { "accept-language": "fr-BE" },
    );
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toBe("L'adresse e-mail ou le mot de passe est incorrect.");
  });

  it("refuses a form post (login CSRF)", async () => {
    const response = await fetch(`${server.url}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=admin%40koers.demo&password=koers-admin-2026",
    });
    expect(response.status).toBe(415);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("gives a new session id at every login and ends it server-side on logout", async () => {
    const first = await server.login("director@koers.demo");
    const second = await server.login("director@koers.demo");
    expect(first).not.toBe(second);
    const me = await fetch(`${server.url}/auth/me`, { headers: { cookie: second } });
    expect(me.status).toBe(200);
    const logout = await post("/auth/logout", {}, { cookie: second });
    expect(logout.status).toBe(204);
    expect(logout.headers.get("clear-site-data")).toContain("storage");
    const after = await fetch(`${server.url}/auth/me`, { headers: { cookie: second } });
    expect(after.status).toBe(401);
    const viewer = await server.gql<{ viewer: null }>("{ viewer { id } }", {}, { cookie: second });
    expect(viewer.data?.viewer).toBeNull();
  });

  it("answers 429 after 10 failed logins for one account in 5 minutes", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await post(
        "/auth/login",
        { email: "pmo@koers.demo", password: `wrong-${i}` },
        { "x-forwarded-for": "10.9.9.9" },
      );
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right password is refused while blocked.
    const right = await post("/auth/login", {
      email: "pmo@koers.demo",
      password: "koers-demo-2026",
    });
    expect(right.status).toBe(429);
  });
});
