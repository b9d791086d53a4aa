import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { Actor } from "../../authz";
import { AppError, httpStatusOf, unauthenticated } from "../../errors";
import { localeFromRequest, translate } from "../../i18n";
import { logger } from "../../logger";
import { createContext } from "../../context";
import { getScoreboard } from "../cycles";
import { getPlan } from "../plans";
import { getOrganisation, getOrgUnits } from "../orgs";
import { isLocale, type Locale } from "../../../shared/domain";
import { localize } from "../../../shared/localized";
import { parsePlanText } from "../../../shared/planImport/parse";
import { readDocument } from "./readers";
import { exportPlanJson, importPlanJson, type PlanJson } from "./planJson";
import { scoreboardCsv, scoreboardPdf, scoreboardXlsx } from "./scoreboardExport";

const MAX_UPLOAD = 20 * 1024 * 1024;

/**
 * File transfer over plain HTTP (uploads and downloads do not fit GraphQL):
 *   POST /api/import/parse                          a document → the parsed tree and warnings
 *   GET  /api/plans/:id/export.json                 the whole plan, for backup or moving
 *   POST /api/plans/import.json?orgUnitId=…         a plan export → a new plan
 *   GET  /api/plans/:id/scoreboard/:period.:format  xlsx, pdf or csv
 * Every route authorizes through the same services as GraphQL.
 */
export function transferRouter(resolveActor: (req: Request) => Promise<Actor | null>): Router {
  const router = express.Router();
  const log = logger().child({ module: "transfer" });

  const handle =
    (work: (req: Request, res: Response, actor: Actor, locale: Locale) => Promise<void>) =>
    async (req: Request, res: Response, next: NextFunction) => {
      const explicit = req.headers["x-koers-locale"];
      let locale: Locale = isLocale(explicit) ? explicit : localeFromRequest(req);
      try {
        const actor = await resolveActor(req);
        if (!actor) throw unauthenticated();
        if (!isLocale(explicit)) locale = actor.locale;
        await work(req, res, actor, locale);
      } catch (error) {
        if (error instanceof AppError) {
          res.status(httpStatusOf[error.code]).json({
            errors: [
              {
                message: translate(locale, error.messageKey, error.params),
                extensions: { code: error.code, ...(error.field ? { field: error.field } : {}) },
              },
            ],
          });
        } else next(error);
      }
    };

  router.post(
    "/import/parse",
    express.raw({ type: () => true, limit: MAX_UPLOAD }),
    handle(async (req, res) => {
      const name = String(req.headers["x-file-name"] ?? req.headers["content-type"] ?? "");
      let text: string;
      try {
        text = await readDocument(new Uint8Array(req.body as Buffer), decodeURIComponent(name));
      } catch (error) {
        // The readers explain in the user's language why a file cannot be read.
        if (error instanceof AppError) throw error;
        throw new AppError("BAD_USER_INPUT", "unreadable file", {
          messageKey: "errors.unreadableFile",
          params: { reason: (error as Error).message },
          field: "file",
        });
      }
      res.json(parsePlanText(text));
    }),
  );

  router.get(
    "/plans/:id/export.json",
    handle(async (req, res, actor) => {
      const data = await exportPlanJson(actor, String(req.params.id));
      res.setHeader("Content-Disposition", `attachment; filename="plan-${req.params.id}.json"`);
      res.json(data);
    }),
  );

  router.post(
    "/plans/import.json",
    express.json({ limit: MAX_UPLOAD }),
    handle(async (req, res, actor) => {
      const plan = await importPlanJson(actor, req.body as PlanJson, {
        orgUnitId: String(req.query.orgUnitId ?? ""),
      });
      log.info({ planId: String(plan._id) }, "plan imported from JSON");
      res.status(201).json({ id: String(plan._id) });
    }),
  );

  router.get(
    "/plans/:id/scoreboard/:file",
    handle(async (req, res, actor, locale) => {
      const match = /^(\d{4}-Q[1-4])\.(xlsx|pdf|csv)$/.exec(String(req.params.file));
      if (!match)
        throw new AppError("BAD_USER_INPUT", "bad export name", {
          messageKey: "errors.exportFormat",
          field: "format",
        });
      const [, period, format] = match as unknown as [string, string, "xlsx" | "pdf" | "csv"];
      const planId = String(req.params.id);
      const ctx = createContext(actor, locale);
      const board = await getScoreboard(actor, planId, period, ctx.source, locale);
      const plan = await getPlan(actor, planId);
      const [organisation, [unit]] = await Promise.all([
        getOrganisation(actor.organisationId),
        getOrgUnits([String(plan.orgUnitId)]),
      ]);
      const exportCtx = {
        locale,
        organisation: organisation?.name ?? "",
        planTitle: localize(plan.title, locale).text,
        unit: unit ? `${unit.code} — ${unit.name}` : "",
      };
      const filename = `scoreboard-${period}.${format}`;
      res.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
      if (format === "csv")
        res.type("text/csv; charset=utf-8").send(scoreboardCsv(board, exportCtx));
      else if (format === "xlsx")
        res
          .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .send(await scoreboardXlsx(board, exportCtx));
      else res.type("application/pdf").send(await scoreboardPdf(board, exportCtx));
    }),
  );

  return router;
}
