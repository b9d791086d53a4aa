import { CycleModel, SnapshotModel, type PdcaCycle, type ScoreboardData } from "./model";

export type { PdcaCycle, ScoreboardData };
export { cycleResolvers } from "./resolvers";
export { createBatchedSource, createNaiveSource, type PlanSource } from "./source";
export { buildScoreboard, statusOfPoint } from "./scoreboard";
export { getScoreboard, repairCycles, findCycle } from "./service";

/** Creates the collections and indexes of this module. */
export async function initCycles(): Promise<void> {
  await Promise.all([CycleModel.init(), SnapshotModel.init()]);
}
