import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestServer, type TestServer } from "../harness";
import { launchBrowser, newContext, screenshot, signIn } from "../browser";

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(import.meta.filename), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

const pages: Page[] = [];

async function person(locale: string, email: string, password = "koers-demo-2026") {
  const context = await newContext(browser, locale);
  contexts.push(context);
  const page = await context.newPage();
  pages.push(page);
  await signIn(page, server.url, email, password);
  return page;
}

/**
 * Everything the server sent this page: GraphQL answers over HTTP and subscription frames over
 * the websocket. Hidden results must not travel at all, not merely stay off the screen.
 */
function recordTraffic(page: Page): unknown[] {
  const seen: unknown[] = [];
  page.on("response", async (response) => {
    if (!response.url().endsWith("/graphql")) return;
    try {
      const body: unknown = await response.json();
      if (JSON.stringify(body).includes("seminar")) seen.push(body);
    } catch {
      // Not JSON (e.g. a 204): nothing to inspect.
    }
  });
  page.on("websocket", (ws) => {
    if (!ws.url().endsWith("/graphql")) return;
    ws.on("framereceived", ({ payload }) => {
      try {
        const frame: unknown = JSON.parse(String(payload));
        if (String(payload).includes("seminar")) seen.push(frame);
      } catch {
        // Binary frames are not GraphQL.
      }
    });
  });
  return seen;
}

/** Paths of results or counts in the payloads: non-null poll results, vote totals, any count. */
function countsIn(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => countsIn(v, `${path}[${i}]`));
  if (!value || typeof value !== "object") return [];
  const found: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if ((key === "results" || key === "voteTotals") && v !== null) found.push(`${path}.${key}`);
    if (key === "count" || key === "dots") found.push(`${path}.${key}`);
    found.push(...countsIn(v, `${path}.${key}`));
  }
  return found;
}

