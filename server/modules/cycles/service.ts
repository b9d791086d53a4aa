import mongoose from "mongoose";
import type { Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { updateVersioned } from "../../db/versioned";
import { AppError, badInput, notFound } from "../../errors";
import { logger } from "../../logger";
import { createAction } from "../actions";
import {
  getEditablePlan,
  getMeasurementPoint,
  getPlan,
  loadPlansById,
  recordChange,
  type Plan,
} from "../plans";
import { isQuarter } from "../../../shared/periods";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "../../../shared/domain";
import { crashPoint } from "../../faults";
import { hasAuditEntry } from "../audit";
import type { PointStatusValue } from "../../../shared/status";
import { buildScoreboard, statusOfPoint } from "./scoreboard";
import type { PlanSource } from "./source";
import {
  CycleModel,
  PHASES,
  SnapshotModel,
  type PdcaCycle,
  type Phase,
  type ScoreboardData,
} from "./model";

const cycleId = (planId: string, period: string) => `${planId}:${period}`;

function checkPeriod(period: string, field = "period") {
  if (!isQuarter(period)) throw badInput(field, "errors.quarter");
}

function refuse(
  messageKey: string,
  params: Record<string, string | number> = {},
  field?: string,
): never {
  throw new AppError("BAD_USER_INPUT", messageKey, {
    messageKey,
    params,
    ...(field ? { field } : {}),
  });
}

async function loadCycle(
  actor: Actor | null,
  id: string,
  edit: boolean,
): Promise<{ cycle: PdcaCycle; plan: Plan }> {
  const planId = id.split(":")[0] ?? "";
  const plan = edit ? await getEditablePlan(actor, planId) : await getPlan(actor, planId);
  const cycle = await CycleModel.findById(id).lean<PdcaCycle>();
  if (!cycle) throw notFound("PdcaCycle");
  return { cycle, plan };
}

export async function findCycle(planId: string, period: string): Promise<PdcaCycle | null> {
  return CycleModel.findById(cycleId(planId, period)).lean<PdcaCycle>();
}

export async function getCycle(
  actor: Actor | null,
  planId: string,
  period: string,
): Promise<PdcaCycle | null> {
  await getPlan(actor, planId);
  checkPeriod(period);
  return findCycle(planId, period);
}

export async function listCyclesOfPlan(planId: string): Promise<PdcaCycle[]> {
  const cycles = await CycleModel.find({ planId }).lean<PdcaCycle[]>();
  return cycles.sort((a, b) => b.period.localeCompare(a.period));
}

export async function openCycle(
  actor: Actor | null,
  planId: string,
  period: string,
): Promise<PdcaCycle> {
  const plan = await getEditablePlan(actor, planId);
  checkPeriod(period);
  const now = new Date();
  try {
    const created = await CycleModel.create({
      _id: cycleId(String(plan._id), period),
      planId: plan._id,
      period,
      phase: "plan",
      history: [{ from: null, to: "plan", by: actor!.id, at: now }],
    });
    const cycle = created.toObject() as PdcaCycle;
    await recordChange(
      actor!,
      {
        planId,
        action: "cycle.open",
        entityType: "cycle",
        entityId: cycle._id,
        after: cycle,
      },
      "cycle_changed",
      cycle._id,
    );
    return cycle;
  } catch (error) {
    // The natural _id makes a second open of the same period fail atomically.
    if ((error as { code?: number }).code === 11000)
      throw new AppError("CONFLICT", "cycle already open", {
        messageKey: "errors.cycleExists",
        params: { period },
      });
    throw error;
  }
}

async function changeCycle(
  actor: Actor | null,
  id: string,
  version: number,
  action: string,
  apply: (c: PdcaCycle & mongoose.Document) => void,
) {
  const { cycle } = await loadCycle(actor, id, true);
  if (cycle.phase === "closed") refuse("errors.cycleClosed");
  const { before, after } = await updateVersioned(CycleModel, id, version, (doc) =>
    apply(doc as never),
  );
  await recordChange(
    actor!,
    {
      planId: cycle.planId,
      action,
      entityType: "cycle",
      entityId: id,
      before,
      after,
    },
    "cycle_changed",
    id,
  );
  return after as PdcaCycle;
}

/** plan → do → check → act. Closing is closeCycle. */
export async function advanceCycle(
  actor: Actor | null,
  id: string,
  version: number,
): Promise<PdcaCycle> {
  return changeCycle(actor, id, version, "cycle.advance", (doc) => {
    const index = PHASES.indexOf(doc.phase as Phase);
    if (doc.phase === "act" || doc.phase === "closed") refuse("errors.cycleUseClose");
    const next = PHASES[index + 1]!;
    doc.history.push({
      from: doc.phase,
      to: next,
      by: new mongoose.Types.ObjectId(actor!.id),
      at: new Date(),
    });
    doc.phase = next;
  });
}

/** Check: an assessment per measurement point; overriding the computed status needs a reason. */
export async function assessPoint(
  actor: Actor | null,
  input: {
    cycleId: string;
    measurementPointId: string;
    status: PointStatusValue;
    comment?: string | null;
  },
  source: PlanSource,
): Promise<PdcaCycle> {
  const { cycle, plan } = await loadCycle(actor, input.cycleId, true);
  if (cycle.phase !== "check" && cycle.phase !== "act")
    refuse("errors.cycleNotInCheck", {}, "input.cycleId");
  const point = await getMeasurementPoint(actor, input.measurementPointId);
  if (String(point.planId) !== String(plan._id))
    throw badInput("input.measurementPointId", "errors.unknownPoint");
  const computed = await statusOfPoint(source, plan, point, cycle.period, null, "en");
  const comment = input.comment?.trim() || null;
  if (input.status !== computed.computed && !comment)
    refuse("errors.reasonRequired", {}, "input.comment");
  return withLock(`cycle-edit:${input.cycleId}`, async () => {
    const fresh = await CycleModel.findById(input.cycleId).lean<PdcaCycle>();
    return changeCycle(actor, input.cycleId, fresh!.version, "cycle.assess", (doc) => {
      const others = doc.assessments.filter(
        (a) => String(a.measurementPointId) !== input.measurementPointId,
      );
      doc.set("assessments", [
        ...others,
        {
          measurementPointId: point._id,
          status: input.status,
          computedStatus: computed.computed,
          comment,
          assessedBy: actor!.id,
          assessedAt: new Date(),
        },
      ]);
    });
  });
}

/** Act: a decision of the board; a new action is created and linked. */
export async function recordDecision(
  actor: Actor | null,
  input: {
    cycleId: string;
    kind: "new_action" | "changed_target" | "other";
    text: string;
    measurementPointId?: string | null;
    newAction?: Parameters<typeof createAction>[1] | null;
  },
): Promise<PdcaCycle> {
  const { cycle, plan } = await loadCycle(actor, input.cycleId, true);
  if (cycle.phase !== "act") refuse("errors.cycleNotInAct", {}, "input.cycleId");
  const text = input.text?.trim();
  if (!text) throw badInput("input.text", "errors.required");
  if (input.kind === "changed_target" && !input.measurementPointId)
    throw badInput("input.measurementPointId", "errors.required");
  if (input.kind === "new_action" && !input.newAction)
    throw badInput("input.newAction", "errors.required");
  if (input.measurementPointId) {
    const point = await getMeasurementPoint(actor, input.measurementPointId);
    if (String(point.planId) !== String(plan._id))
      throw badInput("input.measurementPointId", "errors.unknownPoint");
  }
  const action = input.newAction
    ? await createAction(actor, {
        ...input.newAction,
        planId: String(plan._id),
        measurementPointId: input.newAction.measurementPointId ?? input.measurementPointId ?? null,
      })
    : null;
  return withLock(`cycle-edit:${input.cycleId}`, async () => {
    const fresh = await CycleModel.findById(input.cycleId).lean<PdcaCycle>();
    return changeCycle(actor, input.cycleId, fresh!.version, "cycle.decide", (doc) => {
      doc.decisions.push({
        kind: input.kind,
        text,
        measurementPointId: input.measurementPointId ?? null,
        actionId: action?._id ?? null,
        decidedBy: actor!.id,
        decidedAt: new Date(),
      });
    });
  });
}

export async function missingAssessmentIds(
  cycle: PdcaCycle,
  source: PlanSource,
): Promise<string[]> {
  const points = await source.points(String(cycle.planId));
  const assessed = new Set(cycle.assessments.map((a) => String(a.measurementPointId)));
  return points.filter((p) => !assessed.has(String(p._id))).map((p) => String(p._id));
}

/**
 * Closes a cycle in two ordered, idempotent steps (no transactions on FerretDB):
 * 1. insert the frozen scoreboard under the cycle's own _id (a retry finds it),
 * 2. mark the cycle closed.
 * A crash between them is repaired at start-up by repairCycles().
 */
export async function closeCycle(
  actor: Actor | null,
  id: string,
  version: number,
  source: PlanSource,
) {
  const { cycle, plan } = await loadCycle(actor, id, true);
  if (cycle.phase === "closed") refuse("errors.cycleClosed");
  if (cycle.phase !== "act") refuse("errors.cycleNotInAct", {}, "id");
  if (cycle.version !== version)
    throw new AppError("CONFLICT", "stale cycle", { messageKey: "errors.CONFLICT" });
  const missing = await missingAssessmentIds(cycle, source);
  if (missing.length) refuse("errors.missingAssessments", { count: missing.length }, "id");
  // Frozen in every language, so each reader sees the closed quarter in their own.
  const locales = Object.fromEntries(
    await Promise.all(
      LOCALES.map(async (locale) => {
        const board = await buildScoreboard(source, plan, cycle.period, cycle, locale);
        return [locale, { ...board, frozen: true, phase: "closed" } satisfies ScoreboardData];
      }),
    ),
  );
  // Three steps without a transaction: the snapshot, the cycle, the audit entry.
  // A crash between them is finished at the next start by repairCycles.
  crashPoint("cycle.close:before-snapshot");
  await SnapshotModel.create({
    _id: id,
    planId: plan._id,
    period: cycle.period,
    data: JSON.stringify({ locales }),
    createdAt: new Date(),
    closedBy: actor!.id,
  }).catch((error: { code?: number }) => {
    if (error.code !== 11000) throw error;
  });
  crashPoint("cycle.close:after-snapshot");
  const { before, after } = await updateVersioned(CycleModel, id, version, (doc) => {
    doc.history.push({
      from: doc.phase,
      to: "closed",
      by: new mongoose.Types.ObjectId(actor!.id),
      at: new Date(),
    });
    doc.phase = "closed";
    doc.closedAt = new Date();
    doc.closedBy = new mongoose.Types.ObjectId(actor!.id);
  });
  crashPoint("cycle.close:after-cycle");
  await recordCloseAudit(actor!, plan._id, id, before, after);
  await SnapshotModel.updateOne({ _id: id }, { $set: { complete: true } });
  return after as PdcaCycle;
}

function recordCloseAudit(
  actor: Actor,
  planId: unknown,
  cycleId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  return recordChange(
    actor,
    { planId, action: "cycle.close", entityType: "cycle", entityId: cycleId, before, after },
    "cycle_changed",
    cycleId,
  );
}

/** A frozen scoreboard in the reader's language (snapshots before 2026-11 hold one). */
function frozenIn(data: string, locale: Locale): ScoreboardData {
  const parsed = JSON.parse(data) as ScoreboardData | { locales: Record<Locale, ScoreboardData> };
  if (!("locales" in parsed)) return parsed;
  return parsed.locales[locale] ?? parsed.locales[DEFAULT_LOCALE];
}

/** The scoreboard of a plan for a quarter: the frozen snapshot once its cycle closed. */
export async function getScoreboard(
  actor: Actor | null,
  planId: string,
  period: string,
  source: PlanSource,
  locale: Locale,
) {
  const plan = await getPlan(actor, planId);
  checkPeriod(period);
  const cycle = await findCycle(planId, period);
  if (cycle?.phase === "closed") {
    const snapshot = await SnapshotModel.findById(cycle._id).lean();
    if (snapshot) return frozenIn(snapshot.data, locale);
  }
  return buildScoreboard(source, plan, period, cycle, locale);
}

/**
 * Finishes closes that a crash interrupted: a snapshot not marked complete means the
 * cycle may still be open and its audit entry may be missing. Runs at startup.
 */
export async function repairCycles(): Promise<number> {
  const pending = await SnapshotModel.find({ complete: mongoose.trusted({ $ne: true }) }).lean();
  let repaired = 0;
  for (const snapshot of pending) {
    const cycle = await CycleModel.findById(snapshot._id);
    const [plan] = cycle ? await loadPlansById([String(cycle.planId)]) : [null];
    if (!cycle || !plan) continue;
    const before = cycle.toObject();
    const closer = String(snapshot.closedBy ?? cycle.closedBy ?? cycle.history.at(-1)?.by ?? "");
    if (cycle.phase !== "closed") {
      cycle.history.push({
        from: cycle.phase,
        to: "closed",
        by: mongoose.isValidObjectId(closer) ? new mongoose.Types.ObjectId(closer) : undefined,
        at: snapshot.createdAt,
      });
      cycle.phase = "closed";
      cycle.closedAt = snapshot.createdAt;
      if (mongoose.isValidObjectId(closer)) cycle.closedBy = new mongoose.Types.ObjectId(closer);
      await cycle.save();
    }
    const audited = await hasAuditEntry(String(cycle._id), "cycle.close");
    if (!audited) {
      // The closer, as far as the snapshot remembers them; the entry says it was repaired.
      const actor: Actor = {
        id: closer,
        sessionId: "repair",
        organisationId: String(plan.organisationId),
        name: "Koers (repair after a crash)",
        email: "",
        locale: DEFAULT_LOCALE,
        isAdmin: false,
        memberships: [],
      };
      await recordCloseAudit(actor, plan._id, String(cycle._id), before, cycle.toObject());
    }
    await SnapshotModel.updateOne({ _id: snapshot._id }, { $set: { complete: true } });
    repaired++;
  }
  if (repaired) logger().warn({ repaired }, "finished cycle closes interrupted by a crash");
  return repaired;
}
