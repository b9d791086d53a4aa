import type { Actor } from "../../authz";
import { listActiveUsersOfOrganisation, toActor } from "../users";

export interface Recipient extends Actor {
  disabled: boolean;
}

/** Every active user of an organisation, as actors (roles included). */
export async function usersOfOrganisation(organisationId: string): Promise<Recipient[]> {
  const users = await listActiveUsersOfOrganisation(organisationId);
  return users.map((u) => ({ ...toActor(u, "notifications"), disabled: false }));
}
