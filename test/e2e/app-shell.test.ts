import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { startTestServer, type TestServer } from "../harness";
import { launchBrowser, newContext, screenshot, signIn } from "../browser";
import { must, Q, unitOf } from "../planning";

let server: TestServer;
let browser: Browser;
let cookie: string;
let planId: string;
let pointId: string;
let indicatorId: string;

const EMAIL = "director@koers.demo";
const PASSWORD = "koers-demo-2026";
const LOCALES = { nl: "nl-BE", fr: "fr-BE", en: "en-GB" } as const;
type Lang = keyof typeof LOCALES;

function currentQuarter(now = new Date()) {
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}
function isoDay(offsetDays: number) {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** A plan with one objective and one point, owned by the director, measured by one indicator. */
async function buildPlan() {
  cookie = await server.login(EMAIL, PASSWORD);
  const me = await server.gql<{ viewer: { id: string } }>("{ viewer { id } }", {}, { cookie });
  const viewerId = me.data!.viewer.id;
  const orgUnitId = await unitOf(server, cookie, "DIR");
  const plan = await must<{ id: string }>(server, cookie, Q.createPlan, {
    input: {
      kind: "strategic_plan",
      title: "Werk voor iedereen",
      orgUnitId,
      periodStart: 2025,
      periodEnd: 2029,
    },
  });
  planId = plan.id;
  const objective = await must<{ id: string }>(server, cookie, Q.createObjective, {
    input: {
      planId,
      kind: "strategic_objective",
      code: "SD 1",
      title: "Meer werkzoekenden aan het werk",
    },
  });
  const indicator = await must<{ id: string }>(server, cookie, Q.createIndicator, {
    input: {
      planId,
      name: "Uitstroom naar werk",
      unit: "%",
      direction: "higher_is_better",
      baseline: 40,
      targetValue: 60,
    },
  });
  indicatorId = indicator.id;
  const point = await must<{ id: string }>(server, cookie, Q.createPoint, {
    input: {
      objectiveId: objective.id,
      code: "1.1",
      title: "Uitstroom stijgt",
      ownerIds: [viewerId],
      targets: [
        {
          text: "60% uitstroom",
          goal: { value: 60, comparator: "at_least", baseline: 40 },
          deadline: { kind: "year", value: "2028" },
          indicatorId,
        },
      ],
    },
  });
  pointId = point.id;
  for (const [title, due] of [
    ["Jobbeurs organiseren", isoDay(-3)],
    ["Partners uitnodigen", isoDay(5)],
  ] as const)
    await must(server, cookie, Q.createAction, {
      input: { planId, title, dueDate: due, ownerId: viewerId, measurementPointId: pointId },
    });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(import.meta.filename), launchBrowser()]);
  await buildPlan();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Serious and critical axe violations on the page as it is now, one line each. */
async function axeProblems(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    );
}

async function setUserLocale(lang: Lang) {
  const response = await fetch(`${server.url}/auth/locale`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ locale: lang }),
  });
  expect(response.status).toBeLessThan(300);
}

/** Waits until the lazily loaded page has rendered its first heading and nothing is loading. */
async function settle(page: Page) {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.waitForLoadState("networkidle");
}

