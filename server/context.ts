import { randomUUID } from "node:crypto";
import DataLoader from "dataloader";
import type { Actor } from "./authz";
import type { Locale } from "../shared/domain";
import { logger, type Logger } from "./logger";
import { getOrgUnits, getOrganisation, type OrgUnit, type Organisation } from "./modules/orgs";
import { getUsers, type User } from "./modules/users";

/** Per-request batching loaders: one database round trip per kind per tick. */
export function createLoaders() {
  return {
    users: new DataLoader<string, User | null>((ids) => getUsers(ids)),
    orgUnits: new DataLoader<string, OrgUnit | null>((ids) => getOrgUnits(ids)),
    organisations: new DataLoader<string, Organisation | null>((ids) =>
      Promise.all(ids.map(getOrganisation)),
    ),
  };
}

export interface Context {
  actor: Actor | null;
  locale: Locale;
  requestId: string;
  log: Logger;
  loaders: ReturnType<typeof createLoaders>;
}

export function createContext(actor: Actor | null, locale: Locale): Context {
  const requestId = randomUUID();
  return {
    actor,
    locale,
    requestId,
    log: logger().child({ requestId, userId: actor?.id }),
    loaders: createLoaders(),
  };
}
