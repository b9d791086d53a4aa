import type { Actor } from "../../authz";
import { findUserByEmail, toActor } from "../users";
import type { ProposalAction } from "../../../shared/proposals";
import {
  createProposal,
  createProposalPackage,
  setProposalPackage,
  transitionProposal,
} from "./service";

interface SeedProposal {
  title: string;
  problem: string;
  proposal: string;
  savings: number;
  fte: number;
  quality: string;
  source: string;
  data: string;
  smartMet: number;
  path: { by: string; action: ProposalAction; reason?: string }[];
  packaged?: boolean;
}

const SMART_TEXTS = [
  "Eén afgebakend proces met een duidelijke eigenaar.",
  "Doorlooptijd en kost per dossier worden maandelijks gemeten.",
  "Haalbaar met de bestaande ploeg en licenties.",
  "Sluit aan bij de beleidsnota en de OPTIris-doelstellingen.",
  "Uitgerold binnen twaalf maanden na de beslissing.",
];

const SEEDS: SeedProposal[] = [
  {
    title: "Digitale handtekening voor alle uitgaande brieven",
    problem:
      "Elke brief wordt afgedrukt, ondertekend, ingescand en verstuurd: gemiddeld 3 dagen doorlooptijd.",
    proposal:
      "Alle uitgaande brieven elektronisch ondertekenen via de gewestelijke handtekeningdienst.",
    savings: 42000,
    fte: 0.6,
    quality: "Snellere verzending, minder papier.",
    source: "Registratie briefwisseling 2025",
    data: "12.400 uitgaande brieven per jaar",
    smartMet: 5,
    path: [],
  },
  {
    title: "Gebundelde aankoop van kantoorbenodigdheden",
    problem: "Vijf diensten bestellen apart bij verschillende leveranciers.",
    proposal: "Eén raamcontract voor kantoorbenodigdheden voor het hele bestuur.",
    savings: 18500,
    fte: 0.2,
    quality: "Eén aanspreekpunt, betere prijzen.",
    source: "Boekhouding 2024-2025",
    data: "23 leveranciers voor dezelfde productgroep",
    smartMet: 4,
    path: [{ by: "head@koers.demo", action: "submit" }],
  },
  {
    title: "Onthaal op afspraak in plaats van vrije openingsuren",
    problem: "Piekmomenten aan het loket met wachttijden tot 90 minuten.",
    proposal: "Onthaal enkel op afspraak, met een online agenda in het Nederlands en het Frans.",
    savings: 25000,
    fte: 0.5,
    quality: "Kortere wachttijden, beter voorbereide gesprekken.",
    source: "Wachtrijsysteem, jaaroverzicht 2025",
    data: "Gemiddelde wachttijd 47 minuten",
    smartMet: 3,
    path: [
      { by: "head@koers.demo", action: "submit" },
      {
        by: "manager@koers.demo",
        action: "requestAdjustments",
        reason: "Graag de impact op kwetsbare bezoekers zonder internet onderbouwen.",
      },
    ],
  },
  {
    title: "Gedeelde poule van vertalers voor alle diensten",
    problem: "Vertalingen worden per dienst uitbesteed, met wisselende kwaliteit en termijnen.",
    proposal: "Eén interne vertaalpoule met een gemeenschappelijke terminologiedatabank.",
    savings: 60000,
    fte: 1,
    quality: "Eenvormige terminologie in beide landstalen.",
    source: "Facturen vertaalbureaus 2025",
    data: "1,2 miljoen woorden per jaar",
    smartMet: 5,
    path: [
      { by: "head@koers.demo", action: "submit" },
      { by: "manager@koers.demo", action: "forward" },
    ],
  },
  {
    title: "Automatische herinneringen voor vervallen attesten",
    problem: "Burgers vergeten attesten te vernieuwen; dossiers blokkeren.",
    proposal: "Automatische e-mail- en sms-herinneringen dertig dagen voor de vervaldatum.",
    savings: 15000,
    fte: 0.3,
    quality: "Minder geblokkeerde dossiers.",
    source: "Dossierbeheer, 2025",
    data: "1.800 geblokkeerde dossiers per jaar",
    smartMet: 4,
    packaged: true,
    path: [
      { by: "head@koers.demo", action: "submit" },
      { by: "manager@koers.demo", action: "forward" },
      { by: "mt@koers.demo", action: "validate" },
    ],
  },
  {
    title: "Samenvoegen van de twee archiefruimtes",
    problem: "Twee gehuurde archiefruimtes zijn elk voor minder dan de helft gevuld.",
    proposal: "Digitaliseren van het passieve archief en één archiefruimte opzeggen.",
    savings: 80000,
    fte: 0,
    quality: "Archief sneller doorzoekbaar.",
    source: "Huurcontracten en inventaris archief",
    data: "Bezettingsgraad 41 % en 38 %",
    smartMet: 5,
    packaged: true,
    path: [
      { by: "head@koers.demo", action: "submit" },
      { by: "manager@koers.demo", action: "forward" },
      { by: "mt@koers.demo", action: "validate" },
    ],
  },
];

async function actorOf(organisationId: string, email: string): Promise<Actor> {
  const user = await findUserByEmail(organisationId, email);
  if (!user) throw new Error(`seed: no demo user ${email}`);
  return toActor(user, "seed");
}

/** Demo proposals at several stages of the path (first start only). */
export async function seedProposals(organisationId: string, orgUnitId: string): Promise<void> {
  const head = await actorOf(organisationId, "head@koers.demo");
  const mt = await actorOf(organisationId, "mt@koers.demo");
  const alderman = await actorOf(organisationId, "alderman@koers.demo");
  const pkg = await createProposalPackage(mt, {
    title: "Collegezitting optimalisaties",
    meetingDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
  });
  for (const [index, seed] of SEEDS.entries()) {
    const smart = Object.fromEntries(
      ["specific", "measurable", "achievable", "relevant", "timeBound"].map((key, i) => [
        key,
        { met: i < seed.smartMet, justification: i < seed.smartMet ? SMART_TEXTS[i] : null },
      ]),
    );
    let proposal = await createProposal(head, {
      orgUnitId,
      title: seed.title,
      problem: seed.problem,
      proposal: seed.proposal,
      justification: [{ text: seed.data, source: seed.source }],
      expectedImpact: { savingsPerYear: seed.savings, quality: seed.quality, fte: seed.fte },
      smart,
      attachments: [],
    });
    for (const step of seed.path) {
      const actor = await actorOf(organisationId, step.by);
      proposal = await transitionProposal(actor, String(proposal._id), proposal.version, {
        action: step.action,
        reason: step.reason ?? null,
      });
    }
    if (seed.packaged)
      proposal = await setProposalPackage(
        mt,
        String(proposal._id),
        proposal.version,
        String(pkg._id),
      );
    // The last one already has the alderman's advice.
    if (index === SEEDS.length - 1)
      await transitionProposal(alderman, String(proposal._id), proposal.version, {
        action: "advise",
        advice: {
          text: "Positief advies: past in de beleidsnota; aandacht voor de toegankelijkheid van het archief.",
          priority: "high",
        },
      });
  }
}
