export { transferRouter } from "./routes";
export { transferResolvers } from "./resolvers";
export { createPlanFromImport } from "./fromImport";
export { exportPlanJson, importPlanJson, type PlanJson } from "./planJson";
export { scoreboardCsv, scoreboardPdf, scoreboardXlsx } from "./scoreboardExport";
