import DataLoader from "dataloader";
import {
  listObjectivesOfPlans,
  listPointsOfPlans,
  type MeasurementPoint,
  type Objective,
} from "../plans";
import {
  findIndicators,
  listIndicatorsOfPlans,
  listMeasurementsOfIndicators,
  type Indicator,
  type Measurement,
} from "../indicators";
import { listActionsOfPoints, type Action } from "../actions";
import { getUsers, type User } from "../users";

/**
 * Where the scoreboard reads a plan from. The batched source (one per request)
 * groups the per-point reads of all rows into one query per kind with
 * DataLoader, so a scoreboard costs the same number of database round trips
 * for 5 points or 500. The naive source reads per point and per indicator; it
 * exists only so the benchmark can show the difference in the same process.
 */
export interface PlanSource {
  objectives(planId: string): Promise<Objective[]>;
  points(planId: string): Promise<MeasurementPoint[]>;
  indicatorsOfPoint(point: MeasurementPoint): Promise<Indicator[]>;
  measurementsOf(indicatorId: string): Promise<Measurement[]>;
  actionsOf(pointId: string): Promise<Action[]>;
  user(id: string): Promise<User | null>;
}

function groupBy<T>(items: T[], key: (item: T) => string, keys: readonly string[]): T[][] {
  const map = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const item of items) map.get(key(item))?.push(item);
  return keys.map((k) => map.get(k) ?? []);
}

export function createBatchedSource(): PlanSource {
  const objectives = new DataLoader<string, Objective[]>(async (ids) =>
    groupBy(await listObjectivesOfPlans(ids), (o) => String(o.planId), ids),
  );
  const points = new DataLoader<string, MeasurementPoint[]>(async (ids) =>
    groupBy(await listPointsOfPlans(ids), (p) => String(p.planId), ids),
  );
  const indicators = new DataLoader<string, Indicator[]>(async (ids) =>
    groupBy(await listIndicatorsOfPlans(ids), (i) => String(i.planId), ids),
  );
  const measurements = new DataLoader<string, Measurement[]>(async (ids) =>
    groupBy(await listMeasurementsOfIndicators(ids), (m) => String(m.indicatorId), ids),
  );
  const actions = new DataLoader<string, Action[]>(async (ids) =>
    groupBy(await listActionsOfPoints(ids), (a) => String(a.measurementPointId), ids),
  );
  const users = new DataLoader<string, User | null>((ids) => getUsers(ids));
  return {
    objectives: (planId) => objectives.load(planId),
    points: (planId) => points.load(planId),
    async indicatorsOfPoint(point) {
      const all = await indicators.load(String(point.planId));
      return pointIndicators(point, all);
    },
    measurementsOf: (id) => measurements.load(id),
    actionsOf: (id) => actions.load(id),
    user: (id) => users.load(id),
  };
}

/** The indicators a point's targets refer to, then those attached to the point. */
export function pointIndicators(point: MeasurementPoint, candidates: Indicator[]): Indicator[] {
  const referenced = point.targets
    .map((t) => (t.indicatorId ? String(t.indicatorId) : null))
    .filter(Boolean) as string[];
  const byId = new Map(candidates.map((i) => [String(i._id), i]));
  const result = referenced.map((id) => byId.get(id)).filter((i): i is Indicator => !!i);
  for (const i of candidates)
    if (String(i.measurementPointId) === String(point._id) && !result.includes(i)) result.push(i);
  return result;
}

export function createNaiveSource(): PlanSource {
  return {
    objectives: (planId) => listObjectivesOfPlans([planId]),
    points: (planId) => listPointsOfPlans([planId]),
    async indicatorsOfPoint(point) {
      const ids = point.targets
        .map((t) => t.indicatorId)
        .filter(Boolean)
        .map(String);
      return (await Promise.all(ids.map((id) => findIndicators([id])))).flat();
    },
    measurementsOf: (id) => listMeasurementsOfIndicators([id]),
    actionsOf: (id) => listActionsOfPoints([id]),
    async user(id) {
      const [user] = await getUsers([id]);
      return user ?? null;
    },
  };
}
