import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
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

/** A full-page screenshot from the top (the app shell's header is fixed). */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, name);
}

/** This quarter and the one before, as the Dutch interface writes them ("K4 2026"). */
function quarters(now = new Date()) {
  const index = now.getFullYear() * 4 + Math.floor(now.getMonth() / 3);
  const label = (i: number) => `K${(i % 4) + 1} ${Math.floor(i / 4)}`;
  return { current: label(index), previous: label(index - 1) };
}

/** Picks an option of a Mantine Select (a combobox with a listbox). */
async function choose(page: Page, scope: Locator, label: string | RegExp, option: string) {
  await scope.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

describe("tracking a plan through a quarter", () => {
  it("records measurements, shows status and chart, and closes a PDCA cycle", async () => {
    const { current, previous } = quarters();
    const context = await newContext(browser, "nl-BE");
    const page = await context.newPage();
    await signIn(page, server.url, "director@koers.demo", "koers-demo-2026");
    await page.getByRole("navigation").getByRole("link", { name: "Plannen" }).click();

    // A plan with one strategic objective.
    await page.getByRole("button", { name: "Nieuw plan" }).click();
    let dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Titel" }).fill("Opvolging doorverwijzingen");
    await dialog.getByRole("button", { name: "Plan aanmaken" }).click();
    await page.getByRole("heading", { level: 1, name: "Opvolging doorverwijzingen" }).waitFor();

    await page.getByRole("button", { name: "Doelstelling toevoegen" }).click();
    dialog = page.getByRole("dialog", { name: "Nieuwe doelstelling" });
    await expect
      .poll(() => dialog.getByRole("textbox", { name: "Code" }).inputValue())
      .toBe("SD 1");
    await dialog.getByRole("textbox", { name: "Titel" }).fill("Meer werkzoekenden naar werk");
    await dialog.getByRole("button", { name: "Doelstelling toevoegen" }).click();
    await page.getByRole("heading", { name: "Meer werkzoekenden naar werk" }).waitFor();

    // A measurement point with a numeric target, due this quarter, measured by a new indicator.
    await page.getByRole("button", { name: "Meetpunt toevoegen" }).click();
    dialog = page.getByRole("dialog", { name: "Nieuw meetpunt onder SD 1" });
    await dialog.getByRole("textbox", { name: "Titel" }).fill("Doorverwijzingen worden aanvaard");
    await dialog
      .getByRole("textbox", { name: "Te bereiken streefwaarde" })
      .fill("70% van de doorverwezen werkzoekenden wordt aanvaard");
    await choose(page, dialog, "Deadline", "Kwartaal");
    await choose(page, dialog, /^Kwartaal/, current);
    await dialog.getByRole("switch", { name: /^Numerieke streefwaarde/ }).check({ force: true });
    await dialog.getByRole("textbox", { name: /^Waarde/ }).fill("70");
    await dialog.getByRole("textbox", { name: "Eenheid" }).fill("%");
    await choose(page, dialog, /^Indicator/, "Nieuwe indicator…");
    await dialog
      .getByRole("textbox", { name: "Naam van de nieuwe indicator" })
      .fill("Aanvaarde doorverwijzingen");
    await dialog.getByRole("button", { name: "Meetpunt toevoegen" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const points = page.getByRole("list", { name: /^Meetpunten van SD 1/ });
    await expect
      .poll(() => points.getByRole("listitem").first().innerText())
      .toContain(`Deadline: ${current}`);

    // Two quarterly measurements; a missing value is refused without losing the comment.
    const form = page.getByRole("form", { name: "Meting registreren" });
    await choose(page, form, /^Periode/, previous);
    await form
      .getByRole("textbox", { name: /^Commentaar/ })
      .fill("Nieuwe werkwijze loopt nog niet overal.");
    await form.getByRole("button", { name: "Meting opslaan" }).click();
    await form.getByText("Geef een getal.").waitFor();
    expect(await form.getByRole("textbox", { name: /^Commentaar/ }).inputValue()).toBe(
      "Nieuwe werkwijze loopt nog niet overal.",
    );
    await form.getByRole("textbox", { name: /^Waarde/ }).fill("55");
    await form.getByRole("button", { name: "Meting opslaan" }).click();
    await form
      .getByRole("status")
      .filter({ hasText: `55% voor ${previous}` })
      .waitFor();
    await choose(page, form, /^Periode/, current);
    await form.getByRole("textbox", { name: /^Waarde/ }).fill("62");
    await form
      .getByRole("textbox", { name: /^Commentaar/ })
      .fill("Beter, maar nog onder de streefwaarde.");
    await form.getByRole("button", { name: "Meting opslaan" }).click();
    await form
      .getByRole("status")
      .filter({ hasText: `62% voor ${current}` })
      .waitFor();
    await expect
      .poll(() => points.getByRole("listitem").first().innerText())
      .toContain(`Laatste meting: 62% (${current})`);
    await screenshot(page, "plan-tracking-plan");

    // The point page: a chart against the target, with its text alternative.
    await page.getByRole("link", { name: "Doorverwijzingen worden aanvaard" }).click();
    const figure = page.getByRole("figure", { name: /2 metingen/ });
    await figure.waitFor();
    expect(await figure.innerText()).toContain(
      `2 metingen van ${previous} tot ${current}; laatste waarde 62%. Streefwaarde: minstens 70%.`,
    );
    await figure.locator(".recharts-line").waitFor();
    const breadcrumbs = page.getByRole("link", { name: "SD 1 Meer werkzoekenden naar werk" });
    expect(await breadcrumbs.count()).toBe(1);
    await screenshot(page, "plan-tracking-point");

    // The scoreboard of this quarter: status with words, trend, latest and previous value.
    await page.getByRole("link", { name: "Opvolging doorverwijzingen" }).click();
    await page.getByRole("link", { name: `Scorebord ${current}` }).click();
    const row = page.getByRole("row", { name: /1\.1 Doorverwijzingen worden aanvaard/ });
    await row.waitFor();
    const cells = await row.innerText();
    expect(cells).toMatch(/op koers|risico|uit koers/i);
    expect(cells).toContain("Verbetert");
    expect(cells).toContain("62%");
    expect(cells).toContain("55%");
    expect(cells).toContain("Beter, maar nog onder de streefwaarde.");
    await page.getByRole("button", { name: "Afdrukken" }).waitFor();
    await screenshot(page, "plan-tracking-scoreboard");

    // PDCA: open, Plan → Do → Check → Act.
    await page.getByRole("main").getByRole("link", { name: "PDCA-cyclus" }).click();
    await page.getByRole("button", { name: `Cyclus van ${current} openen` }).click();
    await page.getByRole("button", { name: "Verder naar Do" }).click();
    await page.getByRole("button", { name: "Verder naar Check" }).click();
    await page.getByRole("button", { name: "Verder naar Act" }).click();

    // Closing is refused while the point has no assessment; the page says which one.
    await page.getByRole("button", { name: "Cyclus afsluiten" }).click();
    await page.getByRole("alert").filter({ hasText: "zonder beoordeling" }).waitFor();
    expect(await page.getByText("Nog te beoordelen").count()).toBe(1);
    expect(
      await page.getByRole("listitem").filter({ hasText: "1.1 Doorverwijzingen" }).count(),
    ).toBeGreaterThan(0);

    // An assessment that differs from the computed status needs a reason (the server says so).
    const assessment = page.getByRole("form", { name: /^Beoordeling van 1\.1/ });
    await choose(page, assessment, "Beoordeelde status", "Uit koers");
    await assessment.getByRole("button", { name: "Beoordeling opslaan" }).click();
    await assessment.getByText(/Geef een reden/).waitFor();
    await assessment
      .getByRole("textbox", { name: /^Commentaar/ })
      .fill("Aanwerving loopt vertraging op; bijsturing nodig.");
    await assessment.getByRole("button", { name: "Beoordeling opslaan" }).click();
    await assessment.getByRole("status").filter({ hasText: "Opgeslagen" }).waitFor();

    // Act: a decision with a new action.
    const decision = page.getByRole("form", { name: "Beslissing registreren" });
    await decision
      .getByRole("textbox", { name: /^Beslissing/ })
      .fill("Extra consulenten inzetten voor de opvolging van doorverwijzingen.");
    await decision
      .getByRole("textbox", { name: /^Nieuwe actie/ })
      .fill("Twee consulenten aanwerven");
    await decision.getByRole("button", { name: "Beslissing registreren" }).click();
    await page
      .getByRole("list", { name: "Beslissingen" })
      .getByText("Nieuwe actie: Twee consulenten aanwerven")
      .waitFor();
    await screenshot(page, "plan-tracking-cycle-act");

    await page.getByRole("button", { name: "Cyclus afsluiten" }).click();
    await page.getByText("Huidige fase: Afgesloten").waitFor();
    await page.getByRole("link", { name: "Bevroren scorebord bekijken" }).click();

    // The frozen scoreboard keeps the assessed status and says it no longer changes.
    await page.getByText("Bevroren", { exact: true }).waitFor();
    await page.getByRole("status").filter({ hasText: "het verandert niet meer" }).waitFor();
    const frozenRow = page.getByRole("row", { name: /1\.1 Doorverwijzingen worden aanvaard/ });
    expect(await frozenRow.innerText()).toMatch(/uit koers/i);
    expect(await frozenRow.innerText()).toContain("beoordeeld");
    await screenshot(page, "plan-tracking-frozen-scoreboard");
    await context.close();
  }, 180_000);
});
