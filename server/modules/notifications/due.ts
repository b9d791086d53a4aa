import { logger } from "../../logger";
import type { LocalizedValue } from "../../../shared/localized";
import { loadPlansById } from "../plans";
import { listOpenActionsDueBy } from "../actions";
import { notifyUsers } from "./service";

/** Something with a due date that somebody must deliver (an action, a milestone). */
export interface DueItem {
  id: string;
  organisationId: string;
  userIds: string[];
  title: LocalizedValue;
  /** YYYY-MM-DD */
  dueDate: string;
  link: string;
}

/** Lists the open items due on or before `until` (YYYY-MM-DD), overdue ones included. */
export type DueSource = (until: string) => Promise<DueItem[]>;

const sources = new Map<string, DueSource>();

/** Lets a module (portfolio milestones) feed the due-date scan. */
export function registerDueSource(name: string, source: DueSource): void {
  sources.set(name, source);
}

export const DUE_HORIZON_DAYS = 7;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * One pass: a "due within 7 days" notification and later an "overdue" one per item, owner
 * and due date. The dedupe key makes repeated scans (and restarts) harmless.
 */
export async function scanDueItems(now = new Date()): Promise<number> {
  const today = isoDay(now);
  const until = isoDay(new Date(now.getTime() + DUE_HORIZON_DAYS * 86_400_000));
  let created = 0;
  for (const [name, source] of sources) {
    let items: DueItem[];
    try {
      items = await source(until);
    } catch (error) {
      logger()
        .child({ module: "notifications" })
        .error({ err: error, source: name }, "due source failed");
      continue;
    }
    for (const item of items) {
      const kind = item.dueDate < today ? "overdue" : "due_soon";
      const notified = await notifyUsers(item.userIds, {
        organisationId: item.organisationId,
        kind,
        subject: item.title,
        params: { dueDate: item.dueDate },
        link: item.link,
        dedupeKey: (userId) => `${kind}:${name}:${item.id}:${item.dueDate}:${userId}`,
      });
      created += notified.length;
    }
  }
  return created;
}

registerDueSource("action", async (until) => {
  const actions = (await listOpenActionsDueBy(until)).filter((a) => a.ownerId && a.dueDate);
  const plans = await loadPlansById([...new Set(actions.map((a) => String(a.planId)))]);
  const orgOf = new Map(
    plans.filter((p) => !!p).map((p) => [String(p!._id), String(p!.organisationId)]),
  );
  return actions
    .filter((a) => orgOf.has(String(a.planId)))
    .map((a) => ({
      id: String(a._id),
      organisationId: orgOf.get(String(a.planId))!,
      userIds: [String(a.ownerId)],
      title: a.title,
      dueDate: a.dueDate!,
      link: `/plans/${String(a.planId)}`,
    }));
});

/** Runs the scan a minute after start, then every `intervalMs` (hourly by default). */
export function startDueScanner(intervalMs = 3_600_000, firstAfterMs = 60_000): () => void {
  const run = () =>
    void scanDueItems().catch((error: unknown) =>
      logger().child({ module: "notifications" }).error({ err: error }, "due scan failed"),
    );
  const first = setTimeout(run, firstAfterMs);
  first.unref();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
