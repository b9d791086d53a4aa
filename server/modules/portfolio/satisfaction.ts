import mongoose from "mongoose";
import { authorize, type Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { badInput } from "../../errors";
import { recordAudit } from "../audit";
import { optionalText } from "../plans";
import { isQuarter } from "../../../shared/periods";
import { SatisfactionModel, satisfactionKey, type SatisfactionResponse } from "./model";
import { getProject } from "./service";

const { trusted } = mongoose;

export async function listSatisfactionOfProjects(
  projectIds: readonly string[],
): Promise<SatisfactionResponse[]> {
  if (!projectIds.length) return [];
  return SatisfactionModel.find({ projectId: trusted({ $in: projectIds }) })
    .sort({ period: 1, _id: 1 })
    .lean<SatisfactionResponse[]>();
}

/**
 * Records (or replaces) the actor's answer for a project and quarter. The `_id` is the
 * key project:period:respondent, so there is exactly one answer per respondent and quarter.
 */
export async function recordSatisfaction(
  actor: Actor | null,
  input: { projectId: string; period: string; score: number; comment?: string | null },
): Promise<SatisfactionResponse> {
  const project = await getProject(actor, input.projectId);
  const viewer = actor!;
  authorize(viewer, "project.answerSurvey", project);
  if (!isQuarter(input.period)) throw badInput("input.period", "portfolio.errors.quarter");
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5)
    throw badInput("input.score", "portfolio.errors.score");
  const comment = optionalText(input.comment, "input.comment", 2000);
  const _id = satisfactionKey(String(project._id), input.period, viewer.id);
  const answer = await withLock(`PortfolioSatisfaction:${_id}`, async () => {
    const before = await SatisfactionModel.findById(_id).lean<SatisfactionResponse>();
    const fields = {
      organisationId: project.organisationId,
      projectId: project._id,
      period: input.period,
      respondentId: viewer.id,
      score: input.score,
      comment,
    };
    if (before) await SatisfactionModel.updateOne({ _id }, { $set: fields });
    else await SatisfactionModel.create({ _id, ...fields });
    const after = (await SatisfactionModel.findById(_id).lean<SatisfactionResponse>())!;
    return { before, after };
  });
  await recordAudit(viewer, {
    action: "satisfaction.record",
    entityType: "satisfaction",
    entityId: _id,
    before: answer.before,
    after: answer.after,
  });
  return answer.after;
}
