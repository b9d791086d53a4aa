import type { LocalizedValue } from "../../../shared/localized";
import { quarterOf, previousQuarter } from "../../../shared/periods";
import {
  MilestoneModel,
  ProgrammeModel,
  ProjectModel,
  SatisfactionModel,
  ThemeModel,
  satisfactionKey,
  type MilestoneStatus,
  type RagStatus,
} from "./model";

const text = (nl: string, fr: string, en: string): LocalizedValue => ({
  nl,
  fr,
  en,
  states: { nl: "approved", fr: "approved", en: "approved" },
});

/** A day `offset` days from today (YYYY-MM-DD), so the demo always has late and due-soon items. */
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface SeedMilestone {
  title: string;
  due: number;
  done?: number;
  status?: MilestoneStatus;
  deliverable?: string;
}

interface SeedProject {
  code: string;
  theme: number;
  name: LocalizedValue;
  description: string;
  start: number;
  end: number;
  budgetEuro: number;
  fte: number;
  expectedSavings: number;
  realisedSavings?: number;
  realisedOn?: number;
  rag: RagStatus;
  reason?: string;
  unit: string;
  milestones: SeedMilestone[];
  /** Scores of [alderman, college] for the previous and the current quarter. */
  scores?: [number, number][];
}

const THEMES = [
  text("Digitalisering van de dienstverlening", "Digitalisation des services", "Digital services"),
  text("Aankoopbeleid", "Politique d'achat", "Purchasing"),
  text("Gebouwen en energie", "Bâtiments et énergie", "Buildings and energy"),
];

const PROJECTS: SeedProject[] = [
  {
    code: "OPT-01",
    theme: 0,
    name: text(
      "Digitaal loket voor werkgevers",
      "Guichet numérique pour les employeurs",
      "Digital counter for employers",
    ),
    description:
      "Eén online loket voor alle aanvragen van werkgevers, gekoppeld aan de backoffice.",
    start: -300,
    end: 200,
    budgetEuro: 450_000,
    fte: 3.5,
    expectedSavings: 180_000,
    rag: "green",
    unit: "WE",
    milestones: [
      { title: "Behoefteanalyse afgerond", due: -240, done: -245, deliverable: "Analyserapport" },
      {
        title: "Overheidsopdracht gegund",
        due: -120,
        done: -100,
        deliverable: "Gunningsbeslissing",
      },
      {
        title: "Pilot met 20 werkgevers",
        due: 10,
        status: "in_progress",
        deliverable: "Evaluatie pilot",
      },
      { title: "Gewestelijke uitrol", due: 180 },
    ],
    scores: [
      [4, 5],
      [4, 3],
    ],
  },
  {
    code: "OPT-02",
    theme: 1,
    name: text("Gedeelde aankoopcentrale", "Centrale d'achat partagée", "Shared purchasing centre"),
    description:
      "Raamcontracten voor kantoorbenodigdheden en IT-materiaal samen met twee gemeenten.",
    start: -400,
    end: 60,
    budgetEuro: 120_000,
    fte: 1.2,
    expectedSavings: 250_000,
    realisedSavings: 90_000,
    realisedOn: -30,
    rag: "amber",
    reason: "Twee raamcontracten lopen drie maanden vertraging op.",
    unit: "FIN",
    milestones: [
      { title: "Samenwerkingsovereenkomst ondertekend", due: -300, done: -310 },
      { title: "Eerste raamcontract actief", due: -150, done: -150, deliverable: "Raamcontract" },
      { title: "Alle raamcontracten actief", due: 20, status: "in_progress" },
    ],
    scores: [
      [3, 4],
      [2, 4],
    ],
  },
  {
    code: "OPT-03",
    theme: 2,
    name: text(
      "Energierenovatie administratief centrum",
      "Rénovation énergétique du centre administratif",
      "Energy renovation of the administrative centre",
    ),
    description: "Isolatie, warmtepompen en zonnepanelen voor het administratief centrum.",
    start: -200,
    end: 500,
    budgetEuro: 2_400_000,
    fte: 2,
    expectedSavings: 310_000,
    rag: "red",
    reason:
      "De stedenbouwkundige vergunning is nog niet verleend; de planning schuift zes maanden op.",
    unit: "DIR",
    milestones: [
      {
        title: "Vergunning verkregen",
        due: -60,
        status: "in_progress",
        deliverable: "Stedenbouwkundige vergunning",
      },
      { title: "Start werken", due: 90 },
      { title: "Oplevering", due: 400, deliverable: "Proces-verbaal van oplevering" },
    ],
    scores: [[2, 3]],
  },
  {
    code: "OPT-04",
    theme: 0,
    name: text("Elektronische facturatie", "Facturation électronique", "E-invoicing"),
    description: "Alle inkomende facturen elektronisch via Mercurius, zonder papier.",
    start: -500,
    end: -20,
    budgetEuro: 80_000,
    fte: 0.8,
    expectedSavings: 60_000,
    realisedSavings: 65_000,
    realisedOn: -25,
    rag: "green",
    unit: "FIN",
    milestones: [
      { title: "Koppeling met Mercurius", due: -400, done: -402 },
      { title: "Leveranciers geïnformeerd", due: -200, done: -190 },
      { title: "Papieren facturen stopgezet", due: -30, done: -31, deliverable: "Eindrapport" },
    ],
    scores: [
      [5, 4],
      [4, 5],
    ],
  },
  {
    code: "OPT-05",
    theme: 0,
    name: text(
      "Digitale personeelsdossiers",
      "Dossiers du personnel numériques",
      "Digital staff files",
    ),
    description: "Dematerialisatie van de personeelsdossiers en elektronische handtekening.",
    start: 30,
    end: 400,
    budgetEuro: 150_000,
    fte: 1,
    expectedSavings: 40_000,
    rag: "green",
    unit: "DIR",
    milestones: [
      { title: "Projectplan goedgekeurd", due: 45 },
      { title: "Scanning afgerond", due: 250 },
    ],
  },
];

