import mongoose from "mongoose";
import { authorize, type Actor } from "../../authz";
import { badInput } from "../../errors";
import {
  createObjective,
  createPlan,
  discardPlanTree,
  getEditablePlan,
  listObjectivesOfPlans,
  type Objective,
  type Plan,
} from "../plans";
import { recordAudit } from "../audit";
import { visibleNotes, type BoardNoteData } from "../../../shared/seminarBoard";
import type { PlanKind } from "../../../shared/domain";
import { BoardModel, type Board, type Seminar } from "./model";
import { publishSeminarEvent } from "./events";
import { readNotesOfBoard } from "./realtime";
import { addOutcomeLink, getSeminar } from "./service";
import type { SeminarOutcomeData } from "./types";

export interface OutcomeItemInput {
  boardId?: string | null;
  noteId?: string | null;
  text?: string | null;
  as: "strategic_line" | "objective";
  parentIndex?: number | null;
  parentObjectiveId?: string | null;
}

interface ResolvedItem {
  title: string;
  as: OutcomeItemInput["as"];
  parentIndex: number | null;
  parentObjectiveId: string | null;
}

const MAX_ITEMS = 50;

/** Checks every item (texts, notes of this seminar, parents) before anything is written. */
async function resolveItems(
  seminar: Seminar,
  items: readonly OutcomeItemInput[],
  existing: Objective[],
): Promise<ResolvedItem[]> {
  if (!items.length) throw badInput("items", "seminars.errors.emptyOutcome");
  if (items.length > MAX_ITEMS) throw badInput("items", "seminars.errors.tooMany");
  const notesOf = new Map<string, BoardNoteData[]>();
  const resolved: ResolvedItem[] = [];
  for (const [i, item] of items.entries()) {
    const field = `items.${i}`;
    let title = (item.text ?? "").trim();
    if (item.boardId || item.noteId) {
      const board =
        item.boardId && mongoose.isValidObjectId(item.boardId)
          ? await BoardModel.findById(item.boardId).lean<Board>()
          : null;
      if (!board || String(board.seminarId) !== String(seminar._id))
        throw badInput(`${field}.boardId`, "seminars.errors.unknownBoard");
      if (!notesOf.has(item.boardId!))
        notesOf.set(item.boardId!, visibleNotes(await readNotesOfBoard(board._id)));
      const note = notesOf.get(item.boardId!)!.find((n) => n.id === item.noteId);
      if (!note) throw badInput(`${field}.noteId`, "seminars.errors.unknownNote");
      title ||= note.text.trim();
    }
    if (!title) throw badInput(`${field}.text`, "errors.required");
    if (title.length > 1000) throw badInput(`${field}.text`, "errors.tooLong", { max: 1000 });
    let parentIndex: number | null = null;
    let parentObjectiveId: string | null = null;
    if (item.as === "objective") {
      if (item.parentIndex != null) {
        const parent = items[item.parentIndex];
        if (
          !Number.isInteger(item.parentIndex) ||
          item.parentIndex >= i ||
          !parent ||
          parent.as !== "strategic_line"
        )
          throw badInput(`${field}.parentIndex`, "seminars.errors.badParent");
        parentIndex = item.parentIndex;
      } else if (item.parentObjectiveId) {
        const parent = existing.find((o) => String(o._id) === item.parentObjectiveId);
        if (!parent || parent.kind !== "strategic_line")
          throw badInput(`${field}.parentObjectiveId`, "seminars.errors.badParent");
        parentObjectiveId = item.parentObjectiveId;
      }
    }
    resolved.push({ title, as: item.as, parentIndex, parentObjectiveId });
  }
  return resolved;
}

/** The next free numeric code among siblings ("3" after "1" and "2"), with a prefix. */
function nextCode(siblings: Objective[], prefix: string): string {
  let n = 1;
  const codes = new Set(siblings.map((o) => o.code));
  while (codes.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

async function writeItems(actor: Actor, plan: Plan, items: ResolvedItem[]): Promise<Objective[]> {
  const all = await listObjectivesOfPlans([String(plan._id)]);
  const created: Objective[] = [];
  for (const item of items) {
    const parent =
      item.parentIndex != null
        ? created[item.parentIndex]!
        : item.parentObjectiveId
          ? all.find((o) => String(o._id) === item.parentObjectiveId)!
          : null;
    const kind = item.as === "strategic_line" ? "strategic_line" : "strategic_objective";
    const siblings = all.filter(
      (o) => String(o.parentId ?? "") === String(parent?._id ?? "") && o.kind === kind,
    );
    const code = nextCode(siblings, parent ? `${parent.code}.` : "");
    const objective = await createObjective(actor, {
      planId: String(plan._id),
      parentId: parent ? String(parent._id) : null,
      kind,
      code,
      title: item.title,
      order: siblings.length,
    });
    created.push(objective);
    all.push(objective);
  }
  return created;
}

async function finish(actor: Actor, seminar: Seminar, plan: Plan, objectives: Objective[]) {
  const objectiveIds = objectives.map((o) => String(o._id));
  await addOutcomeLink(actor, String(seminar._id), String(plan._id), objectiveIds);
  await recordAudit(actor, {
    planId: plan._id,
    action: "seminar.outcome",
    entityType: "seminar",
    entityId: seminar._id,
    after: { planId: String(plan._id), objectiveIds },
  });
  publishSeminarEvent(seminar._id, "outcome_created");
  return { planId: String(plan._id), objectiveIds } satisfies SeminarOutcomeData;
}

/** A new draft plan whose strategic lines and objectives come from the seminar. */
export async function createPlanFromSeminar(
  actor: Actor | null,
  seminarId: string,
  input: {
    orgUnitId?: string | null;
    kind?: PlanKind | null;
    title: string;
    periodStart: number;
    periodEnd: number;
    items: readonly OutcomeItemInput[];
  },
): Promise<SeminarOutcomeData> {
  const seminar = await getSeminar(actor, seminarId);
  authorize(actor, "seminar.facilitate", seminar);
  const items = await resolveItems(seminar, input.items, []);
  const plan = await createPlan(actor, {
    kind: input.kind ?? "strategic_plan",
    title: input.title,
    orgUnitId: input.orgUnitId ?? String(seminar.orgUnitId),
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
  });
  let objectives: Objective[];
  try {
    objectives = await writeItems(actor, plan, items);
  } catch (error) {
    // No transactions: undo the half-made plan so no orphan draft remains.
    await discardPlanTree(actor, String(plan._id));
    throw error;
  }
  return finish(actor, seminar, plan, objectives);
}

/** Adds strategic lines and objectives from the seminar to a plan the facilitator may edit. */
export async function addSeminarOutcomeToPlan(
  actor: Actor | null,
  seminarId: string,
  planId: string,
  items: readonly OutcomeItemInput[],
): Promise<SeminarOutcomeData> {
  const seminar = await getSeminar(actor, seminarId);
  authorize(actor, "seminar.facilitate", seminar);
  const plan = await getEditablePlan(actor, planId);
  const existing = await listObjectivesOfPlans([planId]);
  const resolved = await resolveItems(seminar, items, existing);
  const objectives = await writeItems(actor, plan, resolved);
  return finish(actor, seminar, plan, objectives);
}
