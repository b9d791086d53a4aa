import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's Chromium, headless, with nothing reaching out to the internet. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run npm test (it installs Debian's chromium) or set CHROMIUM_PATH`,
    );
  if (!fs.existsSync(path.resolve("dist/client/index.html")))
    throw new Error("The web client is not built: run npm run build:client (npm test does it)");
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** A new browser context whose pages fail fast (10 s) instead of hanging a test. */
export async function newContext(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Signs in through the login page, as a person would. */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(baseUrl);
  await page.getByRole("textbox", { name: /e-mail/i }).fill(email);
  await page.getByRole("textbox", { name: /^(wachtwoord|password|mot de passe)/i }).fill(password);
  await page.getByRole("button", { name: /aanmelden|sign in|se connecter/i }).click();
  // Argon2id makes a login take a moment on purpose; on a CI machine running
  // other test files at once it has taken longer than the 10 s default.
  await page.getByRole("navigation").first().waitFor({ timeout: 30_000 });
}

/** Saves a screenshot under test-results/ for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: path.join("test-results", `${name}.png`), fullPage: true });
}
