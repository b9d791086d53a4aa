import { requireActor, type Actor } from "../../authz";
import { listActiveUsersOfOrganisation, type User } from "../users";

/** Enabled people of the actor's organisation, by name. */
export async function listInvitees(actor: Actor | null): Promise<User[]> {
  return listActiveUsersOfOrganisation(requireActor(actor).organisationId);
}
