import mongoose from "mongoose";
import { authorize, can, type Actor } from "../../authz";
import { withLock } from "../../db/mutex";
import { AppError, badInput, notFound } from "../../errors";
import { PollAnswerModel, PollModel, type Poll, type PollAnswer, type Seminar } from "./model";
import { publishSeminarEvent } from "./events";
import { getSeminar, requireSession, requireTitle } from "./service";

const TEXT_MAX = 80;

async function findPoll(id: string): Promise<Poll> {
  const poll = mongoose.isValidObjectId(id) ? await PollModel.findById(id).lean<Poll>() : null;
  if (!poll) throw notFound("Poll");
  return poll;
}

export async function getPoll(
  actor: Actor | null,
  id: string,
): Promise<{ poll: Poll; seminar: Seminar }> {
  const poll = await findPoll(id);
  const seminar = await getSeminar(actor, String(poll.seminarId));
  return { poll, seminar };
}

export const listPollsOfSeminar = (seminarId: unknown) =>
  PollModel.find({ seminarId: String(seminarId) })
    .sort({ _id: 1 })
    .lean<Poll[]>();

export async function createPoll(
  actor: Actor | null,
  input: {
    seminarId: string;
    sessionId: string;
    question: string;
    kind: Poll["kind"];
    options?: readonly string[] | null;
    scaleMin?: number | null;
    scaleMax?: number | null;
  },
): Promise<Poll> {
  const seminar = await getSeminar(actor, input.seminarId);
  authorize(actor, "seminar.facilitate", seminar);
  requireSession(seminar, input.sessionId, "input.sessionId");
  const question = requireTitle(input.question, "input.question", 500);
  let options: { label: string }[] = [];
  let scaleMin: number | null = null;
  let scaleMax: number | null = null;
  if (input.kind === "single" || input.kind === "multiple") {
    const labels = (input.options ?? []).map((o) => o.trim()).filter(Boolean);
    if (labels.length < 2 || labels.length > 12)
      throw badInput("input.options", "seminars.errors.optionCount", { min: 2, max: 12 });
    options = labels.map((label, i) => ({ label: requireTitle(label, `input.options.${i}`) }));
  } else if (input.kind === "scale") {
    scaleMin = input.scaleMin ?? 1;
    scaleMax = input.scaleMax ?? 5;
    if (
      !Number.isInteger(scaleMin) ||
      !Number.isInteger(scaleMax) ||
      scaleMin >= scaleMax ||
      scaleMax - scaleMin > 20
    )
      throw badInput("input.scaleMax", "seminars.errors.scaleRange");
  }
  const created = await PollModel.create({
    seminarId: seminar._id,
    sessionId: input.sessionId,
    question,
    kind: input.kind,
    options,
    scaleMin,
    scaleMax,
  });
  const poll = created.toObject() as Poll;
  publishSeminarEvent(seminar._id, "poll_created", { pollId: poll._id });
  return poll;
}

export async function setPollFlag(
  actor: Actor | null,
  pollId: string,
  flag: "open" | "revealed",
  value: boolean,
): Promise<Poll> {
  const { seminar } = await getPoll(actor, pollId);
  authorize(actor, "seminar.facilitate", seminar);
  const poll = await withLock(`${PollModel.modelName}:${pollId}`, async () => {
    const doc = await PollModel.findById(pollId);
    if (!doc) throw notFound("Poll");
    doc[flag] = value;
    await doc.save();
    return doc.toObject() as Poll;
  });
  publishSeminarEvent(
    seminar._id,
    flag === "revealed" && value ? "poll_revealed" : "poll_changed",
    {
      pollId,
    },
  );
  return poll;
}

