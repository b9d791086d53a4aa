import type { Indicator } from "../indicators";
import type { MeasurementPoint } from "../plans";

/** A measurement the viewer still owes for the current quarter (no collection: computed). */
export interface MissingMeasurementData {
  indicator: Indicator;
  measurementPoint: MeasurementPoint;
  planId: string;
}
