import { IndicatorModel, MeasurementModel, type Indicator, type Measurement } from "./model";

export type { Indicator, Measurement };
export { indicatorResolvers } from "./resolvers";
export {
  getIndicator,
  indicatorBelongsToPlan,
  findIndicators,
  listIndicatorsOfPlans,
  listMeasurementsOfPlans,
  listMeasurementsOfIndicators,
  createIndicator,
  updateIndicator,
  recordMeasurement,
  translateIndicator,
  discardIndicatorsOfPlan,
} from "./service";

/** Creates the collections and indexes of this module. */
export async function initIndicators(): Promise<void> {
  await Promise.all([IndicatorModel.init(), MeasurementModel.init()]);
}
