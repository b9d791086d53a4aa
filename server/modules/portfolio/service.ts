import mongoose from "mongoose";
import { authorize, requireActor, type Actor } from "../../authz";
import { updateVersioned } from "../../db/versioned";
import { badInput, notFound } from "../../errors";
import { recordAudit } from "../audit";
import { getUsers } from "../users";
import { localizedFrom, optionalText, requireText } from "../plans";
import { isIsoDate } from "../../../shared/periods";
import type { LocalizedValue } from "../../../shared/localized";
import {
  ProgrammeModel,
  ProjectModel,
  RAG_STATUSES,
  ThemeModel,
  type Programme,
  type Project,
  type RagStatus,
  type Theme,
} from "./model";
import "./authz";

const { trusted } = mongoose;
const isId = (id: unknown): id is string => typeof id === "string" && mongoose.isValidObjectId(id);

export function checkDate(value: string | null | undefined, field: string): string | null {
  if (value == null || value === "") return null;
  if (!isIsoDate(value)) throw badInput(field, "errors.date");
  return value;
}

function requireDate(value: string | null | undefined, field: string): string {
  const date = checkDate(value, field);
  if (!date) throw badInput(field, "errors.required");
  return date;
}

function checkAmount(value: number | null | undefined, field: string): number | undefined {
  if (value == null) return undefined;
  if (!Number.isFinite(value) || value < 0 || value > 1e12)
    throw badInput(field, "portfolio.errors.amount");
  return value;
}

async function checkPerson(
  actor: Actor,
  userId: string | null | undefined,
  field: string,
): Promise<string | null | undefined> {
  if (userId === undefined) return undefined;
  if (!userId) return null;
  const [user] = isId(userId) ? await getUsers([userId]) : [null];
  if (!user || String(user.organisationId) !== actor.organisationId)
    throw badInput(field, "errors.unknownUser");
  return userId;
}

async function audit(
  actor: Actor,
  action: string,
  entityType: string,
  entityId: unknown,
  before?: unknown,
  after?: unknown,
) {
  await recordAudit(actor, { action, entityType, entityId, before, after });
}

/* ---------- programmes ---------- */

export async function listProgrammes(actor: Actor | null): Promise<Programme[]> {
  const viewer = requireActor(actor);
  authorize(viewer, "portfolio.read", { organisationId: viewer.organisationId });
  return ProgrammeModel.find({ organisationId: viewer.organisationId })
    .sort({ startYear: -1, _id: 1 })
    .lean<Programme[]>();
}

/** A programme of the actor's organisation; outsiders get NOT_FOUND. */
export async function getProgramme(actor: Actor | null, id: string): Promise<Programme> {
  const viewer = requireActor(actor);
  const programme = isId(id) ? await ProgrammeModel.findById(id).lean<Programme>() : null;
  if (!programme || String(programme.organisationId) !== viewer.organisationId)
    throw notFound("Programme");
  authorize(viewer, "portfolio.read", programme);
  return programme;
}

export interface ProgrammeInput {
  name?: string | null;
  startYear?: number | null;
  endYear?: number | null;
}

function checkYears(start: number, end: number) {
  if (!Number.isInteger(start) || start < 2000 || start > 2100)
    throw badInput("input.startYear", "portfolio.errors.year");
  if (!Number.isInteger(end) || end < start || end > 2100)
    throw badInput("input.endYear", "portfolio.errors.yearOrder");
}

export async function createProgramme(
  actor: Actor | null,
  input: ProgrammeInput,
): Promise<Programme> {
  const viewer = requireActor(actor);
  authorize(viewer, "portfolio.manage", { organisationId: viewer.organisationId });
  const name = requireText(input.name, "input.name", 200);
  const startYear = input.startYear ?? new Date().getFullYear();
  const endYear = input.endYear ?? startYear + 4;
  checkYears(startYear, endYear);
  const created = await ProgrammeModel.create({
    organisationId: viewer.organisationId,
    name: localizedFrom(name, viewer.locale),
    startYear,
    endYear,
  });
  const programme = created.toObject() as Programme;
  await audit(viewer, "programme.create", "programme", programme._id, null, programme);
  return programme;
}

