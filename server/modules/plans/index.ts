import { PlanModel, type Plan } from "./model";

export type { Plan };
export { planResolvers } from "./resolvers";
export {
  getPlan,
  listPlans,
  createPlan,
  updatePlan,
  planDocumentAccess,
  canEditPlan,
} from "./service";

/** Creates the collection and indexes of this module. */
export async function initPlans(): Promise<void> {
  await PlanModel.init();
}
