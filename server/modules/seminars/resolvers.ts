import mongoose from "mongoose";
import type { Resolvers } from "../../graphql/generated";
import type { Context } from "../../context";
import { can, requireActor } from "../../authz";
import { getPlan, listObjectivesOfPlans } from "../plans";
import { notFound } from "../../errors";
import { visibleNotes } from "../../../shared/seminarBoard";
import type { Board, Dot, Poll, Seminar } from "./model";
import {
  addSeminarSession,
  changeTimer,
  createSeminar,
  findSeminar,
  findSeminarOfPlan,
  getSeminar,
  listBoardsOfSeminar,
  listSeminars,
  moveToSession,
  updateSeminar,
} from "./service";
import {
  addBoard,
  getBoard,
  listDotsOfBoard,
  placeDot,
  removeDot,
  setBoardLocked,
  setBoardVotesRevealed,
  viewerCanEditBoard,
  visibleTotals,
} from "./boards";
import {
  answerPoll,
  countAnswers,
  createPoll,
  getMyAnswer,
  getPoll,
  listPollsOfSeminar,
  setPollFlag,
  visibleResults,
} from "./polls";
import { addSeminarOutcomeToPlan, createPlanFromSeminar } from "./outcome";
import { readNotesOfBoard } from "./realtime";
import { listInvitees } from "./invitees";
import { subscribeSeminarEvents } from "./events";
import type { SeminarEventPayload, SessionData } from "./types";

const MEMO = "seminars:";

/** Per-request memo: one load per key and request. */
function memo<T>(ctx: Context, key: string, load: () => Promise<T>): Promise<T> {
  const k = MEMO + key;
  // Promise.resolve().then: a mongoose Query is a thenable that would run again on each await.
  if (!ctx.cache.has(k)) ctx.cache.set(k, Promise.resolve().then(load));
  return ctx.cache.get(k) as Promise<T>;
}

/**
 * A websocket keeps one context for all its events, so the memo would otherwise answer every
 * event with the seminar, boards and polls as they were at the first one (a lock, a reveal or a
 * new poll would never reach the room). Each event starts from fresh data.
 */
function forgetMemo(ctx: Context): void {
  for (const key of [...ctx.cache.keys()]) if (key.startsWith(MEMO)) ctx.cache.delete(key);
}

/** The seminar of a board or poll, checked readable by the viewer (memoized per request). */
async function seminarOf(ctx: Context, seminarId: unknown): Promise<Seminar> {
  const seminar = await memo(ctx, `seminar:${String(seminarId)}`, () =>
    findSeminar(String(seminarId)),
  );
  if (!can(ctx.actor, "seminar.read", seminar)) throw notFound("Seminar");
  return seminar;
}

const boardsOf = (ctx: Context, seminarId: unknown) =>
  memo(ctx, `boards:${String(seminarId)}`, () => listBoardsOfSeminar(seminarId));
const pollsOf = (ctx: Context, seminarId: unknown) =>
  memo(ctx, `polls:${String(seminarId)}`, () => listPollsOfSeminar(seminarId));
const dotsOf = (ctx: Context, boardId: unknown) =>
  memo<Dot[]>(ctx, `dots:${String(boardId)}`, () => listDotsOfBoard(boardId));
const notesOf = (ctx: Context, boardId: unknown) =>
  memo(ctx, `notes:${String(boardId)}`, () => readNotesOfBoard(boardId));

const sessionData = (seminar: Seminar, session: Seminar["sessions"][number]): SessionData => ({
  ...session,
  seminar,
});

async function userRef(ctx: Context, id: unknown) {
  const key = String(id ?? "");
  return mongoose.isValidObjectId(key) ? await ctx.loaders.users.load(key) : null;
}

