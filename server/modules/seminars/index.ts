import { BoardModel, DotModel, PollAnswerModel, PollModel, SeminarModel } from "./model";

export type { Seminar, Board, Poll } from "./model";
export { seminarResolvers } from "./resolvers";
export { seminarRouter } from "./routes";
export { setSeminarRealtime } from "./realtime";
export { boardDocumentAccess } from "./boards";
export { getSeminar, listSeminars, createSeminar } from "./service";
export { seedSeminar } from "./seed";

/** Creates the collections and indexes of this module. */
export async function initSeminars(): Promise<void> {
  await Promise.all([
    SeminarModel.init(),
    BoardModel.init(),
    PollModel.init(),
    PollAnswerModel.init(),
    DotModel.init(),
  ]);
}
