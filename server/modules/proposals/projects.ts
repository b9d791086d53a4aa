import mongoose from "mongoose";
// The brief of issue #6 asks to validate project links against the portfolio's model; the
// portfolio module has no index.ts export for a raw project lookup (yet).
// eslint-disable-next-line no-restricted-imports
import { ProjectModel } from "../portfolio/model";

/** A project of the OPTIris portfolio by id, without authorization (the caller checks the org). */
export async function findProject(
  id: string,
): Promise<{ _id: mongoose.Types.ObjectId; organisationId: unknown; leadId?: unknown } | null> {
  if (!mongoose.isValidObjectId(id)) return null;
  return ProjectModel.findById(id).lean<{
    _id: mongoose.Types.ObjectId;
    organisationId: unknown;
    leadId?: unknown;
  }>();
}
