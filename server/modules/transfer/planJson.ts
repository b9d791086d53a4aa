import type { Actor } from "../../authz";
import { AppError } from "../../errors";
import {
  createObjective,
  getPlan,
  listObjectivesOfPlans,
  listPointsOfPlans,
  translateObjective,
  translatePlanText,
  translatePoint,
  type Plan,
} from "../plans";
import { createMeasurementPointWithTargets } from "../plans/imports";
import {
  createIndicator,
  listIndicatorsOfPlans,
  listMeasurementsOfPlans,
  recordMeasurement,
  translateIndicator,
} from "../indicators";
import { createAction, listActionsOfPlans, translateAction } from "../actions";
import { createPlan } from "../plans";
import { findUserByEmail, getUsers } from "../users";
import { localize, type LocalizedValue } from "../../../shared/localized";

/**
 * A whole plan as JSON, for backups and for moving between installations.
 * References between items are the exporting installation's ids; people are
 * referred to by e-mail address. Importing creates everything anew (new ids)
 * through the services, so validation, authorization and audit apply.
 */
export const PLAN_JSON_FORMAT = "koers-plan";
export const PLAN_JSON_VERSION = 1;

export async function exportPlanJson(actor: Actor | null, planId: string) {
  const plan = await getPlan(actor, planId);
  const [objectives, points, indicators, measurements, actions] = await Promise.all([
    listObjectivesOfPlans([planId]),
    listPointsOfPlans([planId]),
    listIndicatorsOfPlans([planId]),
    listMeasurementsOfPlans([planId]),
    listActionsOfPlans([planId]),
  ]);
  const userIds = [
    ...new Set([
      ...measurements.map((m) => String(m.recordedBy)),
      ...actions.flatMap((a) => (a.ownerId ? [String(a.ownerId)] : [])),
      ...points.flatMap((p) => p.ownerIds.map(String)),
    ]),
  ];
  const users = await getUsers(userIds);
  const email = new Map(users.filter((u) => !!u).map((u) => [String(u!._id), u!.email]));
  const ref = (id: unknown) => (id ? String(id) : null);
  return {
    format: PLAN_JSON_FORMAT,
    version: PLAN_JSON_VERSION,
    exportedAt: new Date().toISOString(),
    plan: {
      kind: plan.kind,
      title: plan.title,
      description: plan.description ?? null,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      responsibleAuthority: plan.responsibleAuthority ?? null,
      status: plan.status,
    },
    objectives: objectives.map((o) => ({
      ref: ref(o._id),
      parent: ref(o.parentId),
      kind: o.kind,
      code: o.code,
      title: o.title,
      description: o.description ?? null,
      order: o.order,
    })),
    measurementPoints: points.map((p) => ({
      ref: ref(p._id),
      objective: ref(p.objectiveId),
      code: p.code,
      title: p.title,
      description: p.description ?? null,
      order: p.order,
      owners: p.ownerIds.map((id) => email.get(String(id))).filter(Boolean),
      targets: p.targets.map((t) => ({
        text: t.text,
        goal: t.goal ?? null,
        deadline: t.deadline ?? null,
        indicator: ref(t.indicatorId),
      })),
    })),
    indicators: indicators.map((i) => ({
      ref: ref(i._id),
      measurementPoint: ref(i.measurementPointId),
      name: i.name,
      unit: i.unit ?? null,
      direction: i.direction,
      baseline: i.baseline ?? null,
      targetValue: i.targetValue ?? null,
      frequency: i.frequency,
    })),
    measurements: measurements.map((m) => ({
      indicator: ref(m.indicatorId),
      period: m.period,
      value: m.value,
      comment: m.comment ?? null,
      evidenceUrl: m.evidenceUrl ?? null,
      recordedBy: email.get(String(m.recordedBy)) ?? null,
      recordedAt: new Date(m.recordedAt).toISOString(),
    })),
    actions: actions.map((a) => ({
      title: a.title,
      owner: a.ownerId ? (email.get(String(a.ownerId)) ?? null) : null,
      dueDate: a.dueDate ?? null,
      status: a.status,
      progress: a.progress,
      doneDate: a.doneDate ?? null,
      objective: ref(a.objectiveId),
      measurementPoint: ref(a.measurementPointId),
    })),
  };
}

export type PlanJson = Awaited<ReturnType<typeof exportPlanJson>>;

