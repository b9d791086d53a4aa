import PDFDocument from "pdfkit";
import { translate } from "../../i18n";
import type { Actor } from "../../authz";
import { getPlan, listObjectivesOfPlans } from "../plans";
import { getOrganisation } from "../orgs";
import { getUsers } from "../users";
import { localize } from "../../../shared/localized";
import { NOTE_QUADRANTS, visibleNotes } from "../../../shared/seminarBoard";
import type { Locale } from "../../../shared/domain";
import { authorize } from "../../authz";
import { computeTotals, listDotsOfBoard } from "./boards";
import { computeResults, listPollsOfSeminar } from "./polls";
import { PollAnswerModel, type PollAnswer } from "./model";
import { readNotesOfBoard } from "./realtime";
import { getSeminar, listBoardsOfSeminar } from "./service";

/**
 * The outcome of a seminar as an A4 PDF in the reader's language: its boards (notes by
 * quadrant), the dot-vote totals, the poll results and the decisions (plans drafted from it).
 * Facilitator and participants only; results still hidden are left out for participants,
 * exactly as on screen.
 */
export async function seminarReportPdf(
  actor: Actor | null,
  seminarId: string,
  locale: Locale,
): Promise<{ filename: string; pdf: Buffer }> {
  const seminar = await getSeminar(actor, seminarId);
  authorize(actor, "seminar.participate", seminar);
  const facilitates = String(seminar.facilitatorId) === actor.id;
  const t = (key: string, params: Record<string, string | number> = {}) =>
    translate(locale, `seminars.report.${key}`, params);
  const [organisation, boards, polls] = await Promise.all([
    getOrganisation(String(seminar.organisationId)),
    listBoardsOfSeminar(seminar._id),
    listPollsOfSeminar(seminar._id),
  ]);
  const [facilitator] = await getUsers([String(seminar.facilitatorId)]);

  const doc = new PDFDocument({ size: "A4", margin: 48, info: { Title: seminar.title } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on("end", () => resolve(Buffer.concat(chunks))),
  );
  const width = doc.page.width - 96;

  doc.rect(48, 40, width, 70).fill("#0D51AF");
  doc
    .fillColor("white")
    .font("Helvetica-Bold")
    .fontSize(10)
    .text(organisation?.name ?? "", 60, 48);
  doc.fontSize(18).text(seminar.title, 60, 62, { width: width - 24 });
  doc
    .font("Helvetica")
    .fontSize(9)
    .text(
      t("subtitle", {
        date: seminar.date,
        facilitator: facilitator?.name ?? "",
        participants: seminar.participantIds.length,
      }),
      60,
      92,
    );
  doc.fillColor("black").moveDown(3);
  doc.x = 48;
  doc.y = 124;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.moveDown(0.6).font("Helvetica-Bold").fontSize(14).fillColor("#003D8B").text(text, 48);
    doc.fillColor("black").font("Helvetica").fontSize(10);
  };
  const sub = (text: string) =>
    doc
      .moveDown(0.3)
      .font("Helvetica-Bold")
      .fontSize(11)
      .text(text, 48)
      .font("Helvetica")
      .fontSize(10);
  const line = (text: string) => doc.text(text, 60, undefined, { width: width - 12 });

  heading(t("boards"));
  if (!boards.length) line(t("none"));
  for (const board of boards) {
    sub(board.title);
    const notes = await readNotesOfBoard(board._id);
    const shown = visibleNotes(notes);
    for (const quadrant of NOTE_QUADRANTS) {
      const inQuadrant = shown.filter((n) => n.quadrant === quadrant);
      if (!inQuadrant.length) continue;
      doc
        .font("Helvetica-Oblique")
        .text(t(`quadrant.${quadrant}`), 54)
        .font("Helvetica");
      for (const note of inQuadrant) line(`• ${note.text}`);
    }
    if (!shown.length) line(t("noNotes"));
    if (board.votesRevealed || facilitates) {
      const totals = computeTotals(notes, await listDotsOfBoard(board._id)).filter((r) => r.dots);
      if (totals.length) {
        doc.font("Helvetica-Oblique").text(t("votes"), 54).font("Helvetica");
        for (const row of totals)
          line(
            `${row.rank}. ${row.text || t("deletedNote")} — ${t("dots", { count: row.dots })}${row.tied ? ` (${t("tie")})` : ""}`,
          );
      }
    }
  }

  heading(t("polls"));
  if (!polls.length) line(t("none"));
  for (const poll of polls) {
    sub(poll.question);
    if (!poll.revealed && !facilitates) {
      line(t("hidden"));
      continue;
    }
    const answers = await PollAnswerModel.find({ pollId: String(poll._id) }).lean<PollAnswer[]>();
    const results = computeResults(poll, answers);
    line(t("respondents", { count: results.respondents }));
    for (const o of results.options) line(`• ${o.option.label}: ${o.count}`);
    for (const s of results.scale) line(`• ${s.value}: ${s.count}`);
    if (results.average != null) line(t("average", { value: results.average.toFixed(1) }));
    if (results.words.length) line(results.words.map((w) => `${w.word} (${w.count})`).join(", "));
  }

  heading(t("decisions"));
  if (!seminar.outcomes.length) line(t("none"));
  for (const outcome of seminar.outcomes) {
    const plan = await getPlan(actor, String(outcome.planId)).catch(() => null);
    if (!plan) continue;
    sub(t("plan", { title: localize(plan.title, locale).text }));
    const objectives = await listObjectivesOfPlans([String(plan._id)]);
    const ids = new Set(outcome.objectiveIds.map(String));
    for (const o of objectives.filter((x) => ids.has(String(x._id))))
      line(
        `${o.parentId ? "    " : ""}${t(`kind.${o.kind === "strategic_line" ? "strategic_line" : "objective"}`)} ${o.code}: ${localize(o.title, locale).text}`,
      );
  }

  doc.end();
  const safe = seminar.title.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 60) || "seminar";
  return { filename: `${safe}-${seminar.date}.pdf`, pdf: await done };
}
