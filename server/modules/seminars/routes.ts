import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { Actor } from "../../authz";
import { AppError, httpStatusOf, unauthenticated } from "../../errors";
import { localeFromRequest, translate } from "../../i18n";
import { isLocale, type Locale } from "../../../shared/domain";
import { seminarReportPdf } from "./report";

/**
 *   GET /api/seminars/:id/report.pdf   the outcome report, in the reader's language
 * Authorized through the same services as GraphQL: outsiders get 404.
 */
export function seminarRouter(resolveActor: (req: Request) => Promise<Actor | null>): Router {
  const router = express.Router();
  router.get(
    "/seminars/:id/report.pdf",
    async (req: Request, res: Response, next: NextFunction) => {
      const explicit = req.headers["x-koers-locale"];
      let locale: Locale = isLocale(explicit) ? explicit : localeFromRequest(req);
      try {
        const actor = await resolveActor(req);
        if (!actor) throw unauthenticated();
        if (!isLocale(explicit)) locale = actor.locale;
        const { filename, pdf } = await seminarReportPdf(actor, String(req.params.id), locale);
        res.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
        res.type("application/pdf").send(pdf);
      } catch (error) {
        if (!(error instanceof AppError)) return next(error);
        res.status(httpStatusOf[error.code]).json({
          errors: [
            {
              message: translate(locale, error.messageKey, error.params),
              extensions: { code: error.code },
            },
          ],
        });
      }
    },
  );
  return router;
}
