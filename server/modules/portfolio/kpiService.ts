import mongoose from "mongoose";
import { requireActor, type Actor } from "../../authz";
import { badInput } from "../../errors";
import { parsePeriod } from "../../../shared/periods";
import { computeKpis, quartersOf } from "./kpis";
import { loadKpiData } from "./sources";
import { getProgramme } from "./service";
import type { PortfolioKpisData } from "./types";

/** The KPIs of a programme for a quarter or a year, optionally for one mandate holder. */
export async function getPortfolioKpis(
  actor: Actor | null,
  programmeId: string,
  period: string,
  mandateHolderId: string | null,
  asOf: string = new Date().toISOString().slice(0, 10),
): Promise<PortfolioKpisData> {
  const viewer = requireActor(actor);
  const programme = await getProgramme(viewer, programmeId);
  const parsed = parsePeriod(period);
  if (!parsed || parsed.kind === "month") throw badInput("period", "portfolio.errors.period");
  if (mandateHolderId && !mongoose.isValidObjectId(mandateHolderId))
    throw badInput("mandateHolderId", "errors.unknownUser");
  const data = await loadKpiData(viewer.organisationId, String(programme._id), mandateHolderId);
  return {
    period,
    mandateHolderId,
    asOf,
    figures: computeKpis(data, period, mandateHolderId, asOf),
    quarters: quartersOf(period.slice(0, 4)).map((q) =>
      computeKpis(data, q, mandateHolderId, asOf),
    ),
  };
}