/**
 * Demo OPTIris programme: themes, five projects with milestones (on time, late, due soon)
 * and survey answers of the alderman and the college for this quarter and the previous one.
 */
export async function seedPortfolio(input: {
  organisationId: string;
  unitIds: Map<string, string>;
  pmoId: string;
  sponsorId: string;
  leadId: string;
  respondentIds: [string, string];
}): Promise<void> {
  const year = new Date().getFullYear();
  const programme = await ProgrammeModel.create({
    organisationId: input.organisationId,
    name: text("OPTIris-programma", "Programme OPTIris", "OPTIris programme"),
    startYear: year - 1,
    endYear: year + 3,
  });
  const themes = [];
  for (const [order, name] of THEMES.entries())
    themes.push(
      await ThemeModel.create({
        organisationId: input.organisationId,
        programmeId: programme._id,
        name,
        order,
      }),
    );
  const quarters = [previousQuarter(quarterOf(day(0))), quarterOf(day(0))];
  for (const p of PROJECTS) {
    const project = await ProjectModel.create({
      organisationId: input.organisationId,
      programmeId: programme._id,
      themeId: themes[p.theme]!._id,
      code: p.code,
      name: p.name,
      description: p.description,
      leadId: p.code === "OPT-04" ? input.pmoId : input.leadId,
      sponsorId: input.sponsorId,
      orgUnitId: input.unitIds.get(p.unit) ?? null,
      startDate: day(p.start),
      endDate: day(p.end),
      budgetEuro: p.budgetEuro,
      fte: p.fte,
      expectedSavings: p.expectedSavings,
      realisedSavings: p.realisedSavings ?? 0,
      realisedOn: p.realisedOn === undefined ? null : day(p.realisedOn),
      rag: { status: p.rag, reason: p.reason ?? null, setAt: new Date(), setById: input.pmoId },
    });
    await MilestoneModel.insertMany(
      p.milestones.map((m) => ({
        organisationId: input.organisationId,
        projectId: project._id,
        title: m.title,
        deliverable: m.deliverable ?? null,
        dueDate: day(m.due),
        doneDate: m.done === undefined ? null : day(m.done),
        status: m.done === undefined ? (m.status ?? "planned") : "done",
      })),
    );
    const answers = (p.scores ?? []).flatMap((pair, qi) =>
      pair.map((score, ri) => {
        const period = quarters[quarters.length - (p.scores!.length - qi)]!;
        const respondentId = input.respondentIds[ri]!;
        return {
          _id: satisfactionKey(String(project._id), period, respondentId),
          organisationId: input.organisationId,
          projectId: project._id,
          period,
          respondentId,
          score,
        };
      }),
    );
    if (answers.length) await SatisfactionModel.insertMany(answers);
  }
}