export async function updateProgramme(
  actor: Actor | null,
  id: string,
  version: number,
  input: ProgrammeInput,
): Promise<Programme> {
  const existing = await getProgramme(actor, id);
  const viewer = actor!;
  authorize(viewer, "portfolio.manage", existing);
  const name = input.name == null ? undefined : requireText(input.name, "input.name", 200);
  checkYears(input.startYear ?? existing.startYear, input.endYear ?? existing.endYear);
  const { before, after } = await updateVersioned<Programme>(ProgrammeModel, id, version, (doc) => {
    if (name !== undefined)
      doc.name = localizedFrom(name, viewer.locale, doc.name as LocalizedValue);
    if (input.startYear != null) doc.startYear = input.startYear;
    if (input.endYear != null) doc.endYear = input.endYear;
  });
  await audit(viewer, "programme.update", "programme", id, before, after);
  return after;
}

/* ---------- themes ---------- */

export async function listThemes(programmeIds: readonly string[]): Promise<Theme[]> {
  return ThemeModel.find({ programmeId: trusted({ $in: programmeIds }) })
    .sort({ order: 1, _id: 1 })
    .lean<Theme[]>();
}

export async function getTheme(actor: Actor | null, id: string): Promise<Theme> {
  const viewer = requireActor(actor);
  const theme = isId(id) ? await ThemeModel.findById(id).lean<Theme>() : null;
  if (!theme || String(theme.organisationId) !== viewer.organisationId) throw notFound("Theme");
  authorize(viewer, "portfolio.read", theme);
  return theme;
}

export async function createTheme(
  actor: Actor | null,
  input: { programmeId: string; name?: string | null; order?: number | null },
): Promise<Theme> {
  const programme = await getProgramme(actor, input.programmeId);
  const viewer = actor!;
  authorize(viewer, "portfolio.manage", programme);
  const name = requireText(input.name, "input.name", 200);
  const order = input.order ?? (await listThemes([input.programmeId])).length;
  const created = await ThemeModel.create({
    organisationId: viewer.organisationId,
    programmeId: programme._id,
    name: localizedFrom(name, viewer.locale),
    order,
  });
  const theme = created.toObject() as Theme;
  await audit(viewer, "theme.create", "theme", theme._id, null, theme);
  return theme;
}

export async function updateTheme(
  actor: Actor | null,
  id: string,
  version: number,
  input: { name?: string | null; order?: number | null },
): Promise<Theme> {
  const existing = await getTheme(actor, id);
  const viewer = actor!;
  authorize(viewer, "portfolio.manage", existing);
  const name = input.name == null ? undefined : requireText(input.name, "input.name", 200);
  const { before, after } = await updateVersioned<Theme>(ThemeModel, id, version, (doc) => {
    if (name !== undefined)
      doc.name = localizedFrom(name, viewer.locale, doc.name as LocalizedValue);
    if (input.order != null) doc.order = input.order;
  });
  await audit(viewer, "theme.update", "theme", id, before, after);
  return after;
}

/* ---------- projects ---------- */

export async function listProjectsOfProgrammes(
  programmeIds: readonly string[],
): Promise<Project[]> {
  return ProjectModel.find({ programmeId: trusted({ $in: programmeIds }) })
    .sort({ code: 1, _id: 1 })
    .lean<Project[]>();
}

