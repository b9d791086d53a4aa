import { randomUUID } from "node:crypto";
import DataLoader from "dataloader";
import type { Actor } from "./authz";
import type { Locale } from "../shared/domain";
import { logger, type Logger } from "./logger";
import { getOrgUnits, getOrganisation, type OrgUnit, type Organisation } from "./modules/orgs";
import { getUsers, type User } from "./modules/users";
import { loadPlansById, type Plan } from "./modules/plans";
import { findIndicators, listIndicatorsOfPlans, type Indicator } from "./modules/indicators";
import { listActionsOfPlans, type Action } from "./modules/actions";
import { createBatchedSource, type PlanSource } from "./modules/cycles";
import type { VersionService } from "./realtime/versions";

function groupedBy<T>(load: (ids: readonly string[]) => Promise<T[]>, key: (item: T) => string) {
  return new DataLoader<string, T[]>(async (ids) => {
    const items = await load(ids);
    return ids.map((id) => items.filter((item) => key(item) === id));
  });
}

function byIds<T extends { _id: unknown }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const items = await load(ids);
    const map = new Map(items.map((i) => [String(i._id), i]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Per-request batching loaders: one database round trip per kind per tick. */
export function createLoaders() {
  return {
    users: new DataLoader<string, User | null>((ids) => getUsers(ids)),
    orgUnits: new DataLoader<string, OrgUnit | null>((ids) => getOrgUnits(ids)),
    organisations: new DataLoader<string, Organisation | null>((ids) =>
      Promise.all(ids.map(getOrganisation)),
    ),
    // Raw loads without authorization: only for objects reached from an authorized plan.
    plans: new DataLoader<string, Plan | null>((ids) => loadPlansById(ids)),
    indicators: byIds<Indicator>(findIndicators),
    indicatorsByPlan: groupedBy<Indicator>(listIndicatorsOfPlans, (i) => String(i.planId)),
    actionsByPlan: groupedBy<Action>(listActionsOfPlans, (a) => String(a.planId)),
  };
}

export interface Context {
  actor: Actor | null;
  locale: Locale;
  requestId: string;
  log: Logger;
  loaders: ReturnType<typeof createLoaders>;
  /** The plan data of this request, batched (see modules/cycles/source.ts). */
  source: PlanSource;
  /** Small per-request memo (e.g. the cycle of a plan and period). */
  cache: Map<string, unknown>;
  /** Named versions of co-written documents (absent outside the HTTP server). */
  versions?: VersionService;
}

export function createContext(
  actor: Actor | null,
  locale: Locale,
  versions?: VersionService,
): Context {
  const requestId = randomUUID();
  return {
    actor,
    locale,
    requestId,
    log: logger().child({ requestId, userId: actor?.id }),
    loaders: createLoaders(),
    source: createBatchedSource(),
    cache: new Map(),
    ...(versions ? { versions } : {}),
  };
}

/** Empties the per-request caches (a subscription does so before each event). */
export function refreshCaches(ctx: Context): void {
  ctx.loaders = createLoaders();
  ctx.source = createBatchedSource();
  ctx.cache = new Map();
}