/** Live updates cross a websocket, the database and three browsers on two cores: give them time. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

const quadrant = (page: Page, name: string) =>
  page.locator(`.swot-quadrant[data-quadrant=${name}]`);
const sessionTitle = (page: Page) => page.locator("#session-heading");

describe("a seminar of the board, from sticky notes to a draft plan", () => {
  it("runs SWOT, a poll and dot voting live for three people, then drafts the plan", async ({
    onTestFailed,
  }) => {
    // A failed journey leaves what each person saw, to look at.
    onTestFailed(async () => {
      for (const [i, page] of pages.entries())
        await screenshot(page, `seminar-failure-${i}`).catch(() => undefined);
    });
    const facilitator = await person("nl-BE", "director@koers.demo");
    const mona = await person("nl-BE", "mt@koers.demo");
    const sam = await person("fr-BE", "alderman@koers.demo");
    const monaTraffic = recordTraffic(mona);

    // The facilitator plans the seminar: title, date, participants; the default agenda.
    await facilitator.getByRole("navigation").getByRole("link", { name: "Seminaries" }).click();
    await facilitator.getByRole("button", { name: "Nieuw seminarie" }).click();
    const dialog = facilitator.getByRole("dialog");
    // Sent empty first: each field says what is missing, in Dutch.
    await dialog.getByRole("button", { name: "Seminarie plannen" }).click();
    await poll(() => dialog.getByText("Geef het seminarie een titel.").count()).toBe(1);
    await poll(() => dialog.getByText("Nodig minstens één deelnemer uit.").count()).toBe(1);
    await dialog
      .getByRole("textbox", { name: "Titel", exact: true })
      .fill("Strategisch seminarie 2027");
    const invite = dialog.getByLabel(/^Deelnemers/).first();
    await invite.click();
    await invite.fill("Mona");
    await facilitator.getByRole("option", { name: "Mona Managementteam" }).click();
    await invite.fill("Sam");
    await facilitator.getByRole("option", { name: "Sam Schepen" }).click();
    await dialog.getByRole("button", { name: "Seminarie plannen" }).click();
    await facilitator.waitForURL(/\/seminars\/[a-f0-9]{24}$/);
    const roomUrl = facilitator.url();
    await poll(() => sessionTitle(facilitator).textContent()).toBe("SWOT-analyse");

    await mona.goto(roomUrl);
    await sam.goto(roomUrl);
    // Notes typed before the board has synced are kept by Yjs and sent once connected.

    // SWOT: everyone adds notes at once; all see all, in each one's language.
    await facilitator
      .getByRole("textbox", { name: "Nieuwe notitie bij Sterktes" })
      .fill("Sterk en betrokken personeel");
    await facilitator.keyboard.press("Enter");
    await mona
      .getByRole("textbox", { name: "Nieuwe notitie bij Zwaktes" })
      .fill("Versnipperde IT-systemen");
    await mona.keyboard.press("Enter");
    await sam
      .getByRole("textbox", { name: "Nouvelle note dans Opportunités" })
      .fill("Fonds européens pour la numérisation");
    await sam.keyboard.press("Enter");
    await sam
      .getByRole("textbox", { name: "Nouvelle note dans Menaces" })
      .fill("Départs à la retraite non remplacés");
    await sam.keyboard.press("Enter");
    for (const page of [facilitator, mona, sam]) {
      await poll(() =>
        quadrant(page, "strengths").getByText("Sterk en betrokken personeel").count(),
      ).toBe(1);
      await poll(() =>
        quadrant(page, "weaknesses").getByText("Versnipperde IT-systemen").count(),
      ).toBe(1);
      await poll(() => quadrant(page, "threats").getByText("Départs à la retraite").count()).toBe(
        1,
      );
    }
    // Moving a note with the keyboard only: its menu, then "move to".
    await mona
      .getByRole("button", { name: "Acties voor notitie “Départs à la retraite non remplacés”" })
      .focus();
    await mona.keyboard.press("Enter");
    await mona.getByRole("menuitem", { name: "Naar Zwaktes" }).click();
    await poll(() => quadrant(sam, "weaknesses").getByText("Départs à la retraite").count()).toBe(
      1,
    );
    // Each note carries its author's name.
    await poll(() => quadrant(facilitator, "opportunities").getByText("Sam Schepen").count()).toBe(
      1,
    );

    // The shared timer, and locking the board: participants read, no longer write.
    await facilitator.getByRole("textbox", { name: "Minuten" }).fill("5");
    await facilitator.getByRole("button", { name: "Timer starten" }).click();
    await poll(() => sam.locator(".seminar-timer__clock").textContent()).toMatch(/^0[45]:/);
    await screenshot(facilitator, "seminar-room-nl");
    await screenshot(sam, "seminar-room-fr");
    await facilitator.getByRole("button", { name: /vergrendelen$/ }).click();
    await poll(() => sam.getByText("Verrouillé", { exact: true }).count()).toBe(1);
    await poll(() => sam.getByRole("textbox", { name: "Nouvelle note dans Forces" }).count()).toBe(
      0,
    );

    // Everyone follows the facilitator to the poll.
    await facilitator.getByRole("button", { name: "Volgende sessie" }).click();
    await facilitator.getByRole("button", { name: "Volgende sessie" }).click();
    await poll(() => sessionTitle(mona).textContent()).toBe("Live peiling");
    await poll(() => sessionTitle(sam).textContent()).toBe("Live peiling");

    await facilitator.getByRole("textbox", { name: "Vraag" }).fill("Welk thema eerst?");
    await facilitator.getByRole("textbox", { name: "Keuze 1" }).fill("Digitalisering");
    await facilitator.getByRole("textbox", { name: "Keuze 2" }).fill("Personeel");
    await facilitator.getByRole("button", { name: "Peiling voorbereiden" }).click();
    await facilitator.getByRole("button", { name: "Peiling openen" }).click();
    await mona.getByRole("radio", { name: "Digitalisering" }).check();
    await mona.getByRole("button", { name: "Mijn antwoord versturen" }).click();
    await sam.getByRole("radio", { name: "Digitalisering" }).check();
    await sam.getByRole("button", { name: "Envoyer ma réponse" }).click();
    await poll(() => facilitator.getByText("Antwoorden tot nu toe: 2").count()).toBe(1);
    // Before the reveal: no results on a participant's screen, and none sent to the browser.
    await poll(() => mona.getByText("Antwoorden tot nu toe: 2").count()).toBe(1);
    expect(await mona.getByTestId("poll-results").count()).toBe(0);
    expect(await sam.getByTestId("poll-results").count()).toBe(0);
    expect(monaTraffic.length).toBeGreaterThan(3);
    expect(countsIn(monaTraffic)).toEqual([]);

    await facilitator.getByRole("button", { name: "Resultaten tonen" }).click();
    await poll(() => mona.getByTestId("poll-results").count()).toBe(1);
    await poll(() => sam.getByTestId("poll-results").getByText("2 (100 %)").count()).toBe(1);
    // The interception does see results once they are revealed.
    expect(countsIn(monaTraffic).length).toBeGreaterThan(0);

    // Dot voting on candidate priorities.
    await facilitator.getByRole("button", { name: "Volgende sessie" }).click();
    await poll(() => sessionTitle(mona).textContent()).toBe("Prioriteiten");
    const voteStart = monaTraffic.length;
    const candidates = [
      "Digitale dienstverlening",
      "Talent aantrekken en behouden",
      "Minder papier",
      "Samenwerking tussen diensten",
    ];
    const add = facilitator.getByRole("textbox", {
      name: "Nieuwe notitie bij Kandidaat-prioriteiten",
    });
    for (const text of candidates) {
      await add.fill(text);
      await add.press("Enter");
    }
    await poll(() =>
      sam.locator(".swot-quadrant[data-quadrant=candidates] .swot-note").count(),
    ).toBe(4);
    const monaDot = (text: string) =>
      mona.getByRole("button", { name: `Een stip zetten op “${text}”` });
    const samDot = (text: string) =>
      sam.getByRole("button", { name: `Placer une gommette sur « ${text} »` });
    await monaDot(candidates[0]!).click();
    await poll(() => mona.getByText("Nog 2 van 3 stippen").count()).toBe(1);
    await monaDot(candidates[0]!).click();
    await poll(() => mona.getByText("Nog 1 van 3 stippen").count()).toBe(1);
    await monaDot(candidates[1]!).click();
    await poll(() => mona.getByText("Nog 0 van 3 stippen").count()).toBe(1);
    expect(await monaDot(candidates[2]!).isDisabled()).toBe(true);
    for (const text of [candidates[0]!, candidates[1]!, candidates[2]!]) {
      const before = await sam.locator(".dots-left").textContent();
      await samDot(text).click();
      await poll(() => sam.locator(".dots-left").textContent()).not.toBe(before);
    }
    await facilitator
      .getByRole("button", { name: `Een stip zetten op “${candidates[3]}”` })
      .click();
    await poll(() => facilitator.getByText("Tot nu toe geplaatste stippen: 7").count()).toBe(1);
    // No totals before the reveal, on screen or on the wire.
    expect(await mona.locator(".vote-totals").count()).toBe(0);
    await poll(() => mona.getByText("Tot nu toe geplaatste stippen: 7").count()).toBe(1);
    expect(monaTraffic.length).toBeGreaterThan(voteStart);
    // (The poll's results were revealed before: those may travel now.)
    expect(countsIn(monaTraffic.slice(voteStart)).filter((p) => !p.includes(".results"))).toEqual(
      [],
    );

    await facilitator.getByRole("button", { name: /^Stemmen van .* tonen$/ }).click();
    for (const page of [facilitator, mona, sam])
      await poll(() => page.locator(".vote-totals__row").count()).toBe(4);
    const first = mona.locator(".vote-totals__row").first();
    expect(await first.textContent()).toContain(candidates[0]);
    expect(await first.textContent()).toContain("3 stip(pen)");
    // "Minder papier" and "Samenwerking" have one dot each: a tie, marked for all to see.
    await poll(() => mona.locator(".vote-totals__row[data-tied]").count()).toBe(2);
    await poll(() => sam.getByText("ex aequo", { exact: true }).count()).toBe(2);

    await facilitator.goto(`${roomUrl}?projector=1`);
    await poll(() => facilitator.locator(".vote-totals__row").count()).toBe(4);
    await screenshot(facilitator, "seminar-projector");
    await mona.setViewportSize({ width: 390, height: 844 });
    await screenshot(mona, "seminar-phone");
    await facilitator.getByRole("button", { name: "Projectormodus verlaten" }).click();

    // The outcome: the top two priorities become strategic lines of a new draft plan.
    await facilitator.getByRole("button", { name: "Volgende sessie" }).click();
    await poll(() => sessionTitle(sam).textContent()).toBe("Krachtlijnen en doelstellingen");
    await facilitator
      .getByRole("button", { name: "De twee hoogste prioriteiten selecteren" })
      .click();
    await poll(() => facilitator.getByRole("checkbox", { name: candidates[0] }).isChecked()).toBe(
      true,
    );
    expect(await facilitator.getByRole("checkbox", { name: candidates[1] }).isChecked()).toBe(true);
    expect(await facilitator.getByRole("checkbox", { name: candidates[2] }).isChecked()).toBe(
      false,
    );
    await facilitator
      .getByRole("textbox", { name: "Titel van het plan" })
      .fill("Strategisch plan 2027-2031");
    await facilitator.getByRole("button", { name: "Aanmaken (2)" }).click();
    const planLink = facilitator.getByRole("link", { name: "Strategisch plan 2027-2031" });
    await planLink.waitFor();
    // Live to the participants who may read the draft (Mona, of the same department); a
    // draft is not readable from the college, so Sam's list stays without it.
    await poll(() => mona.getByRole("link", { name: "Strategisch plan 2027-2031" }).count()).toBe(
      1,
    );
    expect(await sam.getByRole("link", { name: "Strategisch plan 2027-2031" }).count()).toBe(0);
    await screenshot(facilitator, "seminar-outcome");
    await planLink.click();
    await facilitator.waitForURL(/\/plans\/[a-f0-9]{24}$/);
    // The URL changes before the plan page replaces the room (whose totals list every note).
    await facilitator
      .getByRole("heading", { level: 1, name: "Strategisch plan 2027-2031" })
      .waitFor({ timeout: 15_000 });
    await poll(() => facilitator.getByText(candidates[0]!).count()).toBeGreaterThan(0);
    await poll(() => facilitator.getByText(candidates[1]!).count()).toBeGreaterThan(0);
    expect(await facilitator.getByText(candidates[2]!).count()).toBe(0);
    await screenshot(facilitator, "seminar-draft-plan");
  }, 300_000);
});
