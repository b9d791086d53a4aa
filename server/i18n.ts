import type { Request } from "express";
import type { IncomingMessage } from "node:http";
import { negotiateLocale, translate } from "../shared/i18n";

export { translate };

/** The request's language: the explicit header the client sends, else Accept-Language. */
export function localeFromRequest(req: Request | IncomingMessage) {
  const explicit = req.headers["x-koers-locale"];
  return negotiateLocale(typeof explicit === "string" ? explicit : req.headers["accept-language"]);
}
