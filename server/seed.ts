import type { Locale, Role } from "../shared/domain";
import { createOrganisation, createOrgUnit } from "./modules/orgs";
import { createUser } from "./modules/users";
import { createPlan } from "./modules/plans";
import { toActor } from "./modules/users";
import { seedPortfolio } from "./modules/portfolio";
import { seedProposals } from "./modules/proposals";
import { seedSeminar } from "./modules/seminars";

export interface DemoAccount {
  email: string;
  password: string;
  name: string;
  description: string;
  isAdmin?: boolean;
  locale?: Locale;
  memberships: { unit: string; role: Role }[];
}

/** The demo accounts the README lists; the first is an administrator. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: "admin@koers.demo",
    password: "koers-admin-2026",
    name: "Ann Admin",
    description: "administrator",
    isAdmin: true,
    locale: "en",
    memberships: [],
  },
  {
    email: "director@koers.demo",
    password: "koers-demo-2026",
    name: "Dirk Directeur",
    description: "mandate holder, board of directors",
    memberships: [
      { unit: "DIR", role: "mandate_holder" },
      { unit: "DIR", role: "board_member" },
    ],
  },
  {
    email: "head@koers.demo",
    password: "koers-demo-2026",
    name: "Hilde Diensthoofd",
    description: "department head, Werk & Economie",
    memberships: [{ unit: "WE", role: "department_head" }],
  },
  {
    email: "manager@koers.demo",
    password: "koers-demo-2026",
    name: "Marc Manager",
    description: "manager, Werk & Economie",
    memberships: [{ unit: "WE", role: "manager" }],
  },
  {
    email: "mt@koers.demo",
    password: "koers-demo-2026",
    name: "Mona Managementteam",
    description: "management team",
    memberships: [{ unit: "DIR", role: "management_team" }],
  },
  {
    email: "alderman@koers.demo",
    password: "koers-demo-2026",
    name: "Sam Schepen",
    description: "alderman (schepen)",
    locale: "fr",
    memberships: [{ unit: "COL", role: "alderman" }],
  },
  {
    email: "college@koers.demo",
    password: "koers-demo-2026",
    name: "Cora College",
    description: "college secretary",
    memberships: [{ unit: "COL", role: "college" }],
  },
  {
    email: "pmo@koers.demo",
    password: "koers-demo-2026",
    name: "Pieter PMO",
    description: "OPTIris programme office",
    memberships: [{ unit: "PMO", role: "pmo" }],
  },
  {
    email: "viewer@koers.demo",
    password: "koers-demo-2026",
    name: "Vera Viewer",
    description: "read-only, directorate",
    memberships: [{ unit: "DIR", role: "viewer" }],
  },
];

const UNITS = [
  { code: "DIR", name: "Directie-generaal" },
  { code: "WE", name: "Dienst Werk en Economie" },
  { code: "FIN", name: "Dienst Financiën" },
  { code: "PMO", name: "Programmabureau OPTIris" },
  { code: "COL", name: "College van burgemeester en schepenen" },
];

/** Loads the demo organisation, units, accounts and one plan. Run on first start only. */
export async function seedDemoData(): Promise<DemoAccount[]> {
  const org = await createOrganisation("Brussel Demo");
  const organisationId = String(org._id);
  const unitIds = new Map<string, string>();
  for (const unit of UNITS) {
    const created = await createOrgUnit({ organisationId, ...unit });
    unitIds.set(unit.code, String(created._id));
  }
  const users = [];
  for (const account of DEMO_ACCOUNTS) {
    users.push(
      await createUser({
        organisationId,
        email: account.email,
        name: account.name,
        password: account.password,
        isAdmin: account.isAdmin ?? false,
        locale: account.locale ?? "nl",
        memberships: account.memberships.map((m) => ({
          orgUnitId: unitIds.get(m.unit)!,
          role: m.role,
        })),
      }),
    );
  }
  const director = users[1]!;
  await createPlan(toActor(director, "seed"), {
    kind: "mandate_objectives",
    title: "Doelstellingen voor het mandaat 2024-2028",
    orgUnitId: unitIds.get("DIR")!,
    periodStart: 2024,
    periodEnd: 2028,
    responsibleAuthority: "Minister van Werk",
  });
  const idByEmail = new Map<string, string>();
  for (const [i, account] of DEMO_ACCOUNTS.entries())
    idByEmail.set(account.email, String(users[i]!._id));
  const userId = (email: string) => idByEmail.get(email)!;
  await seedPortfolio({
    organisationId,
    unitIds,
    pmoId: userId("pmo@koers.demo"),
    sponsorId: userId("director@koers.demo"),
    leadId: userId("head@koers.demo"),
    respondentIds: [userId("alderman@koers.demo"), userId("college@koers.demo")],
  });
  await seedProposals(organisationId, unitIds.get("WE")!);
  // The board's seminar: the director facilitates, the other board people take part.
  await seedSeminar(
    toActor(director, "seed"),
    unitIds.get("DIR")!,
    DEMO_ACCOUNTS.filter(
      (a) =>
        a.email !== "director@koers.demo" &&
        a.memberships.some((m) =>
          ["board_member", "mandate_holder", "management_team", "pmo"].includes(m.role),
        ),
    ).map((a) => userId(a.email)),
  );
  return DEMO_ACCOUNTS;
}
