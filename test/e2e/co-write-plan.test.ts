import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestServer, type TestServer } from "../harness";
import { launchBrowser, newContext, screenshot, signIn } from "../browser";

// The machine running these is busy (two browsers, the server and the database on two
// cores): waits are generous, and nothing here checks speed.
const SLOW = { timeout: 15_000 };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(import.meta.filename), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The text as written, block by block, without the name labels of other people's carets. */
const writtenText = (page: Page) =>
  page.locator(".ProseMirror").evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collab-caret").forEach((caret) => caret.remove());
    return [...copy.querySelectorAll("p, h1, h2, h3")].map((block) => block.textContent ?? "");
  });

describe("co-writing a plan's action plan from the plan page", () => {
  // Two browsers, two servers' worth of sockets on two cores: generous, not a speed check.
  it(
    "shows the action plan live on the plan page and leads into the shared editor",
    {
      timeout: 120_000,
    },
    async () => {
      const director = await newContext(browser, "nl-BE");
      const admin = await newContext(browser, "en-GB");
      const a = await director.newPage();
      const b = await admin.newPage();
      await signIn(a, server.url, "director@koers.demo", "koers-demo-2026");
      await signIn(b, server.url, "admin@koers.demo", "koers-admin-2026");
      // The plans list (home shows what needs each person, which differs per person).
      await a.getByRole("navigation").getByRole("link", { name: "Plannen" }).click();
      await b.getByRole("navigation").getByRole("link", { name: "Plans" }).click();
      await a.getByRole("link", { name: "Doelstellingen voor het mandaat 2024-2028" }).click();
      await b.getByRole("link", { name: "Doelstellingen voor het mandaat 2024-2028" }).click();

      // The admin opens the editor; the director stays on the plan page, whose preview is live.
      await b.getByRole("link", { name: "Open the action plan" }).click();
      const editorB = b.getByRole("textbox", { name: "Text of the action plan" });
      await expect
        .poll(() => b.locator("[data-connection]").getAttribute("data-connection"), SLOW)
        .toBe("connected");
      await editorB.click();
      await b.keyboard.type("SD 1: meer werkzoekenden naar werk.", { delay: 5 });
      const preview = a.getByRole("region", { name: "Laatste tekst" });
      await expect
        .poll(() => preview.textContent(), SLOW)
        .toContain("SD 1: meer werkzoekenden naar werk.");
      // The plan page shows who is writing.
      await expect
        .poll(
          () => a.getByRole("list", { name: "In dit document" }).getByLabel("Ann Admin").count(),
          SLOW,
        )
        .toBe(1);
      await screenshot(a, "plan-page-action-plan-preview");

      // The director follows the link and writes in the same document.
      await a.getByRole("link", { name: "Actieplan openen" }).click();
      const editorA = a.getByRole("textbox", { name: "Tekst van het actieplan" });
      await expect
        .poll(() => editorA.textContent(), SLOW)
        .toContain("SD 1: meer werkzoekenden naar werk.");
      await editorA.click();
      await a.keyboard.press("Control+End");
      await a.keyboard.press("Enter");
      await a.keyboard.type("Akkoord van de directieraad.", { delay: 5 });
      await expect
        .poll(() => editorB.textContent(), SLOW)
        .toContain("Akkoord van de directieraad.");
      expect(await writtenText(a)).toEqual([
        "SD 1: meer werkzoekenden naar werk.",
        "Akkoord van de directieraad.",
      ]);
      expect(await writtenText(b)).toEqual(await writtenText(a));
      await director.close();
      await admin.close();
    },
  );
});