export async function loadProjectsById(ids: readonly string[]): Promise<(Project | null)[]> {
  const valid = ids.filter(isId);
  const found = valid.length
    ? await ProjectModel.find({ _id: trusted({ $in: valid }) }).lean<Project[]>()
    : [];
  const byId = new Map(found.map((p) => [String(p._id), p]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** A project the actor may read; outsiders get NOT_FOUND (they never learn it exists). */
export async function getProject(actor: Actor | null, id: string): Promise<Project> {
  const viewer = requireActor(actor);
  const project = isId(id) ? await ProjectModel.findById(id).lean<Project>() : null;
  if (!project || String(project.organisationId) !== viewer.organisationId)
    throw notFound("Project");
  authorize(viewer, "portfolio.read", project);
  return project;
}

/** A project the actor may edit (pmo, lead or sponsor). */
export async function getEditableProject(actor: Actor | null, id: string): Promise<Project> {
  const project = await getProject(actor, id);
  authorize(actor, "project.update", project);
  return project;
}

export interface ProjectInput {
  themeId?: string | null;
  code?: string | null;
  name?: string | null;
  description?: string | null;
  leadId?: string | null;
  sponsorId?: string | null;
  orgUnitId?: string | null;
  planId?: string | null;
  objectiveIds?: string[] | null;
  startDate?: string | null;
  endDate?: string | null;
  budgetEuro?: number | null;
  fte?: number | null;
  expectedSavings?: number | null;
  realisedSavings?: number | null;
  realisedOn?: string | null;
}

function checkIds(ids: string[] | null | undefined, field: string): string[] | undefined {
  if (ids == null) return undefined;
  if (!ids.every(isId)) throw badInput(field, "portfolio.errors.unknownReference");
  return [...new Set(ids)];
}

async function checkTheme(actor: Actor, themeId: string, programmeId: string): Promise<Theme> {
  const theme = isId(themeId) ? await ThemeModel.findById(themeId).lean<Theme>() : null;
  if (
    !theme ||
    String(theme.programmeId) !== programmeId ||
    String(theme.organisationId) !== actor.organisationId
  )
    throw badInput("input.themeId", "portfolio.errors.unknownTheme");
  return theme;
}

async function checkProjectFields(actor: Actor, input: ProjectInput, current?: Project) {
  const startDate =
    input.startDate === undefined ? undefined : requireDate(input.startDate, "input.startDate");
  const endDate =
    input.endDate === undefined ? undefined : requireDate(input.endDate, "input.endDate");
  const start = startDate ?? current?.startDate;
  const end = endDate ?? current?.endDate;
  if (start && end && end < start)
    throw badInput("input.endDate", "portfolio.errors.endBeforeStart");
  if (input.orgUnitId && !isId(input.orgUnitId))
    throw badInput("input.orgUnitId", "portfolio.errors.unknownReference");
  if (input.planId && !isId(input.planId))
    throw badInput("input.planId", "portfolio.errors.unknownReference");
  return {
    code: input.code == null ? undefined : requireText(input.code, "input.code", 40),
    name: input.name == null ? undefined : requireText(input.name, "input.name", 300),
    description:
      input.description === undefined
        ? undefined
        : optionalText(input.description, "input.description"),
    leadId: await checkPerson(actor, input.leadId, "input.leadId"),
    sponsorId: await checkPerson(actor, input.sponsorId, "input.sponsorId"),
    objectiveIds: checkIds(input.objectiveIds, "input.objectiveIds"),
    startDate,
    endDate,
    budgetEuro: checkAmount(input.budgetEuro, "input.budgetEuro"),
    fte: checkAmount(input.fte, "input.fte"),
    expectedSavings: checkAmount(input.expectedSavings, "input.expectedSavings"),
    realisedSavings: checkAmount(input.realisedSavings, "input.realisedSavings"),
    realisedOn:
      input.realisedOn === undefined ? undefined : checkDate(input.realisedOn, "input.realisedOn"),
  };
}

export async function createProject(
  actor: Actor | null,
  input: ProjectInput & { programmeId: string; proposalIds?: string[] },
): Promise<Project> {
  const programme = await getProgramme(actor, input.programmeId);
  const viewer = actor!;
  authorize(viewer, "project.create", programme);
  if (!input.themeId) throw badInput("input.themeId", "errors.required");
  await checkTheme(viewer, input.themeId, String(programme._id));
  const fields = await checkProjectFields(viewer, {
    ...input,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
  });
  if (!fields.code) throw badInput("input.code", "errors.required");
  if (!fields.name) throw badInput("input.name", "errors.required");
  const created = await ProjectModel.create({
    organisationId: viewer.organisationId,
    programmeId: programme._id,
    themeId: input.themeId,
    code: fields.code,
    name: localizedFrom(fields.name, viewer.locale),
    description: fields.description ?? null,
    leadId: fields.leadId ?? null,
    sponsorId: fields.sponsorId ?? null,
    orgUnitId: input.orgUnitId || null,
    planId: input.planId || null,
    objectiveIds: fields.objectiveIds ?? [],
    startDate: fields.startDate,
    endDate: fields.endDate,
    budgetEuro: fields.budgetEuro ?? 0,
    fte: fields.fte ?? 0,
    expectedSavings: fields.expectedSavings ?? 0,
    realisedSavings: fields.realisedSavings ?? 0,
    realisedOn: fields.realisedOn ?? null,
    proposalIds: input.proposalIds ?? [],
    rag: { status: "green", reason: null, setAt: new Date(), setById: viewer.id },
  });
  const project = created.toObject() as Project;
  await audit(viewer, "project.create", "project", project._id, null, project);
  return project;
}

export async function updateProject(
  actor: Actor | null,
  id: string,
  version: number,
  input: ProjectInput,
): Promise<Project> {
  const existing = await getEditableProject(actor, id);
  const viewer = actor!;
  if (input.themeId) await checkTheme(viewer, input.themeId, String(existing.programmeId));
  const fields = await checkProjectFields(viewer, input, existing);
  const { before, after } = await updateVersioned<Project>(ProjectModel, id, version, (doc) => {
    if (input.themeId) doc.themeId = input.themeId;
    if (fields.code !== undefined) doc.code = fields.code;
    if (fields.name !== undefined)
      doc.name = localizedFrom(fields.name, viewer.locale, doc.name as LocalizedValue);
    if (fields.description !== undefined) doc.description = fields.description;
    if (fields.leadId !== undefined) doc.set("leadId", fields.leadId);
    if (fields.sponsorId !== undefined) doc.set("sponsorId", fields.sponsorId);
    if (input.orgUnitId !== undefined) doc.set("orgUnitId", input.orgUnitId || null);
    if (input.planId !== undefined) doc.set("planId", input.planId || null);
    if (fields.objectiveIds !== undefined) doc.set("objectiveIds", fields.objectiveIds);
    for (const key of [
      "startDate",
      "endDate",
      "budgetEuro",
      "fte",
      "expectedSavings",
      "realisedSavings",
      "realisedOn",
    ] as const)
      if (fields[key] !== undefined) doc.set(key, fields[key]);
  });
  await audit(viewer, "project.update", "project", id, before, after);
  return after;
}

/** Sets the RAG status; amber and red need a reason. */
export async function setProjectRag(
  actor: Actor | null,
  id: string,
  version: number,
  status: RagStatus,
  reason: string | null | undefined,
): Promise<Project> {
  await getEditableProject(actor, id);
  const viewer = actor!;
  if (!RAG_STATUSES.includes(status)) throw badInput("status", "portfolio.errors.rag");
  const text = optionalText(reason, "reason", 2000);
  if (status !== "green" && !text) throw badInput("reason", "portfolio.errors.ragReason");
  const { before, after } = await updateVersioned<Project>(ProjectModel, id, version, (doc) => {
    doc.rag = { status, reason: text, setAt: new Date(), setById: viewer.id };
  });
  await audit(viewer, "project.setRag", "project", id, before, after);
  return after;
}

/** Links proposals to a project (idempotent); used when a project carries out a proposal. */
export async function linkProposals(
  actor: Actor,
  id: string,
  proposalIds: string[],
): Promise<Project> {
  const current = await getEditableProject(actor, id);
  const { before, after } = await updateVersioned<Project>(
    ProjectModel,
    id,
    current.version,
    (doc) => {
      const ids = new Set((doc.proposalIds as unknown[]).map(String));
      for (const p of proposalIds) ids.add(p);
      doc.set("proposalIds", [...ids]);
    },
  );
  await audit(actor, "project.linkProposals", "project", id, before, after);
  return after;
}
