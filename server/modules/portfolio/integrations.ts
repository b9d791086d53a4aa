import mongoose from "mongoose";
import type { Actor } from "../../authz";
import { registerCommentTarget } from "../comments";
import { registerDueSource, type DueItem } from "../notifications";
import type { LocalizedValue } from "../../../shared/localized";
import { MilestoneModel, type Milestone } from "./model";
import { getProject, loadProjectsById } from "./service";

async function readable(actor: Actor, id: string): Promise<boolean> {
  try {
    await getProject(actor, id);
    return true;
  } catch {
    return false;
  }
}

// Whoever may read a project may discuss it (the portfolio is open to the organisation).
registerCommentTarget("project", {
  canRead: readable,
  canComment: readable,
  describe: async (actor, id) => {
    const project = await getProject(actor, id);
    return {
      organisationId: String(project.organisationId),
      title: project.name,
      link: `/portfolio/projects/${id}`,
    };
  },
});

const prefixed = (code: string, name: LocalizedValue, title: string): LocalizedValue => ({
  nl: `${code} – ${title}`,
  fr: `${code} – ${title}`,
  en: `${code} – ${title}`,
  states: name.states ?? {},
});

/** Open milestones due by `until`, for their project's lead (the due-date notifications). */
registerDueSource("milestones", async (until): Promise<DueItem[]> => {
  // One scan of the milestones and one read of their projects, whatever their number.
  const open = await MilestoneModel.find({
    status: mongoose.trusted({ $in: ["planned", "in_progress"] }),
  }).lean<Milestone[]>();
  const due = open.filter((m) => m.dueDate <= until);
  const projects = await loadProjectsById([...new Set(due.map((m) => String(m.projectId)))]);
  const byId = new Map(projects.filter((p) => p).map((p) => [String(p!._id), p!]));
  return due.flatMap((m) => {
    const project = byId.get(String(m.projectId));
    if (!project?.leadId) return [];
    return [
      {
        id: `milestone:${String(m._id)}`,
        organisationId: String(project.organisationId),
        userIds: [String(project.leadId)],
        title: prefixed(project.code, project.name, m.title),
        dueDate: m.dueDate,
        link: `/portfolio/projects/${String(project._id)}#milestone-${String(m._id)}`,
      },
    ];
  });
});
