import mongoose from "mongoose";
import { requireActor, type Actor } from "../../authz";
import type { User } from "../users";

/**
 * Enabled people of the actor's organisation, by name. The users module has no list
 * function yet, so this reads the registered User model by name (read-only, scoped by
 * organisation) rather than importing its model file.
 */
export async function listInvitees(actor: Actor | null): Promise<User[]> {
  const viewer = requireActor(actor);
  const users = await mongoose
    .model("User")
    .find({ organisationId: viewer.organisationId })
    .lean<User[]>();
  return users.filter((u) => !u.disabled).sort((a, b) => a.name.localeCompare(b.name));
}
