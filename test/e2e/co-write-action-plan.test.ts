import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
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

const PLAN = "Doelstellingen voor het mandaat 2024-2028";

/** From the plans list to the plan, then through its link to the action plan. */
async function openActionPlan(page: Page, plansLink: string, openLink: string | RegExp) {
  await page.getByRole("navigation").getByRole("link", { name: plansLink }).click();
  await page.getByRole("link", { name: PLAN }).click();
  await page.getByRole("link", { name: openLink }).click();
}

/** The text as written, block by block, without the name labels of other people's carets. */
const writtenText = (page: Page) =>
  page.locator(".ProseMirror").evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collab-caret").forEach((caret) => caret.remove());
    return [...copy.querySelectorAll("p, h1, h2, h3, li")]
      .filter((block) => !block.querySelector("p"))
      .map((block) => block.textContent ?? "");
  });

const connectionOf = (page: Page) =>
  page.locator("[data-connection]").first().getAttribute("data-connection");

/** The person's own words typed at the end of the text, on a new line. */
async function typeAtEnd(page: Page, editorName: string, text: string) {
  const editor = page.getByRole("textbox", { name: editorName });
  await editor.click();
  await page.keyboard.press("Control+End");
  if ((await writtenText(page)).join("").trim()) await page.keyboard.press("Enter");
  await page.keyboard.type(text, { delay: 5 });
}

