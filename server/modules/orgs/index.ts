import { trusted } from "mongoose";
import { OrganisationModel, OrgUnitModel, type Organisation, type OrgUnit } from "./model";

export type { Organisation, OrgUnit };

/** Creates the collections and indexes of this module. */
export async function initOrgs(): Promise<void> {
  await Promise.all([OrganisationModel.init(), OrgUnitModel.init()]);
}

/** Loads org units by id, in the order asked (missing ones are null). */
export async function getOrgUnits(ids: readonly string[]): Promise<(OrgUnit | null)[]> {
  const units = await OrgUnitModel.find({ _id: trusted({ $in: ids }) }).lean<OrgUnit[]>();
  const byId = new Map(units.map((u) => [String(u._id), u]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** One organisation by id. */
export async function getOrganisation(id: string): Promise<Organisation | null> {
  return OrganisationModel.findById(id).lean<Organisation>();
}

export async function createOrganisation(name: string): Promise<Organisation> {
  const doc = await OrganisationModel.create({ name });
  return doc.toObject();
}

export async function createOrgUnit(input: {
  organisationId: string;
  code: string;
  name: string;
  parentId?: string | null;
}): Promise<OrgUnit> {
  const doc = await OrgUnitModel.create(input);
  return doc.toObject();
}

/** Whether any organisation exists (first start seeds demo data only when none does). */
export async function hasAnyOrganisation(): Promise<boolean> {
  return (await OrganisationModel.exists({})) !== null;
}