export async function importPlanJson(
  actor: Actor | null,
  data: PlanJson,
  target: { orgUnitId: string },
): Promise<Plan> {
  if (data?.format !== PLAN_JSON_FORMAT || data.version !== PLAN_JSON_VERSION)
    throw new AppError("BAD_USER_INPUT", "not a Koers plan export", {
      messageKey: "errors.notPlanJson",
      field: "file",
    });
  const viewer = actor!;
  const textOf = (v: LocalizedValue | null) => localize(v, viewer.locale).text;
  const plan = await createPlan(actor, {
    kind: data.plan.kind,
    title: textOf(data.plan.title),
    description: data.plan.description ? textOf(data.plan.description) : null,
    orgUnitId: target.orgUnitId,
    periodStart: data.plan.periodStart,
    periodEnd: data.plan.periodEnd,
    responsibleAuthority: data.plan.responsibleAuthority,
  });
  const planId = String(plan._id);
  // Every language and translation state exactly as exported.
  const keepAll = (v: LocalizedValue) => () => v;
  await translatePlanText(actor, planId, "title", keepAll(data.plan.title));
  if (data.plan.description)
    await translatePlanText(actor, planId, "description", keepAll(data.plan.description));

  const objectiveIds = new Map<string, string>();
  const pending = [...data.objectives];
  // Parents first, whatever the order in the file.
  while (pending.length) {
    const index = pending.findIndex((o) => !o.parent || objectiveIds.has(o.parent));
    if (index < 0)
      throw new AppError("BAD_USER_INPUT", "objective tree is broken", {
        messageKey: "errors.notPlanJson",
        field: "file",
      });
    const [o] = pending.splice(index, 1);
    const created = await createObjective(actor, {
      planId,
      parentId: o!.parent ? objectiveIds.get(o!.parent)! : null,
      kind: o!.kind,
      code: o!.code,
      title: textOf(o!.title),
      order: o!.order,
    });
    await translateObjective(actor, String(created._id), "title", keepAll(o!.title));
    if (o!.description)
      await translateObjective(actor, String(created._id), "description", keepAll(o!.description));
    objectiveIds.set(o!.ref!, String(created._id));
  }

  const indicatorIds = new Map<string, string>();
  const pointIds = new Map<string, string>();
  for (const p of data.measurementPoints) {
    const ownIndicators = data.indicators.filter(
      (i) => i.measurementPoint === p.ref || p.targets.some((t) => t.indicator === i.ref),
    );
    const owners = await Promise.all(
      p.owners.map((e) => findUserByEmail(viewer.organisationId, e!)),
    );
    const point = await createMeasurementPointWithTargets(actor, {
      objectiveId: objectiveIds.get(p.objective!)!,
      ownerIds: owners.filter((u) => !!u).map((u) => String(u!._id)),
      code: p.code,
      title: textOf(p.title),
      order: p.order,
      targets: p.targets.map((t) => ({
        text: textOf(t.text),
        deadline: t.deadline,
        goal: t.goal,
        indicatorIndex: t.indicator ? ownIndicators.findIndex((i) => i.ref === t.indicator) : null,
      })),
      indicatorNames: ownIndicators.map((i) => textOf(i.name)),
      createIndicator: (name, pointId) => {
        const source = ownIndicators.find((i) => textOf(i.name) === name)!;
        return createIndicator(actor, {
          planId,
          name,
          unit: source.unit,
          direction: source.direction,
          baseline: source.baseline,
          targetValue: source.targetValue,
          frequency: source.frequency,
          measurementPointId: source.measurementPoint ? pointId : null,
        });
      },
    });
    pointIds.set(p.ref!, String(point._id));
    await translatePoint(actor, String(point._id), null, "title", keepAll(p.title));
    for (const [i, t] of p.targets.entries())
      await translatePoint(
        actor,
        String(point._id),
        String(point.targets[i]!._id),
        "text",
        keepAll(t.text),
      );
    const created = (await listIndicatorsOfPlans([planId])).filter(
      (i) =>
        String(i.measurementPointId) === String(point._id) ||
        point.targets.some((t) => String(t.indicatorId) === String(i._id)),
    );
    for (const source of ownIndicators) {
      const match = created.find(
        (c) => textOf(c.name) === textOf(source.name) && !indicatorIds.has(source.ref!),
      );
      if (match) {
        indicatorIds.set(source.ref!, String(match._id));
        await translateIndicator(actor, String(match._id), keepAll(source.name));
      }
    }
  }
  for (const i of data.indicators.filter((x) => !indicatorIds.has(x.ref!))) {
    const created = await createIndicator(actor, {
      planId,
      name: textOf(i.name),
      unit: i.unit,
      direction: i.direction,
      baseline: i.baseline,
      targetValue: i.targetValue,
      frequency: i.frequency,
    });
    await translateIndicator(actor, String(created._id), keepAll(i.name));
    indicatorIds.set(i.ref!, String(created._id));
  }
  for (const m of data.measurements) {
    const recordedBy = m.recordedBy
      ? await findUserByEmail(viewer.organisationId, m.recordedBy)
      : null;
    await recordMeasurement(
      actor,
      {
        indicatorId: indicatorIds.get(m.indicator!)!,
        period: m.period,
        value: m.value,
        comment: m.comment,
        evidenceUrl: m.evidenceUrl,
      },
      {
        recordedBy: recordedBy ? String(recordedBy._id) : viewer.id,
        recordedAt: new Date(m.recordedAt),
      },
    );
  }
  for (const a of data.actions) {
    const owner = a.owner ? await findUserByEmail(viewer.organisationId, a.owner) : null;
    const created = await createAction(actor, {
      planId,
      title: textOf(a.title),
      ownerId: owner ? String(owner._id) : null,
      dueDate: a.dueDate,
      status: a.status,
      progress: a.progress,
      doneDate: a.doneDate,
      objectiveId: a.objective ? (objectiveIds.get(a.objective) ?? null) : null,
      measurementPointId: a.measurementPoint ? (pointIds.get(a.measurementPoint) ?? null) : null,
    });
    await translateAction(actor, String(created._id), keepAll(a.title));
  }
  return getPlan(actor, planId);
}