describe("co-writing an action plan", () => {
  let director: BrowserContext;
  let admin: BrowserContext;

  it(
    "two people write together, see each other's caret, and converge after one was offline",
    {
      timeout: 180_000,
    },
    async () => {
      director = await newContext(browser, "nl-BE");
      admin = await newContext(browser, "en-GB");
      const a = await director.newPage();
      const b = await admin.newPage();
      await signIn(a, server.url, "director@koers.demo", "koers-demo-2026");
      await signIn(b, server.url, "admin@koers.demo", "koers-admin-2026");
      await openActionPlan(a, "Plannen", "Actieplan openen");
      await openActionPlan(b, "Plans", "Open the action plan");
      await expect.poll(() => connectionOf(a), SLOW).toBe("connected");
      await expect.poll(() => connectionOf(b), SLOW).toBe("connected");
      const editorA = a.getByRole("textbox", { name: "Tekst van het actieplan" });
      const editorB = b.getByRole("textbox", { name: "Text of the action plan" });

      // Both write, each sees the other's words.
      await typeAtEnd(a, "Tekst van het actieplan", "Opleiding voor alle bemiddelaars.");
      await expect
        .poll(() => editorB.textContent(), SLOW)
        .toContain("Opleiding voor alle bemiddelaars.");
      await typeAtEnd(b, "Text of the action plan", "Budget agreed with the college.");
      await expect
        .poll(() => editorA.textContent(), SLOW)
        .toContain("Budget agreed with the college.");

      // Each sees the other's caret, labelled with the other's name.
      await expect
        .poll(() => a.locator(".collab-caret", { hasText: "Ann Admin" }).count(), SLOW)
        .toBe(1);
      await expect
        .poll(() => b.locator(".collab-caret", { hasText: "Dirk Directeur" }).count(), SLOW)
        .toBe(1);
      // And in the presence list, oneself marked as such.
      const presenceB = b.getByRole("list", { name: "In this document" });
      await expect.poll(() => presenceB.getByLabel("Dirk Directeur").count(), SLOW).toBe(1);
      await expect.poll(() => presenceB.getByLabel("Ann Admin (you)").count(), SLOW).toBe(1);
      await screenshot(a, "action-plan-co-writing-nl");

      // The director goes offline. Chromium's offline emulation blocks the open socket without
      // closing it; the page hears the browser's "offline" and drops the socket itself.
      await director.setOffline(true);
      await expect.poll(() => connectionOf(a), SLOW).toBe("disconnected");
      await expect
        .poll(() => a.getByRole("status").filter({ hasText: "Offline" }).count(), SLOW)
        .toBe(1);
      expect(
        await a
          .getByText("Uw wijzigingen blijven op dit toestel bewaard", { exact: false })
          .count(),
      ).toBe(1);

      // Both keep typing; nothing passes between them.
      await typeAtEnd(a, "Tekst van het actieplan", "Offline geschreven door Dirk.");
      await typeAtEnd(b, "Text of the action plan", "Ann wrote this meanwhile.");
      await screenshot(a, "action-plan-offline-nl");
      // Nothing reaches the admin any more: the director's presence, no longer renewed, expires
      // there (y-protocols awareness: 30 s), and her offline words never arrived.
      await expect
        .poll(() => presenceB.getByLabel("Dirk Directeur").count(), { timeout: 45_000 })
        .toBe(0);
      expect(await editorB.textContent()).not.toContain("Offline geschreven door Dirk.");
      expect(await editorA.textContent()).not.toContain("Ann wrote this meanwhile.");
      expect(
        await a.locator(".collab-caret", { hasText: "Ann Admin" }).count(),
      ).toBeLessThanOrEqual(1);

      // Back online: both see the same text, with every word typed.
      await director.setOffline(false);
      await expect.poll(() => connectionOf(a), { timeout: 20_000 }).toBe("connected");
      const words = [
        "Opleiding voor alle bemiddelaars.",
        "Budget agreed with the college.",
        "Offline geschreven door Dirk.",
        "Ann wrote this meanwhile.",
      ];
      for (const w of words) {
        await expect.poll(() => editorA.textContent(), SLOW).toContain(w);
        await expect.poll(() => editorB.textContent(), SLOW).toContain(w);
      }
      expect(await writtenText(a)).toEqual(await writtenText(b));
      expect(await writtenText(a)).toEqual(expect.arrayContaining(words));
      await expect.poll(() => presenceB.getByLabel("Dirk Directeur").count(), SLOW).toBe(1);
      await screenshot(b, "action-plan-co-writing-en");
      await director.close();
      await admin.close();
    },
  );

  it("saves a named version, shows it read only and restores it (in French, on a phone)", async () => {
    const context = await newContext(browser, "fr-BE");
    const page = await context.newPage();
    await signIn(page, server.url, "admin@koers.demo", "koers-admin-2026");
    // Her language was English in the first journey: she switches to French.
    await page.getByText("FR", { exact: true }).first().click();
    await page.getByRole("navigation").getByRole("link", { name: "Accueil" }).waitFor();
    await openActionPlan(page, "Plans", "Ouvrir le plan d’action");
    await expect.poll(() => connectionOf(page), SLOW).toBe("connected");
    await screenshot(page, "action-plan-fr-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    const editorLabel = "Texte du plan d’action";
    const editor = page.getByRole("textbox", { name: editorLabel });
    await expect.poll(() => editor.textContent(), SLOW).toContain("Ann wrote this meanwhile.");
    await screenshot(page, "action-plan-fr-390");

    await page.getByRole("button", { name: "Historique des versions" }).click();
    const drawer = page.getByRole("dialog", { name: "Historique des versions" });
    await drawer.getByRole("button", { name: "Enregistrer la version" }).click();
    await drawer.getByText("Donnez un nom à la version.").waitFor();
    const name = "transmis au conseil de direction, mars 2025";
    await drawer.getByRole("textbox", { name: /Nom de la version/ }).fill(name);
    await drawer.getByRole("button", { name: "Enregistrer la version" }).click();
    await drawer.getByText(`Version « ${name} » enregistrée.`).waitFor();
    const listed = drawer.getByRole("listitem").filter({ hasText: name });
    await expect.poll(() => listed.textContent(), SLOW).toContain("par Ann Admin");
    await screenshot(page, "action-plan-versions-fr-390");
    await drawer.getByRole("button", { name: "Fermer" }).click();

    // A change after the version.
    await typeAtEnd(page, editorLabel, "Ajouté après la version.");
    await page.getByRole("button", { name: "Historique des versions" }).click();
    await drawer.getByRole("button", { name: `Consulter la version « ${name} »` }).click();
    const view = drawer.getByRole("textbox", { name: editorLabel });
    await expect.poll(() => view.textContent(), SLOW).toContain("Ann wrote this meanwhile.");
    expect(await view.textContent()).not.toContain("Ajouté après la version.");
    expect(await view.getAttribute("contenteditable")).toBe("false");
    await screenshot(page, "action-plan-version-view-fr-390");

    // Restoring asks first, then the live text becomes the version's again.
    await drawer.getByRole("button", { name: "Restaurer", exact: true }).click();
    await page.getByRole("button", { name: "Oui, restaurer" }).click();
    await drawer.getByText(`Version « ${name} » restaurée.`).waitFor();
    await expect.poll(() => editor.textContent(), SLOW).not.toContain("Ajouté après la version.");
    expect(await editor.textContent()).toContain("Ann wrote this meanwhile.");
    await context.close();
  });

  it("shows the action plan read only to someone who may not change it", async () => {
    const context = await newContext(browser, "nl-BE");
    const page = await context.newPage();
    await signIn(page, server.url, "viewer@koers.demo", "koers-demo-2026");
    await openActionPlan(page, "Plannen", "Actieplan openen");
    await expect.poll(() => connectionOf(page), SLOW).toBe("connected");
    await page.getByText("Alleen lezen: u kunt dit actieplan raadplegen").waitFor();
    const editor = page.getByRole("textbox", { name: "Tekst van het actieplan" });
    await expect.poll(() => editor.textContent(), SLOW).toContain("Ann wrote this meanwhile.");
    expect(await editor.getAttribute("contenteditable")).toBe("false");
    expect(await page.getByRole("toolbar").count()).toBe(0);
    await screenshot(page, "action-plan-read-only-nl");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "action-plan-read-only-nl-390");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("button", { name: "Versiegeschiedenis" }).click();
    const drawer = page.getByRole("dialog", { name: "Versiegeschiedenis" });
    await drawer.getByText("U kunt de versies bekijken").waitFor();
    expect(await drawer.getByRole("button", { name: /terugzetten/ }).count()).toBe(0);
    await context.close();
  });

  it(
    "keeps words typed offline on the device and sends them when the page is opened again online",
    {
      timeout: 180_000,
    },
    async () => {
      const director = await newContext(browser, "nl-BE");
      const admin = await newContext(browser, "en-GB");
      const a = await director.newPage();
      const b = await admin.newPage();
      await signIn(a, server.url, "director@koers.demo", "koers-demo-2026");
      await signIn(b, server.url, "admin@koers.demo", "koers-admin-2026");
      await openActionPlan(a, "Plannen", "Actieplan openen");
      // She chose French in the journey above; the language is remembered for her.
      await openActionPlan(b, "Plans", "Ouvrir le plan d’action");
      await expect.poll(() => connectionOf(a), SLOW).toBe("connected");
      const pageUrl = a.url();
      const storedUpdates = () =>
        a.evaluate(async () => {
          const [info] = (await indexedDB.databases()).filter((d) => d.name?.startsWith("koers:"));
          if (!info?.name) return 0;
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const request = indexedDB.open(info.name!);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          const count = await new Promise<number>((resolve) => {
            const request = db.transaction("updates").objectStore("updates").count();
            request.onsuccess = () => resolve(request.result);
          });
          db.close();
          return count;
        });

      await director.setOffline(true);
      await expect.poll(() => connectionOf(a), SLOW).toBe("disconnected");
      const before = await storedUpdates();
      await typeAtEnd(a, "Tekst van het actieplan", "Alleen op dit toestel bewaard.");
      await expect.poll(storedUpdates, SLOW).toBeGreaterThan(before);
      // The tab is closed before the network returns: only IndexedDB still has the words.
      await a.close();
      await director.setOffline(false);
      const again = await director.newPage();
      await again.goto(pageUrl);
      await expect.poll(() => connectionOf(again), SLOW).toBe("connected");
      const editorB = b.getByRole("textbox", { name: "Texte du plan d’action" });
      await expect
        .poll(() => editorB.textContent(), SLOW)
        .toContain("Alleen op dit toestel bewaard.");
      await director.close();
      await admin.close();
    },
  );
});
