import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestServer, type TestServer } from "../harness";
import { launchBrowser, newContext, screenshot as saveScreenshot, signIn } from "../browser";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(import.meta.filename), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, name);
}

/** A signed-in page of a demo account, in the account's language. */
async function as(email: string, locale = "nl-BE"): Promise<Page> {
  const context = await newContext(browser, locale);
  const page = await context.newPage();
  await signIn(page, server.url, email, "koers-demo-2026");
  return page;
}

/** Clicks a path action on the proposal page and confirms it in its dialog. */
async function act(
  page: Page,
  action: string,
  fill?: (dialog: ReturnType<Page["getByRole"]>) => Promise<void>,
) {
  const button = page
    .getByRole("group", { name: /acties|actions/i })
    .getByRole("button", { name: action, exact: true });
  // The page may still be loading after a navigation on a busy machine.
  await button.waitFor({ timeout: 30_000 });
  await button.click();
  const dialog = page.getByRole("dialog");
  if (fill) await fill(dialog);
  await dialog.getByRole("button", { name: action, exact: true }).click();
  await dialog.waitFor({ state: "detached" });
}

/** Waits until the proposal page shows `stage` (Playwright's wait, not a timing assertion). */
async function expectStage(page: Page, stage: string) {
  await page
    .getByTestId("proposal-stage")
    .filter({ hasText: new RegExp(`^${stage}$`) })
    .waitFor();
}

/** Today as YYYY-MM-DD in the local time zone (the browser's and the server's). */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Opens the KPI tab of the portfolio and reads the figures of the current quarter. */
async function readKpis(page: Page) {
  await page.goto(`${server.url}/portfolio?view=kpis`);
  const proposals = page.getByTestId("kpi-proposals");
  await proposals.waitFor({ timeout: 30_000 });
  const onTimeCard = page.locator("section").filter({ has: page.getByTestId("kpi-onTime") });
  const detail = (await onTimeCard.textContent()) ?? "";
  const milestones = /mijlpalen (\d+)\/(\d+)/.exec(detail);
  if (!milestones) throw new Error(`No milestone figures in the on-time card: ${detail}`);
  return {
    proposals: Number(await proposals.textContent()),
    milestonesOnTime: Number(milestones[1]),
    milestonesDue: Number(milestones[2]),
  };
}

