import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import { logger } from "../../logger";
import { translate, localeFromRequest } from "../../i18n";
import { setUserLocale, toActor, verifyCredentials } from "../users";
import { closeSession, openSession, type SessionPolicy } from "./sessions";
import { clearLoginFailures, isLoginBlocked, recordLoginFailure } from "./rateLimit";
import { resolveActor, SESSION_COOKIE } from "./actor";

const loginInput = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});

function sendError(res: Response, req: Request, status: number, code: string, key: string) {
  res.status(status).json({ error: { code, message: translate(localeFromRequest(req), key) } });
}

/** POST /auth/login, POST /auth/logout, GET /auth/me, PUT /auth/locale. */
export function authRouter(policy: SessionPolicy, options: { secureCookies: boolean }): Router {
  const router = express.Router();
  const log = logger().child({ module: "auth" });
  const cookieOptions = {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: options.secureCookies,
    path: "/",
  };

  router.post("/login", async (req, res, next) => {
    try {
      // A form post (login CSRF) has no JSON content type: refuse it.
      if (!req.is("application/json"))
        return sendError(res, req, 415, "BAD_REQUEST", "errors.jsonRequired");
      const parsed = loginInput.safeParse(req.body);
      if (!parsed.success) return sendError(res, req, 400, "BAD_USER_INPUT", "errors.loginInput");
      const accountKey = `acct:${parsed.data.email.toLowerCase()}`;
      const ipKey = `ip:${req.ip}`;
      if (isLoginBlocked([accountKey, ipKey])) {
        log.warn({ ip: req.ip }, "login blocked: too many failures");
        return sendError(res, req, 429, "TOO_MANY_REQUESTS", "errors.tooManyLogins");
      }
      const user = await verifyCredentials(parsed.data.email, parsed.data.password);
      if (!user) {
        recordLoginFailure([accountKey, ipKey]);
        log.info({ ip: req.ip }, "login failed");
        return sendError(res, req, 401, "UNAUTHENTICATED", "errors.badCredentials");
      }
      clearLoginFailures(accountKey);
      // A new session id at every login: a cookie planted before login is worthless.
      const previous = await resolveActor(req.headers.cookie, policy);
      if (previous) await closeSession(previous.sessionId);
      const session = await openSession(String(user._id), policy);
      res.cookie(SESSION_COOKIE, session.token, { ...cookieOptions, maxAge: policy.absoluteMs });
      log.info({ userId: String(user._id) }, "login");
      const actor = toActor(user, session.id);
      res.json({ user: publicUser(actor) });
    } catch (error) {
      next(error);
    }
  });

  router.post("/logout", async (req, res, next) => {
    try {
      const actor = await resolveActor(req.headers.cookie, policy);
      if (actor) {
        await closeSession(actor.sessionId);
        log.info({ userId: actor.id }, "logout");
      }
      res.clearCookie(SESSION_COOKIE, cookieOptions);
      res.setHeader("Clear-Site-Data", '"cache", "storage"');
      res.status(204).end();
    } catch (error) {
      next(error);
    }
  });

  router.get("/me", async (req, res, next) => {
    try {
      const actor = await resolveActor(req.headers.cookie, policy);
      if (!actor) return sendError(res, req, 401, "UNAUTHENTICATED", "errors.UNAUTHENTICATED");
      res.json({ user: publicUser(actor) });
    } catch (error) {
      next(error);
    }
  });

  router.put("/locale", async (req, res, next) => {
    try {
      const actor = await resolveActor(req.headers.cookie, policy);
      if (!actor) return sendError(res, req, 401, "UNAUTHENTICATED", "errors.UNAUTHENTICATED");
      const locale = z.object({ locale: z.enum(["nl", "fr", "en"]) }).safeParse(req.body);
      if (!locale.success) return sendError(res, req, 400, "BAD_USER_INPUT", "errors.badLocale");
      await setUserLocale(actor.id, locale.data.locale);
      res.status(204).end();
    } catch (error) {
      next(error);
    }
  });

  return router;
}

function publicUser(actor: ReturnType<typeof toActor>) {
  return {
    id: actor.id,
    name: actor.name,
    email: actor.email,
    locale: actor.locale,
    isAdmin: actor.isAdmin,
  };
}
