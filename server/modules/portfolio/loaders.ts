import DataLoader from "dataloader";
import type { Context } from "../../context";
import type { Milestone, Programme, Project, SatisfactionResponse, Theme } from "./model";
import { ProgrammeModel, ThemeModel } from "./model";
import { listMilestonesOfProjects } from "./milestones";
import { listSatisfactionOfProjects } from "./satisfaction";
import { listProjectsOfProgrammes, listThemes, loadProjectsById } from "./service";
import mongoose from "mongoose";

function grouped<T>(load: (ids: readonly string[]) => Promise<T[]>, key: (item: T) => string) {
  return new DataLoader<string, T[]>(async (ids) => {
    const items = await load(ids);
    return ids.map((id) => items.filter((item) => key(item) === id));
  });
}

function byIds<T extends { _id: unknown }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const items = await load(ids);
    const map = new Map(items.map((i) => [String(i._id), i]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

const validIds = (ids: readonly string[]) => ids.filter((id) => mongoose.isValidObjectId(id));

function createPortfolioLoaders() {
  return {
    programmes: byIds<Programme>((ids) =>
      ProgrammeModel.find({ _id: mongoose.trusted({ $in: validIds(ids) }) }).lean<Programme[]>(),
    ),
    themes: byIds<Theme>((ids) =>
      ThemeModel.find({ _id: mongoose.trusted({ $in: validIds(ids) }) }).lean<Theme[]>(),
    ),
    projects: new DataLoader<string, Project | null>((ids) => loadProjectsById(ids)),
    themesByProgramme: grouped<Theme>(listThemes, (t) => String(t.programmeId)),
    projectsByProgramme: grouped<Project>(listProjectsOfProgrammes, (p) => String(p.programmeId)),
    milestonesByProject: grouped<Milestone>(listMilestonesOfProjects, (m) => String(m.projectId)),
    satisfactionByProject: grouped<SatisfactionResponse>(listSatisfactionOfProjects, (s) =>
      String(s.projectId),
    ),
  };
}

/**
 * The portfolio's per-request batching loaders, kept in the request's cache: a portfolio
 * page of N projects costs one query per kind, not one per project.
 */
export function portfolioLoaders(ctx: Context): ReturnType<typeof createPortfolioLoaders> {
  const key = "portfolio.loaders";
  let loaders = ctx.cache.get(key) as ReturnType<typeof createPortfolioLoaders> | undefined;
  if (!loaders) {
    loaders = createPortfolioLoaders();
    ctx.cache.set(key, loaders);
  }
  return loaders;
}
