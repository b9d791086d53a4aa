import { ActionModel, isDoneOnTime, type Action } from "./model";

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
export async function initActions(): Promise<void> {
  await ActionModel.init();
}
