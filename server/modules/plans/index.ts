import {
  MeasurementPointModel,
  ObjectiveModel,
  PlanModel,
  type MeasurementPoint,
  type Objective,
  type Plan,
} from "./model";

export type { Plan, Objective, MeasurementPoint };
export { planResolvers } from "./resolvers";
export {
  getPlan,
  getEditablePlan,
  listPlans,
  createPlan,
  updatePlan,
  setPlanMember,
  planDocumentAccess,
  canEditPlan,
  requireText,
  optionalText,
  localizedFrom,
  translatePlanText,
  loadPlansById,
  discardPlanTree,
} from "./service";
export {
  getObjective,
  listObjectivesOfPlans,
  createObjective,
  updateObjective,
  deleteObjective,
  translateObjective,
} from "./objectives";
export {
  getMeasurementPoint,
  listPointsOfPlans,
  createMeasurementPoint,
  updateMeasurementPoint,
  deleteMeasurementPoint,
  translatePoint,
} from "./points";
export { publishPlanEvent, recordChange, subscribePlanEvents, type PlanEventKind } from "./events";

/** Creates the collections and indexes of this module. */
export async function initPlans(): Promise<void> {
  await Promise.all([PlanModel.init(), ObjectiveModel.init(), MeasurementPointModel.init()]);
}