export const seminarResolvers: Resolvers = {
  Query: {
    seminars: (_, __, ctx) => listSeminars(ctx.actor),
    seminar: (_, { id }, ctx) => getSeminar(ctx.actor, id),
    seminarInvitees: (_, __, ctx) => listInvitees(ctx.actor),
  },
  Mutation: {
    createSeminar: (_, { input }, ctx) => createSeminar(ctx.actor, input),
    updateSeminar: (_, { id, version, input }, ctx) => updateSeminar(ctx.actor, id, version, input),
    addSeminarSession: (_, { seminarId, input }, ctx) =>
      addSeminarSession(ctx.actor, seminarId, input),
    moveToSession: (_, { seminarId, sessionId }, ctx) =>
      moveToSession(ctx.actor, seminarId, sessionId),
    startSeminarTimer: (_, { seminarId, seconds }, ctx) =>
      changeTimer(ctx.actor, seminarId, "start", seconds),
    pauseSeminarTimer: (_, { seminarId }, ctx) => changeTimer(ctx.actor, seminarId, "pause"),
    resumeSeminarTimer: (_, { seminarId }, ctx) => changeTimer(ctx.actor, seminarId, "resume"),
    clearSeminarTimer: (_, { seminarId }, ctx) => changeTimer(ctx.actor, seminarId, "clear"),
    addBoard: (_, { seminarId, sessionId, kind, title }, ctx) =>
      addBoard(ctx.actor, seminarId, sessionId, kind, title),
    setBoardLocked: (_, { boardId, locked }, ctx) => setBoardLocked(ctx.actor, boardId, locked),
    setBoardVotesRevealed: (_, { boardId, revealed }, ctx) =>
      setBoardVotesRevealed(ctx.actor, boardId, revealed),
    placeDot: (_, { boardId, noteId }, ctx) => placeDot(ctx.actor, boardId, noteId),
    removeDot: (_, { boardId, noteId }, ctx) => removeDot(ctx.actor, boardId, noteId),
    createPoll: (_, { input }, ctx) => createPoll(ctx.actor, input),
    setPollOpen: (_, { pollId, open }, ctx) => setPollFlag(ctx.actor, pollId, "open", open),
    setPollRevealed: (_, { pollId, revealed }, ctx) =>
      setPollFlag(ctx.actor, pollId, "revealed", revealed),
    answerPoll: (_, { pollId, input }, ctx) => answerPoll(ctx.actor, pollId, input),
    createPlanFromSeminar: (_, { seminarId, input }, ctx) =>
      createPlanFromSeminar(ctx.actor, seminarId, input),
    addSeminarOutcomeToPlan: (_, { seminarId, planId, items }, ctx) =>
      addSeminarOutcomeToPlan(ctx.actor, seminarId, planId, items),
  },
  Subscription: {
    seminarEvents: {
      // Authorized once at subscribe time and again for each event: invitations can change.
      subscribe: async (_, { seminarId }, ctx) => {
        await getSeminar(ctx.actor, seminarId);
        return subscribeSeminarEvents(seminarId);
      },
      resolve: async (payload: SeminarEventPayload, _args: unknown, ctx: Context) => {
        forgetMemo(ctx);
        await getSeminar(ctx.actor, payload.seminarId);
        return payload;
      },
    },
  },
  SeminarEvent: {
    seminar: (e, _, ctx) => seminarOf(ctx, e.seminarId),
    board: async (e, _, ctx) => (e.boardId ? (await getBoard(ctx.actor, e.boardId)).board : null),
    poll: async (e, _, ctx) => (e.pollId ? (await getPoll(ctx.actor, e.pollId)).poll : null),
  },
  Plan: {
    originSeminar: async (plan, _, ctx) => {
      if (!ctx.actor) return null;
      const seminar = await findSeminarOfPlan(ctx.actor.organisationId, String(plan._id));
      return seminar && can(ctx.actor, "seminar.read", seminar) ? seminar : null;
    },
  },
  Seminar: {
    id: (s) => String(s._id),
    orgUnit: async (s, _, ctx) => {
      const unit = await ctx.loaders.orgUnits.load(String(s.orgUnitId));
      if (!unit) throw notFound("OrgUnit");
      return unit;
    },
    facilitator: async (s, _, ctx) => {
      const user = await userRef(ctx, s.facilitatorId);
      if (!user) throw notFound("User");
      return user;
    },
    participants: async (s, _, ctx) =>
      (await Promise.all(s.participantIds.map((id) => userRef(ctx, id)))).filter((u) => !!u),
    sessions: (s) => s.sessions.map((session) => sessionData(s, session)),
    currentSession: (s) => {
      const session = s.sessions.find((x) => String(x._id) === String(s.currentSessionId));
      return session ? sessionData(s, session) : null;
    },
    timer: (s) => ({
      endsAt: s.timerEndsAt ?? null,
      pausedRemainingMs: s.timerPausedRemainingMs ?? null,
      serverNow: new Date(),
    }),
    viewerIsFacilitator: (s, _, ctx) => can(ctx.actor, "seminar.facilitate", s),
    viewerIsParticipant: (s, _, ctx) => can(ctx.actor, "seminar.participate", s),
    outcomes: async (s, _, ctx) => {
      const readable = [];
      for (const o of s.outcomes) {
        // A participant who may not read the plan does not see it listed.
        const ok = await getPlan(ctx.actor, String(o.planId)).then(
          () => true,
          () => false,
        );
        if (ok)
          readable.push({ planId: String(o.planId), objectiveIds: o.objectiveIds.map(String) });
      }
      return readable;
    },
    reportUrl: (s) => `/api/seminars/${String(s._id)}/report.pdf`,
  },
  SeminarSession: {
    id: (s) => String(s._id),
    boards: async (s, _, ctx) =>
      (await boardsOf(ctx, s.seminar._id)).filter((b) => String(b.sessionId) === String(s._id)),
    polls: async (s, _, ctx) =>
      (await pollsOf(ctx, s.seminar._id)).filter((p) => String(p.sessionId) === String(s._id)),
  },
  SeminarOutcome: {
    plan: (o, _, ctx) => getPlan(ctx.actor, o.planId),
    objectives: async (o) => {
      const all = await listObjectivesOfPlans([o.planId]);
      const byId = new Map(all.map((x) => [String(x._id), x]));
      return o.objectiveIds.map((id) => byId.get(id)).filter((x) => !!x);
    },
  },
  Board: {
    id: (b) => String(b._id),
    seminarId: (b) => String(b.seminarId),
    sessionId: (b) => String(b.sessionId),
    docName: (b) => `board/${String(b._id)}`,
    viewerCanEdit: async (b, _, ctx) =>
      viewerCanEditBoard(ctx.actor, b, await seminarOf(ctx, b.seminarId)),
    notes: async (b, _, ctx) => {
      await seminarOf(ctx, b.seminarId);
      return visibleNotes(await notesOf(ctx, b._id));
    },
    myDots: async (b: Board, _, ctx) => {
      const viewer = requireActor(ctx.actor);
      await seminarOf(ctx, b.seminarId);
      return (await dotsOf(ctx, b._id)).filter((d) => String(d.userId) === viewer.id);
    },
    myDotsLeft: async (b, _, ctx) => {
      const viewer = requireActor(ctx.actor);
      const seminar = await seminarOf(ctx, b.seminarId);
      if (!can(viewer, "seminar.participate", seminar)) return 0;
      const mine = (await dotsOf(ctx, b._id)).filter((d) => String(d.userId) === viewer.id);
      return Math.max(0, seminar.dotsPerParticipant - mine.length);
    },
    dotsPlaced: async (b, _, ctx) => {
      await seminarOf(ctx, b.seminarId);
      return (await dotsOf(ctx, b._id)).length;
    },
    voteTotals: async (b, _, ctx) => visibleTotals(ctx.actor, b, await seminarOf(ctx, b.seminarId)),
  },
  BoardNote: {
    author: (n, _, ctx) => userRef(ctx, n.authorId),
  },
  Dot: {
    id: (d) => d._id,
  },
  Poll: {
    id: (p) => String(p._id),
    seminarId: (p) => String(p.seminarId),
    sessionId: (p) => String(p.sessionId),
    scaleMin: (p) => p.scaleMin ?? null,
    scaleMax: (p) => p.scaleMax ?? null,
    answerCount: async (p, _, ctx) => {
      await seminarOf(ctx, p.seminarId);
      return countAnswers(p._id);
    },
    myAnswer: async (p: Poll, _, ctx) => {
      await seminarOf(ctx, p.seminarId);
      const answer = await getMyAnswer(ctx.actor, p);
      return answer
        ? { optionIds: answer.optionIds, value: answer.value ?? null, text: answer.text ?? null }
        : null;
    },
    results: async (p, _, ctx) => visibleResults(ctx.actor, p, await seminarOf(ctx, p.seminarId)),
  },
  PollOption: {
    id: (o) => String(o._id),
  },
};