function checkAnswer(
  poll: Poll,
  input: { optionIds?: readonly string[] | null; value?: number | null; text?: string | null },
) {
  const bad = () => badInput("input", "seminars.errors.badAnswer");
  if (poll.kind === "single" || poll.kind === "multiple") {
    const ids = [...new Set(input.optionIds ?? [])];
    const known = new Set(poll.options.map((o) => String(o._id)));
    if (!ids.length || ids.some((id) => !known.has(id))) throw bad();
    if (poll.kind === "single" && ids.length !== 1) throw bad();
    return { optionIds: ids, value: null, text: null };
  }
  if (poll.kind === "scale") {
    const value = input.value;
    if (
      value == null ||
      !Number.isInteger(value) ||
      value < poll.scaleMin! ||
      value > poll.scaleMax!
    )
      throw bad();
    return { optionIds: [], value, text: null };
  }
  const text = (input.text ?? "").trim().replace(/\s+/g, " ");
  if (!text) throw bad();
  if (text.length > TEXT_MAX) throw badInput("input.text", "errors.tooLong", { max: TEXT_MAX });
  return { optionIds: [], value: null, text };
}

/** One answer per person: `_id` `<pollId>:<userId>`, replaced by a later answer from any tab. */
export async function answerPoll(
  actor: Actor | null,
  pollId: string,
  input: { optionIds?: readonly string[] | null; value?: number | null; text?: string | null },
): Promise<Poll> {
  const { poll, seminar } = await getPoll(actor, pollId);
  authorize(actor, "seminar.participate", seminar);
  if (!poll.open)
    throw new AppError("CONFLICT", "poll closed", { messageKey: "seminars.errors.pollClosed" });
  const answer = checkAnswer(poll, input);
  const id = `${pollId}:${actor!.id}`;
  // Two tabs answering at once: an upsert race could otherwise fail with a duplicate key.
  await withLock(`${PollAnswerModel.modelName}:${id}`, () =>
    PollAnswerModel.replaceOne(
      { _id: id },
      { _id: id, pollId, userId: actor!.id, ...answer },
      { upsert: true },
    ),
  );
  publishSeminarEvent(seminar._id, "poll_answered", { pollId });
  return poll;
}

export const countAnswers = (pollId: unknown) =>
  PollAnswerModel.countDocuments({ pollId: String(pollId) });

export async function getMyAnswer(actor: Actor | null, poll: Poll): Promise<PollAnswer | null> {
  if (!actor) return null;
  return PollAnswerModel.findById(`${String(poll._id)}:${actor.id}`).lean<PollAnswer>();
}

export interface PollResultsData {
  respondents: number;
  options: { option: Poll["options"][number]; count: number }[];
  scale: { value: number; count: number }[];
  average: number | null;
  words: { word: string; count: number }[];
}

const STOP_WORDS = new Set(
  "de het een en van in op te is the a an and of to in on for le la les un une et des du en à".split(
    " ",
  ),
);

export function computeResults(poll: Poll, answers: PollAnswer[]): PollResultsData {
  const options = poll.options.map((option) => ({
    option,
    count: answers.filter((a) => a.optionIds.includes(String(option._id))).length,
  }));
  const scale: { value: number; count: number }[] = [];
  let average: number | null = null;
  if (poll.kind === "scale" && poll.scaleMin != null && poll.scaleMax != null) {
    for (let v = poll.scaleMin; v <= poll.scaleMax; v++)
      scale.push({ value: v, count: answers.filter((a) => a.value === v).length });
    const values = answers.map((a) => a.value).filter((v): v is number => v != null);
    average = values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
  }
  const counts = new Map<string, number>();
  for (const a of answers) {
    if (!a.text) continue;
    // Each person counts once per word, so repeating a word does not weigh more.
    const words = new Set(
      a.text
        .toLocaleLowerCase()
        .split(/[^\p{L}\p{N}'-]+/u)
        .filter((w) => w.length > 1 && !STOP_WORDS.has(w)),
    );
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const words = [...counts.entries()]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
    .slice(0, 100);
  return { respondents: answers.length, options, scale, average, words };
}

/** Results for the facilitator always, for participants only once revealed; else null. */
export async function visibleResults(
  actor: Actor | null,
  poll: Poll,
  seminar: Seminar,
): Promise<PollResultsData | null> {
  if (!poll.revealed && !can(actor, "seminar.facilitate", seminar)) return null;
  const answers = await PollAnswerModel.find({ pollId: String(poll._id) }).lean<PollAnswer[]>();
  return computeResults(poll, answers);
}
