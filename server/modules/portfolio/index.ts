import {
  MilestoneModel,
  ProgrammeModel,
  ProjectModel,
  SatisfactionModel,
  ThemeModel,
} from "./model";
import "./authz";
import "./integrations";

export type { Project, Milestone, Programme, Theme } from "./model";
/** The project model: other modules check a project link with it (e.g. proposals). */
export { ProjectModel };
export { portfolioResolvers } from "./resolvers";
export {
  getProject,
  loadProjectsById,
  createProgramme,
  createTheme,
  createProject,
} from "./service";
export { createProjectFromProposal } from "./fromProposal";
export { createMilestone, markMilestoneDone } from "./milestones";
export { recordSatisfaction } from "./satisfaction";
export { getPortfolioKpis } from "./kpiService";
export { computeKpis, type KpiFigures } from "./kpis";
export { seedPortfolio } from "./seed";

/** Creates the collections and indexes of this module. */
export async function initPortfolio(): Promise<void> {
  await Promise.all([
    ProgrammeModel.init(),
    ThemeModel.init(),
    ProjectModel.init(),
    MilestoneModel.init(),
    SatisfactionModel.init(),
  ]);
}
