import mongoose from "mongoose";
import { authorize, can, requireActor, type Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { documentRightsChanged } from "../../realtime/rights";
import { AppError, badInput, notFound } from "../../errors";
import { getOrgUnits } from "../orgs";
import { logger } from "../../logger";
import { notifyProposalReached } from "./notify";
import { isIsoDate } from "../../../shared/periods";
import {
  DECISION_ACTIONS,
  PROPOSAL_LIMITS,
  PACKAGEABLE_STAGES,
  transitionFor,
  type DecisionOutcome,
  type PolicyPriority,
  type ProposalAction,
  type ProposalStage,
} from "../../../shared/proposals";
import type { Role } from "../../../shared/domain";
import { fieldsFromInput, type ProposalInput } from "./input";
import { roleForAction, rolesFor } from "./access";
import { findProject } from "./projects";
import {
  ProposalModel,
  ProposalPackageModel,
  type HistoryEntry,
  type Proposal,
  type ProposalPackage,
} from "./model";
import "./authz";

const log = () => logger().child({ module: "proposals" });

const conflict = () =>
  new AppError("CONFLICT", "The proposal changed meanwhile", { messageKey: "errors.CONFLICT" });

/** A proposal without authorization: only for callers that authorize themselves. */
export async function loadProposal(id: string): Promise<Proposal | null> {
  return mongoose.isValidObjectId(id) ? ProposalModel.findById(id).lean<Proposal>() : null;
}

/** A proposal the actor may read; NOT_FOUND otherwise (an outsider never learns it exists). */
export async function getProposal(actor: Actor | null, id: string): Promise<Proposal> {
  const viewer = requireActor(actor);
  const proposal = await loadProposal(id);
  if (!proposal || !can(viewer, "proposal.read", proposal)) throw notFound("Proposal");
  return proposal;
}

export interface ProposalFilter {
  orgUnitId?: string | null;
  stages?: readonly ProposalStage[] | null;
}

/** Readable proposals of the actor's organisation, newest first. */
export async function listProposals(
  actor: Actor | null,
  filter: ProposalFilter = {},
): Promise<Proposal[]> {
  const viewer = requireActor(actor);
  // One organisation holds a bounded number of proposals: filter and authorize in TS.
  const all = await ProposalModel.find({ organisationId: viewer.organisationId })
    .sort({ _id: -1 })
    .lean<Proposal[]>();
  return all.filter(
    (p) =>
      can(viewer, "proposal.read", p) &&
      (!filter.orgUnitId || String(p.orgUnitId) === filter.orgUnitId) &&
      (!filter.stages?.length || filter.stages.includes(p.stage)),
  );
}

export async function createProposal(
  actor: Actor | null,
  input: ProposalInput & { orgUnitId: string },
): Promise<Proposal> {
  const viewer = requireActor(actor);
  const [unit] = mongoose.isValidObjectId(input.orgUnitId)
    ? await getOrgUnits([input.orgUnitId])
    : [null];
  if (!unit || String(unit.organisationId) !== viewer.organisationId)
    throw badInput("input.orgUnitId", "errors.unknownOrgUnit");
  authorize(viewer, "proposal.create", {
    organisationId: viewer.organisationId,
    orgUnitId: String(unit._id),
  });
  const fields = fieldsFromInput(input, viewer.locale);
  const created = await ProposalModel.create({
    ...fields,
    organisationId: viewer.organisationId,
    orgUnitId: unit._id,
    authorId: viewer.id,
    stage: "draft",
    history: [
      {
        from: null,
        to: "draft",
        action: "create",
        at: new Date(),
        byUserId: viewer.id,
        role: "department_head",
      },
    ],
  });
  return created.toObject() as Proposal;
}

/**
 * One conditional update of one document: the filter holds the stage and version the
 * decision was taken on, and the history entry is pushed in the same update, so stage and
 * history never drift apart (no transactions on FerretDB). The lock makes the check exact
 * on FerretDB, which reads and writes a document without isolation.
 */
async function applyUpdate(
  proposal: Proposal,
  version: number,
  set: Record<string, unknown>,
  entry: HistoryEntry | null,
): Promise<Proposal> {
  const id = String(proposal._id);
  return withLock(`Proposal:${id}`, async () => {
    const update: Record<string, unknown> = { $set: set, $inc: { version: 1 } };
    if (entry) update.$push = { history: entry };
    const result = await ProposalModel.updateOne(
      mongoose.trusted({ _id: proposal._id, stage: proposal.stage, version }),
      update,
      { runValidators: true },
    );
    if (result.matchedCount !== 1) throw conflict();
    const after = await ProposalModel.findById(id).lean<Proposal>();
    if (!after) throw notFound("Proposal");
    // Who may write (or read) the implementation plan depends on the stage.
    if (after.stage !== proposal.stage) documentRightsChanged(`proposal/${id}`);
    return after;
  });
}

export async function updateProposal(
  actor: Actor | null,
  id: string,
  version: number,
  input: ProposalInput,
): Promise<Proposal> {
  const proposal = await getProposal(actor, id);
  const viewer = actor!;
  if (!can(viewer, "proposal.update", proposal))
    throw new AppError("FORBIDDEN", "Only the author may change a draft", {
      messageKey: "proposals.errors.notEditable",
    });
  if (proposal.version !== version) throw conflict();
  return applyUpdate(proposal, version, fieldsFromInput(input, viewer.locale, proposal), null);
}

export interface TransitionInput {
  action: ProposalAction;
  reason?: string | null;
  advice?: { text: string; priority: PolicyPriority } | null;
  projectId?: string | null;
  realisedSavings?: number | null;
}

const OUTCOMES: Partial<Record<ProposalAction, DecisionOutcome>> = {
  approve: "approved",
  approveWithAmendments: "approved_with_amendments",
  reject: "rejected",
  defer: "deferred",
};

function isFilled(value: { nl?: string | null; fr?: string | null; en?: string | null } | null) {
  return !!(value?.nl || value?.fr || value?.en);
}

/** Moves a proposal along its path, if the actor's roles allow the action now. */
export async function transitionProposal(
  actor: Actor | null,
  id: string,
  version: number,
  input: TransitionInput,
): Promise<Proposal> {
  const proposal = await getProposal(actor, id);
  const viewer = actor!;
  const transition = transitionFor(input.action);
  const role = roleForAction(viewer, proposal, input.action);
  if (!role)
    throw new AppError("FORBIDDEN", `${input.action} is not allowed on this proposal`, {
      messageKey: `proposals.errors.forbidden.${input.action}`,
    });
  if (proposal.version !== version) throw conflict();
  const reason = (input.reason ?? "").trim() || null;
  if (transition.needsReason && !reason)
    throw badInput("input.reason", "proposals.errors.reasonRequired");
  if (reason && reason.length > PROPOSAL_LIMITS.reason)
    throw badInput("input.reason", "errors.tooLong", { max: PROPOSAL_LIMITS.reason });
  const now = new Date();
  const set: Record<string, unknown> = { stage: transition.to };

  if (input.action === "submit" || input.action === "resubmit") {
    if (!isFilled(proposal.problem) || !isFilled(proposal.proposal))
      throw badInput("input.action", "proposals.errors.incomplete");
  }
  if (input.action === "advise") {
    const text = (input.advice?.text ?? "").trim();
    if (!text || !input.advice?.priority)
      throw badInput("input.advice", "proposals.errors.adviceRequired");
    set.advice = { text, priority: input.advice.priority, at: now, byUserId: viewer.id };
  }
  if (DECISION_ACTIONS.includes(input.action)) {
    if (!proposal.packageId) throw badInput("input.action", "proposals.errors.notInPackage");
    set.decision = { outcome: OUTCOMES[input.action]!, text: reason, at: now };
  }
  if (input.action === "startImplementation") {
    // A project made from the proposal in the portfolio is already linked to it.
    const projectId = input.projectId || (proposal.projectId ? String(proposal.projectId) : null);
    const project = projectId ? await findProject(projectId) : null;
    if (!project || String(project.organisationId) !== viewer.organisationId)
      throw badInput("input.projectId", "proposals.errors.unknownProject");
    set.projectId = project._id;
  }
  if (input.action === "realise") {
    const saved = input.realisedSavings;
    if (saved == null || !Number.isFinite(saved) || saved < 0 || saved > 1e10)
      throw badInput("input.realisedSavings", "proposals.errors.realisedSavings");
    set.realisedSavings = Math.round(saved * 100) / 100;
  }
  const entry: HistoryEntry = {
    from: proposal.stage,
    to: transition.to,
    action: input.action,
    at: now,
    byUserId: new mongoose.Types.ObjectId(viewer.id),
    role,
    reason,
  };
  const after = await applyUpdate(proposal, version, set, entry);
  log().info({ proposalId: id, action: input.action, to: transition.to }, "proposal moved");
  await notifyProposalReached(after, viewer).catch((error: unknown) =>
    log().error({ err: error, proposalId: id }, "notifying the proposal's handlers failed"),
  );
  return after;
}

export async function liftProposal(
  actor: Actor | null,
  id: string,
  version: number,
  reason?: string | null,
): Promise<Proposal> {
  const proposal = await getProposal(actor, id);
  const viewer = actor!;
  if (!can(viewer, "proposal.lift", proposal))
    throw new AppError("FORBIDDEN", "lift is not allowed", {
      messageKey: "proposals.errors.forbidden.lift",
    });
  if (proposal.version !== version) throw conflict();
  const role = rolesFor(viewer, proposal, ["management_team"] as Role[])[0]!;
  return applyUpdate(
    proposal,
    version,
    { level: "organisation" },
    {
      from: proposal.stage,
      to: proposal.stage,
      action: "lift",
      at: new Date(),
      byUserId: new mongoose.Types.ObjectId(viewer.id),
      role,
      reason: (reason ?? "").trim().slice(0, PROPOSAL_LIMITS.reason) || null,
    },
  );
}

/** The owning body makes the debate (comments, advice, reasons) readable to the organisation. */
export async function publishProposalDebate(
  actor: Actor | null,
  id: string,
  version: number,
): Promise<Proposal> {
  const proposal = await getProposal(actor, id);
  const viewer = actor!;
  if (!can(viewer, "proposal.publishDebate", proposal))
    throw new AppError("FORBIDDEN", "publishing the debate is not allowed", {
      messageKey: "proposals.errors.forbidden.publishDebate",
    });
  if (proposal.version !== version) throw conflict();
  return applyUpdate(
    proposal,
    version,
    { debatePublished: true },
    {
      from: proposal.stage,
      to: proposal.stage,
      action: "publishDebate",
      at: new Date(),
      byUserId: new mongoose.Types.ObjectId(viewer.id),
      role: rolesFor(viewer, proposal, ["management_team", "college"] as Role[])[0] ?? null,
      reason: null,
    },
  );
}

export async function listProposalPackages(actor: Actor | null): Promise<ProposalPackage[]> {
  const viewer = requireActor(actor);
  const packages = await ProposalPackageModel.find({ organisationId: viewer.organisationId })
    .sort({ meetingDate: -1 })
    .lean<ProposalPackage[]>();
  return packages;
}

export async function getProposalPackage(
  actor: Actor | null,
  id: string,
): Promise<ProposalPackage | null> {
  const viewer = requireActor(actor);
  const found = mongoose.isValidObjectId(id)
    ? await ProposalPackageModel.findById(id).lean<ProposalPackage>()
    : null;
  return found && String(found.organisationId) === viewer.organisationId ? found : null;
}

export async function createProposalPackage(
  actor: Actor | null,
  input: { title: string; meetingDate: string },
): Promise<ProposalPackage> {
  const viewer = requireActor(actor);
  authorize(viewer, "proposalPackage.manage", { organisationId: viewer.organisationId });
  const title = (input.title ?? "").trim();
  if (!title) throw badInput("input.title", "errors.required");
  if (title.length > 200) throw badInput("input.title", "errors.tooLong", { max: 200 });
  if (!isIsoDate(input.meetingDate)) throw badInput("input.meetingDate", "errors.date");
  const created = await ProposalPackageModel.create({
    organisationId: viewer.organisationId,
    title,
    meetingDate: input.meetingDate,
    createdById: viewer.id,
  });
  return created.toObject() as ProposalPackage;
}

export async function setProposalPackage(
  actor: Actor | null,
  id: string,
  version: number,
  packageId: string | null,
): Promise<Proposal> {
  const proposal = await getProposal(actor, id);
  const viewer = actor!;
  authorize(viewer, "proposalPackage.manage", { organisationId: viewer.organisationId });
  if (!PACKAGEABLE_STAGES.includes(proposal.stage))
    throw badInput("packageId", "proposals.errors.notPackageable");
  if (packageId && !(await getProposalPackage(viewer, packageId)))
    throw badInput("packageId", "proposals.errors.unknownPackage");
  if (proposal.version !== version) throw conflict();
  return applyUpdate(proposal, version, { packageId: packageId ?? null }, null);
}

export async function listProposalsOfPackage(actor: Actor | null, packageId: string) {
  return (await listProposals(actor)).filter((p) => String(p.packageId) === packageId);
}