describe("the app shell", () => {
  it("has no serious or critical axe violation on the main pages in nl, fr and en", async () => {
    const quarter = currentQuarter();
    const problems: string[] = [];
    for (const lang of Object.keys(LOCALES) as Lang[]) {
      const context = await newContext(browser, LOCALES[lang]);
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByRole("button", { name: /aanmelden|sign in|se connecter/i }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe(lang);
      problems.push(...(await axeProblems(page, `${lang} login`)));

      await setUserLocale(lang);
      await signIn(page, server.url, EMAIL, PASSWORD);
      const pages: [string, string][] = [
        ["home", "/"],
        ["plans", "/plans"],
        ["plan", `/plans/${planId}`],
        ["point", `/points/${pointId}`],
        ["scoreboard", `/plans/${planId}/scoreboard/${quarter}`],
        ["pdca", `/plans/${planId}/cycles/${quarter}`],
        ["import", "/import"],
      ];
      for (const [name, path] of pages) {
        await page.goto(server.url + path);
        await settle(page);
        expect(await page.locator("html").getAttribute("lang")).toBe(lang);
        problems.push(...(await axeProblems(page, `${lang} ${name}`)));
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("switches language at once and keeps it after a reload", async () => {
    await setUserLocale("nl");
    const context = await newContext(browser, "nl-BE");
    const page = await context.newPage();
    await signIn(page, server.url, EMAIL, PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Wat vraagt nu je aandacht" }).waitFor();

    await page.getByRole("radiogroup", { name: "Taal" }).getByText("FR").click();
    await page.getByRole("heading", { level: 1, name: "Ce qui vous attend" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    // Dates follow the language: the overdue action's date is written the French way.
    const overdue = new Intl.DateTimeFormat("fr-BE", { dateStyle: "medium" }).format(
      new Date(`${isoDay(-3)}T00:00:00`),
    );
    await page
      .getByRole("listitem")
      .filter({ hasText: "Jobbeurs organiseren" })
      .getByText(overdue)
      .waitFor();
    await page.getByText("En retard", { exact: true }).waitFor();

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Ce qui vous attend" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await page.evaluate(() => localStorage.getItem("koers.locale"))).toBe("fr");
    const me = await server.gql<{ viewer: { locale: string } }>(
      "{ viewer { locale } }",
      {},
      { cookie },
    );
    expect(me.data!.viewer.locale).toBe("fr");
    await screenshot(page, "app-shell-home-fr");
    await context.close();
  }, 60_000);

  it("records a measurement with the keyboard alone, from the home page", async () => {
    await setUserLocale("nl");
    const context = await newContext(browser, "nl-BE");
    const page = await context.newPage();
    await signIn(page, server.url, EMAIL, PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Wat vraagt nu je aandacht" }).waitFor();
    await page.getByRole("link", { name: /^Uitstroom naar werk registreren voor/ }).waitFor();

    /** Presses Tab until the focused element matches, as a keyboard user would. */
    async function tabTo(match: (el: { name: string; tag: string }) => boolean, max = 60) {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          const labelled = el?.getAttribute("aria-labelledby");
          const label =
            el?.getAttribute("aria-label") ??
            (labelled ? document.getElementById(labelled)?.textContent : null) ??
            (el && "labels" in el ? (el as HTMLInputElement).labels?.[0]?.textContent : null) ??
            el?.textContent ??
            "";
          return { name: label.trim(), tag: el?.tagName ?? "" };
        });
        if (match(focused)) return focused;
      }
      throw new Error("never reached by Tab");
    }

    // The skip link comes first and is visible when focused.
    await page.keyboard.press("Tab");
    await expect
      .poll(() => page.getByRole("link", { name: "Naar de inhoud" }).isVisible())
      .toBe(true);

    await tabTo((f) => /^Uitstroom naar werk registreren voor/.test(f.name));
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/plans\/[^/]+#record-heading$/);
    const form = page.getByRole("form", { name: "Meting registreren" });
    await form.waitFor();
    // The link's target receives focus: the next Tab stops go through the form.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("record-heading");
    await tabTo((f) => f.tag === "INPUT" && /^Waarde/.test(f.name), 10);
    await page.keyboard.type("47,5");
    await page.keyboard.press("Enter");
    await form.getByRole("status").filter({ hasText: "47,5%" }).waitFor();

    const saved = await server.gql<{
      indicator: { measurements: { period: string; value: number }[] };
    }>(
      "query($id: ID!) { indicator(id: $id) { measurements { period value } } }",
      { id: indicatorId },
      { cookie },
    );
    expect(saved.data!.indicator.measurements).toContainEqual({
      period: currentQuarter(),
      value: 47.5,
    });

    // The search, by keyboard: Ctrl+K focuses it, arrows and Enter open a point.
    await page.keyboard.press("Control+k");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("type")))
      .toBe("search");
    await page.keyboard.type("uitstroom stijgt");
    const option = page.getByRole("option", { name: /1\.1\s*Uitstroom stijgt/ });
    await option.waitFor().catch(async (e: unknown) => {
      await screenshot(page, "app-shell-search-failed");
      throw e;
    });
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/points/${pointId}$`));
    // Breadcrumbs: plan → objective → point.
    await page.getByRole("link", { name: "SD 1 Meer werkzoekenden aan het werk" }).waitFor();
    await page.getByRole("link", { name: "Werk voor iedereen" }).first().waitFor();

    // Back home: the measurement is no longer missing.
    await page.goto(server.url);
    await page.getByText(/Elke indicator die je beheert heeft een waarde/).waitFor();
    await context.close();
  }, 60_000);
});
