import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startTestServer, type TestServer } from "../harness";
import { launchBrowser, newContext, screenshot, signIn } from "../browser";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(import.meta.filename), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("co-writing a plan's notes", () => {
  it("shows each person's typing to the other, live", async () => {
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
    const notesA = a.getByRole("textbox", { name: "Gedeelde notities" });
    const notesB = b.getByRole("textbox", { name: "Shared notes" });
    await expect
      .poll(() => a.locator("[data-connection]").getAttribute("data-connection"))
      .toBe("connected");
    await expect
      .poll(() => b.locator("[data-connection]").getAttribute("data-connection"))
      .toBe("connected");

    await notesA.click();
    await notesA.pressSequentially("SD 1: meer werkzoekenden naar werk. ");
    await expect.poll(() => notesB.inputValue()).toContain("SD 1: meer werkzoekenden naar werk.");

    await notesB.click();
    await notesB.press("End");
    await notesB.pressSequentially("Agreed by the board.");
    await expect.poll(() => notesA.inputValue()).toContain("Agreed by the board.");
    expect(await notesA.inputValue()).toBe(await notesB.inputValue());

    // Each sees the other in the presence list.
    await expect
      .poll(() => a.getByRole("group", { name: "In dit document" }).getByLabel("Ann Admin").count())
      .toBe(1);
    await screenshot(a, "plan-page-co-writing");
    await director.close();
    await admin.close();
  });
});
