import mongoose from "mongoose";
import type { Actor } from "../../authz";
import { toActor, type User } from "../users";

/*
 * Read-only bridges to collections whose modules do not (yet) export an organisation-wide
 * listing: the users of an organisation (to find who holds a role) and the open actions with
 * a due date (for the due-date scan). They go through the registered mongoose models by name,
 * never through another module's model.ts. To replace by `listUsersOfOrganisation` in
 * users/index.ts and `listOpenActionsDueBy` in actions/index.ts.
 */

export interface Recipient extends Actor {
  disabled: boolean;
}

/** Every active user of an organisation, as actors (roles included). */
export async function usersOfOrganisation(organisationId: string): Promise<Recipient[]> {
  const users = await mongoose
    .model("User")
    .find({ organisationId })
    .lean<(User & { disabled?: boolean })[]>();
  return users
    .filter((u) => !u.disabled)
    .map((u) => ({ ...toActor(u, "notifications"), disabled: false }));
}

export interface OpenAction {
  _id: mongoose.Types.ObjectId;
  planId: mongoose.Types.ObjectId;
  ownerId: mongoose.Types.ObjectId | null;
  dueDate: string;
  status: string;
  title: { nl?: string | null; fr?: string | null; en?: string | null };
}

/** Actions not done nor cancelled whose due date is on or before `until` (YYYY-MM-DD). */
export async function openActionsDueBy(until: string): Promise<OpenAction[]> {
  const actions = await mongoose
    .model("Action")
    .find({
      status: mongoose.trusted({ $nin: ["done", "cancelled"] }),
      dueDate: mongoose.trusted({ $ne: null, $lte: until }),
    })
    .lean<OpenAction[]>();
  return actions;
}
