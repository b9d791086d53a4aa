import mongoose from "mongoose";
import { ActionModel, isDoneOnTime, type Action } from "./model";

const { trusted } = mongoose;

export type { Action };
export { isDoneOnTime };
export { actionResolvers } from "./resolvers";
export {
  listActionsOfPlans,
  listActionsOfPoints,
  listActions,
  createAction,
  updateAction,
  translateAction,
  getActionById,
  discardActionsOfPlan,
} from "./service";
export {
  attachActionDocuments,
  detachActionDocuments,
  onActionDocumentUpdate,
  repairActionDocuments,
} from "./documentSync";

/** Creates the collection and indexes of this module. */
/** Actions not done nor cancelled whose due date is on or before `until` (YYYY-MM-DD). */
export async function listOpenActionsDueBy(until: string): Promise<Action[]> {
  return ActionModel.find({
    status: trusted({ $nin: ["done", "cancelled"] }),
    dueDate: trusted({ $ne: null, $lte: until }),
  }).lean<Action[]>();
}

export async function initActions(): Promise<void> {
  await ActionModel.init();
}
