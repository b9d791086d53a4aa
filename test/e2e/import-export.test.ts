import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestServer, type TestServer } from "../harness";
import { launchBrowser, newContext, screenshot as saveScreenshot, signIn } from "../browser";
import { scoreboardExportUrl } from "../../client/features/transfer/downloads";

const SAMPLE = path.resolve(import.meta.dirname, "../../../shared/examples/mandate-actiris-a4.md");

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

/** This quarter as the routes write it: "2026-Q4". */
function currentQuarter(now = new Date()) {
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}

describe("bringing a plan in from a document and its scoreboard out", () => {
  it("reads a mandate, takes a correction, creates the plan and exports its scoreboard", async () => {
    const context = await newContext(browser, "nl-BE");
    const page = await context.newPage();
    await signIn(page, server.url, "director@koers.demo", "koers-demo-2026");

    await page.getByRole("navigation").getByRole("link", { name: "Plan importeren" }).click();
    await page.getByRole("heading", { level: 1, name: "Plan importeren" }).waitFor();
    const fileInput = page.getByLabel("Kies een bestand of sleep het hierheen");
    await screenshot(page, "import-choose");

    // A file that is not what its name says: refused in Dutch, and the page stays usable.
    await fileInput.setInputFiles({
      name: "mandaat.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("Dit is geen pdf."),
    });
    await page
      .getByRole("alert")
      .filter({ hasText: /kan niet gelezen worden/ })
      .waitFor();

    // The sample: its tree, with deadlines as read and the parser's remarks per line.
    await fileInput.setInputFiles(SAMPLE);
    const pointTitle = page.getByRole("textbox", {
      name: "Titel van meetpunt 1.1 van strategische doelstelling 1",
    });
    await pointTitle.waitFor();
    expect(await pointTitle.inputValue()).toMatch(
      /^De strategische doelstellingen en verbintenissen/,
    );
    expect(await page.getByRole("textbox", { name: "Titel", exact: true }).inputValue()).toMatch(
      /^Doelstellingen voor het mandaat A4/,
    );
    const summary = await page.getByText(/^Gevonden:/).innerText();
    expect(summary).toContain("3 strategische doelstellingen");
    expect(summary).toContain("5 transversale doelstellingen");
    const warnings = page.getByRole("region", { name: /opmerkingen bij het lezen/ });
    expect(await warnings.innerText()).toContain("Regel 5");
    await warnings.getByRole("button", { name: /^Alle \d+ tonen$/ }).click();
    expect(await warnings.innerText()).toContain(
      "Het overzicht en de uitwerking geven deze doelstelling een andere titel",
    );
    const targets = page.getByRole("list", {
      name: "Streefwaarden van meetpunt 2.2 van strategische doelstelling 2",
    });
    expect(await targets.innerText()).toMatch(
      /Jaar\s*“2025”\s*\(1 jan\.? 2025 tot 31 dec\.? 2025\)/,
    );
    await screenshot(page, "import-preview");

    // Corrections: one title, and a node removed (then undone, then removed for good).
    const corrected = "Beheerscontract vertalen naar operationele doelstellingen per dienst";
    await pointTitle.fill(corrected);
    const optiris = "transversale doelstelling 5";
    await page.getByRole("button", { name: `Verwijder ${optiris}` }).click();
    const status = page.locator(".import-actions [role=status]");
    await status.filter({ hasText: "Transversale doelstelling 5 verwijderd." }).waitFor();
    // Focus moves to the way back, so the keyboard can undo at once.
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? "");
    await expect.poll(focused).toBe("Ongedaan maken");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: `Verwijder ${optiris}` }).click();
    await expect.poll(focused).toBe("Ongedaan maken");

    // A refused form keeps everything typed: an empty plan title is caught before sending.
    const planTitle = page.getByRole("textbox", { name: "Titel", exact: true });
    await planTitle.fill("");
    await page.getByRole("button", { name: "Plan aanmaken" }).click();
    await page.getByText("Vul dit in.").waitFor();
    expect(await planTitle.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await pointTitle.inputValue()).toBe(corrected);
    await planTitle.fill("Mandaat A4 Actiris 2024-2028");

    await page.getByRole("button", { name: "Plan aanmaken" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Mandaat A4 Actiris 2024-2028" })
      .waitFor({ timeout: 30_000 });
    await page.getByText(corrected).first().waitFor();
    expect(await page.getByText(/OPTIris-doelstelling/).count()).toBe(0);
    await screenshot(page, "import-created-plan");
    const planId = /\/plans\/([a-f0-9]{24})$/.exec(page.url())?.[1];
    expect(planId).toBeTruthy();

    // The scoreboard of this quarter, with the page's session, as the export links fetch it.
    const quarter = currentQuarter();
    const xlsx = await page.request.get(server.url + scoreboardExportUrl(planId!, quarter, "xlsx"));
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const cells: string[][] = [];
    sheet.eachRow((row) => cells.push((row.values as unknown[]).map((v) => String(v ?? ""))));
    const row = cells.find((values) => values.includes(corrected));
    expect(row, "the corrected point's row").toBeTruthy();
    expect(row!.some((v) => /(^|› )1\.1$/.test(v))).toBe(true);
    expect(
      cells.some((values) => values.some((v) => v.includes("Mandaat A4 Actiris 2024-2028"))),
    ).toBe(true);

    const pdf = await page.request.get(server.url + scoreboardExportUrl(planId!, quarter, "pdf"));
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    await context.close();
  });
});