describe("an optimisation proposal from the department head to the college", () => {
  it(
    "is submitted, adjusted on request, validated, advised, approved and carried out as a project",
    { timeout: 300_000 },
    async () => {
      // The programme office notes the KPIs of this quarter before anything happens.
      const pmo = await as("pmo@koers.demo");
      const before = await readKpis(pmo);

      // The department head writes and submits a proposal.
      const head = await as("head@koers.demo");
      await head
        .getByRole("navigation")
        .getByRole("link", { name: "Optimalisatievoorstellen" })
        .click();
      await head.getByTestId("proposal-card").first().waitFor();
      await screenshot(head, "proposals-board");
      await head.getByRole("button", { name: "Nieuw voorstel" }).click();
      let dialog = head.getByRole("dialog");
      await dialog
        .getByRole("textbox", { name: "Titel" })
        .fill("Digitale inschrijving voor opleidingen");
      await dialog
        .getByRole("textbox", { name: "Probleemstelling" })
        .fill("Inschrijvingen op papier: 3 dagen verwerking per dossier.");
      await dialog
        .getByRole("textbox", { name: "Voorstel", exact: true })
        .fill("Een online formulier gekoppeld aan het dossierbeheer.");
      await dialog.getByRole("button", { name: "Gegeven toevoegen" }).click();
      await dialog
        .getByRole("textbox", { name: "Gegeven 1", exact: true })
        .fill("2.300 inschrijvingen per jaar");
      await dialog.getByRole("textbox", { name: "Bron van gegeven 1" }).fill("Jaarverslag 2025");
      await dialog.getByRole("textbox", { name: /Verwachte besparing/ }).fill("30000");
      await dialog.getByRole("checkbox", { name: "Specifiek" }).check();
      await dialog.getByRole("textbox", { name: "Onderbouwing voor Specifiek" }).fill("Eén proces");
      await dialog.getByRole("checkbox", { name: "Meetbaar" }).check();
      await dialog
        .getByRole("textbox", { name: "Onderbouwing voor Meetbaar" })
        .fill("Doorlooptijd per dossier");
      await dialog.getByText("Kwaliteit 40%").waitFor();
      await dialog.getByRole("button", { name: "Ontwerp aanmaken" }).click();
      await head
        .getByRole("heading", { level: 1, name: "Digitale inschrijving voor opleidingen" })
        .waitFor();
      const url = head.url();
      await expectStage(head, "Ontwerp");
      await act(head, "Indienen");
      await expectStage(head, "Ingediend");

      // The manager gets a notification and asks for an adjustment, with a comment in the debate.
      const manager = await as("manager@koers.demo");
      await manager.getByRole("link", { name: /Meldingen: \d+ ongelezen/ }).waitFor();
      await manager.getByRole("link", { name: /Meldingen/ }).click();
      await manager
        .getByRole("link", { name: /Digitale inschrijving voor opleidingen/ })
        .first()
        .click();
      await manager
        .getByRole("heading", { level: 1, name: "Digitale inschrijving voor opleidingen" })
        .waitFor();
      await manager
        .getByRole("textbox", { name: "Nieuwe reactie" })
        .fill("De besparing lijkt me hoog: hoeveel VTE komt vrij?");
      await manager.getByRole("button", { name: "Plaatsen" }).click();
      await manager.getByTestId("comment").first().waitFor();
      expect(await manager.getByTestId("comment").count()).toBe(1);
      await act(manager, "Bijsturing vragen", async (d) => {
        await d
          .getByRole("textbox", { name: "Welke bijsturing vraag je?" })
          .fill("Vul de vrijgemaakte VTE in.");
      });
      await expectStage(manager, "Bijsturing gevraagd");

      // The author revises and resubmits.
      await head.goto(url);
      await head.getByText("Vul de vrijgemaakte VTE in.").waitFor();
      await head.getByRole("button", { name: "Bewerken" }).click();
      dialog = head.getByRole("dialog");
      await dialog.getByRole("textbox", { name: "Vrijgemaakte VTE" }).fill("0,8");
      await dialog.getByRole("button", { name: "Opslaan" }).click();
      await dialog.waitFor({ state: "detached" });
      await act(head, "Opnieuw indienen");
      await expectStage(head, "Ingediend");

      await manager.goto(url);
      await act(manager, "Doorsturen naar MT");
      await expectStage(manager, "Doorgestuurd naar MT");

      // The management team validates and bundles it for the college.
      const mt = await as("mt@koers.demo");
      await mt.goto(url);
      await act(mt, "Valideren");
      await expectStage(mt, "Gevalideerd door MT");
      await mt.getByRole("button", { name: "Nieuw pakket" }).click();
      await mt
        .getByRole("textbox", { name: "Naam van het pakket" })
        .fill("College meeting 15 December");
      await mt.getByRole("textbox", { name: "Datum van de collegezitting" }).fill("2026-12-15");
      await mt.getByRole("button", { name: "Opslaan", exact: true }).click();
      await mt.getByRole("combobox", { name: "Collegezitting" }).waitFor();
      await expect
        .poll(() => mt.getByRole("combobox", { name: "Collegezitting" }).inputValue())
        .toMatch(/College meeting 15 December/);

      // The alderman (in French) gives advice and a policy priority.
      const alderman = await as("alderman@koers.demo", "fr-BE");
      await alderman.goto(url);
      await act(alderman, "Rendre un avis", async (d) => {
        await d.getByRole("textbox", { name: "Avis" }).fill("Avis favorable, à réaliser en 2027.");
        await d.getByRole("combobox", { name: "Priorité politique" }).click();
        await alderman.getByRole("option", { name: "Priorité élevée" }).click();
      });
      await expectStage(alderman, "Avis de l'échevin");

      // The college decides, as one body.
      const college = await as("college@koers.demo");
      await college.goto(url);
      await act(college, "Goedkeuren");
      await expectStage(college, "Goedgekeurd");
      await college.getByText("Beslissing van het college", { exact: false }).waitFor();
      await screenshot(college, "proposal-approved");

      // The author sees the whole path, with the college as the decider (no names).
      await head.goto(url);
      const history = head.getByRole("region", { name: "Traject" });
      await history.getByText("Goedkeuren → Goedgekeurd").waitFor();
      await history.getByText(/College van burgemeester en schepenen/).waitFor();
      expect(await history.getByText("Cora College").count()).toBe(0);
      await screenshot(head, "proposal-page-author");

      // On a phone the board stacks its columns.
      await head.setViewportSize({ width: 360, height: 740 });
      await head.goto(`${server.url}/proposals`);
      await head.getByTestId("proposal-card").first().waitFor();
      await screenshot(head, "proposals-board-360");

      // The programme office turns the approved proposal into a project of the portfolio.
      await pmo.goto(`${server.url}/portfolio`);
      await pmo.getByRole("button", { name: "Nieuw project" }).click({ timeout: 30_000 });
      dialog = pmo.getByRole("dialog");
      await dialog.getByRole("combobox", { name: "Vanuit een goedgekeurd voorstel" }).click();
      await pmo.getByRole("option", { name: "Digitale inschrijving voor opleidingen" }).click();
      // The form is filled in from the proposal.
      await expect
        .poll(() => dialog.getByRole("textbox", { name: "Naam", exact: true }).inputValue())
        .toBe("Digitale inschrijving voor opleidingen");
      await dialog.getByRole("button", { name: "Project aanmaken" }).click();
      await pmo
        .getByRole("heading", { level: 1, name: "Digitale inschrijving voor opleidingen" })
        .waitFor({ timeout: 30_000 });

      // Two milestones: one due today (it counts in this quarter's KPI), one next year.
      const nextYear = `${Number(today().slice(0, 4)) + 1}${today().slice(4, 7)}-01`;
      for (const [title, deadline] of [
        ["Formulier online", today()],
        ["Koppeling met dossierbeheer", nextYear],
      ] as const) {
        await pmo.getByRole("button", { name: "Mijlpaal toevoegen" }).click();
        dialog = pmo.getByRole("dialog");
        await dialog.getByRole("textbox", { name: "Mijlpaal", exact: true }).fill(title);
        await dialog.getByLabel("Deadline").fill(deadline);
        await dialog.getByRole("button", { name: "Opslaan" }).click();
        await dialog.waitFor({ state: "detached" });
        await pmo.getByRole("cell", { name: title, exact: true }).waitFor();
      }
      const markDone = pmo.getByRole("button", {
        name: "Mijlpaal Formulier online vandaag als gerealiseerd markeren",
      });
      await markDone.click();
      await markDone.waitFor({ state: "detached" });
      await pmo
        .getByRole("row", { name: /Formulier online/ })
        .getByText("Tijdig gerealiseerd")
        .waitFor();
      const other = pmo.getByRole("button", {
        name: "Mijlpaal Koppeling met dossierbeheer vandaag als gerealiseerd markeren",
      });
      expect(await other.count()).toBe(1);
      await screenshot(pmo, "project-from-proposal");

      // The KPI page counts the proposal and the milestone done on time.
      const after = await readKpis(pmo);
      expect(after.proposals).toBe(before.proposals + 1);
      expect(after.milestonesDue).toBe(before.milestonesDue + 1);
      expect(after.milestonesOnTime).toBe(before.milestonesOnTime + 1);
      expect(await pmo.getByTestId("kpi-onTime").textContent()).toMatch(/\d %$/);
      await screenshot(pmo, "portfolio-kpis");
    },
  );
});
