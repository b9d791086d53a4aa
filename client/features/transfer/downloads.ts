/** The REST downloads of server/modules/transfer/routes.ts; links, never fetched by script. */

export const SCOREBOARD_FORMATS = ["xlsx", "pdf", "csv"] as const;
export type ScoreboardFormat = (typeof SCOREBOARD_FORMATS)[number];

/** The scoreboard of `planId` for `period` ("2026-Q1") as a file. */
export function scoreboardExportUrl(
  planId: string,
  period: string,
  format: ScoreboardFormat,
): string {
  return `/api/plans/${encodeURIComponent(planId)}/scoreboard/${encodeURIComponent(period)}.${format}`;
}

/** The whole plan as a Koers plan export, for backup or moving it. */
export function planJsonUrl(planId: string): string {
  return `/api/plans/${encodeURIComponent(planId)}/export.json`;
}
