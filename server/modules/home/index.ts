import type { Resolvers } from "../../graphql/generated";
import { requireActor, type Actor } from "../../authz";
import { badInput } from "../../errors";
import {
  listObjectivesOfPlans,
  listPlans,
  listPointsOfPlans,
  getPlan,
  type Objective,
  type Plan,
} from "../plans";
import { listIndicatorsOfPlans, listMeasurementsOfPlans } from "../indicators";
import { listActionsOfPlans } from "../actions";
import { localize, type LocalizedValue } from "../../../shared/localized";
import { LOCALES, type Locale } from "../../../shared/domain";
import { quarterOf } from "../../../shared/periods";

const DUE_SOON_DAYS = 14;

/** Lower case, accents removed: "Coördinatie" finds "coordinatie". */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

const allTexts = (value: LocalizedValue | null | undefined) =>
  LOCALES.map((l) => value?.[l] ?? "").join(" ");

async function readablePlans(actor: Actor): Promise<Plan[]> {
  const plans: Plan[] = [];
  let after: string | null = null;
  // Pages of 100 until every readable plan is in (an organisation has a few hundred at most).
  for (;;) {
    const page: Awaited<ReturnType<typeof listPlans>> = await listPlans(actor, 100, after);
    plans.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return plans;
    after = page.pageInfo.endCursor;
  }
}

export interface SearchHitData {
  kind: "plan" | "objective" | "measurement_point";
  id: string;
  code: string | null;
  title: string;
  planId: string;
  planTitle: string;
  path: string[];
}

/** Every word of the query must appear in the code or the texts (any language). */
export async function search(
  actor: Actor | null,
  query: string,
  first: number,
  locale: Locale,
): Promise<SearchHitData[]> {
  const viewer = requireActor(actor);
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length || query.length > 200) throw badInput("query", "errors.searchQuery");
  if (!Number.isInteger(first) || first < 1 || first > 50)
    throw badInput("first", "errors.pageSize", { max: 50 });
  const plans = await readablePlans(viewer);
  const ids = plans.map((p) => String(p._id));
  const [objectives, points] = await Promise.all([
    listObjectivesOfPlans(ids),
    listPointsOfPlans(ids),
  ]);
  const planById = new Map(plans.map((p) => [String(p._id), p]));
  const objectiveById = new Map(objectives.map((o) => [String(o._id), o]));
  const matches = (code: string, ...texts: (LocalizedValue | null | undefined)[]) => {
    const haystack = fold(`${code} ${texts.map(allTexts).join(" ")}`);
    return words.every((w) => haystack.includes(w));
  };
  const pathOf = (objective: Objective | undefined): string[] => {
    const path: string[] = [];
    for (
      let o = objective;
      o && path.length < 50;
      o = o.parentId ? objectiveById.get(String(o.parentId)) : undefined
    )
      path.unshift(o.code);
    return path;
  };
  const title = (v: LocalizedValue | null | undefined) => localize(v, locale).text;
  const hits: SearchHitData[] = [];
  for (const p of plans)
    if (matches("", p.title, p.description))
      hits.push({
        kind: "plan",
        id: String(p._id),
        code: null,
        title: title(p.title),
        planId: String(p._id),
        planTitle: title(p.title),
        path: [],
      });
  for (const o of objectives)
    if (matches(o.code, o.title, o.description)) {
      const plan = planById.get(String(o.planId))!;
      hits.push({
        kind: "objective",
        id: String(o._id),
        code: o.code,
        title: title(o.title),
        planId: String(plan._id),
        planTitle: title(plan.title),
        path: pathOf(o),
      });
    }
  for (const p of points)
    if (matches(p.code, p.title, p.description, ...p.targets.map((t) => t.text))) {
      const plan = planById.get(String(p.planId))!;
      hits.push({
        kind: "measurement_point",
        id: String(p._id),
        code: p.code,
        title: title(p.title),
        planId: String(plan._id),
        planTitle: title(plan.title),
        path: [...pathOf(objectiveById.get(String(p.objectiveId))), p.code],
      });
    }
  // An exact code match first, then plans, objectives, points.
  const exact = (h: SearchHitData) => (h.code && fold(h.code) === fold(query.trim()) ? 0 : 1);
  return hits.sort((a, b) => exact(a) - exact(b)).slice(0, first);
}

/** The viewer's work for the current quarter. */
export async function myWork(actor: Actor | null, today = new Date()) {
  const viewer = requireActor(actor);
  const period = quarterOf(today);
  const plans = await readablePlans(viewer);
  const ids = plans.map((p) => String(p._id));
  const [actions, points, indicators, measurements] = await Promise.all([
    listActionsOfPlans(ids),
    listPointsOfPlans(ids),
    listIndicatorsOfPlans(ids),
    listMeasurementsOfPlans(ids),
  ]);
  const horizon = new Date(today.getTime() + DUE_SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
  const actionsDue = actions
    .filter(
      (a) =>
        String(a.ownerId) === viewer.id &&
        a.dueDate &&
        a.dueDate <= horizon &&
        !["done", "cancelled"].includes(a.status),
    )
    .sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? ""));
  const measured = new Set(
    measurements.filter((m) => m.period === period).map((m) => String(m.indicatorId)),
  );
  const mine = points.filter((p) => p.ownerIds.some((o) => String(o) === viewer.id));
  const missingMeasurements = mine.flatMap((point) =>
    indicators
      .filter(
        (i) =>
          (String(i.measurementPointId) === String(point._id) ||
            point.targets.some((t) => String(t.indicatorId) === String(i._id))) &&
          i.frequency !== "yearly" &&
          !measured.has(String(i._id)),
      )
      .map((indicator) => ({ indicator, measurementPoint: point, planId: String(point.planId) })),
  );
  const member = (p: Plan) =>
    p.members.some((m) => String(m.userId) === viewer.id) ||
    viewer.memberships.some((m) => m.orgUnitId === String(p.orgUnitId));
  return { period, actionsDue, missingMeasurements, plans: plans.filter(member) };
}

export const homeResolvers: Resolvers = {
  Query: {
    search: (_, { query, first }, ctx) => search(ctx.actor, query, first ?? 20, ctx.locale),
    myWork: (_, __, ctx) => myWork(ctx.actor),
  },
  MissingMeasurement: {
    plan: (m, _, ctx) => getPlan(ctx.actor, m.planId),
  },
};
