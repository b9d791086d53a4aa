/**
 * What a user downloads and waits for: the gzip-compressed JavaScript and CSS loaded before
 * login and for the first page after login (the home page), read from the built client's
 * index.html and Vite's manifest (module graph), and the time to interactive in headless
 * Chromium of the home page and of a large plan's page (5 objectives × 8 measurement points).
 * Builds nothing: run `npx vite build` first.
 */
import { buildLargePlan } from "./lib/largePlan";
import { startBenchKoers } from "./lib/servers";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../test/browser";
import { login } from "../test/harness";

const DIST = path.resolve("dist/client");
const MANIFEST = path.join(DIST, ".vite/manifest.json");
const AIM = { jsBeforeLogin: 250 * 1024, homeInteractive: 1500 };
const RUNS = process.env.BENCH_QUICK === "1" ? 3 : 7;
const SIZE = { objectives: 5, points: 8, measurements: 8 };

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, Chunk>;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipSize = (file: string) =>
  zlib.gzipSync(fs.readFileSync(path.join(DIST, file)), { level: 9 }).length;

/** The files a chunk loads statically (itself, its static imports, their CSS), transitively. */
function closure(manifest: Manifest, keys: string[], seen = new Set<string>()): Set<string> {
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no entry ${key}`);
    if (seen.has(chunk.file)) continue;
    seen.add(chunk.file);
    for (const css of chunk.css ?? []) seen.add(css);
    closure(manifest, chunk.imports ?? [], seen);
  }
  return seen;
}

function sizes(files: Iterable<string>) {
  let js = 0;
  let css = 0;
  for (const f of files) {
    if (f.endsWith(".js")) js += gzipSize(f);
    else if (f.endsWith(".css")) css += gzipSize(f);
  }
  return { js, css };
}

/** Compressed sizes before login (index.html's graph) and for the home page after login. */
export function measureBundle() {
  if (!fs.existsSync(path.join(DIST, "index.html")) || !fs.existsSync(MANIFEST))
    throw new Error(
      `${MANIFEST} is missing: build the client first (npx vite build, with build.manifest in vite.config.ts)`,
    );
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as Manifest;
  const html = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry)?.[0];
  if (!entry) throw new Error("the manifest names no entry chunk");
  const beforeLogin = closure(manifest, [entry]);
  // Anything index.html links itself (stylesheets, modulepreloads) is loaded too.
  for (const m of html.matchAll(/(?:href|src)="\/?(assets\/[^"]+)"/g)) beforeLogin.add(m[1]!);
  // The catalogue of the language shown (loaded on demand, one per language): Dutch, the largest but one.
  const catalogue = Object.keys(manifest).find((k) => /shared\/i18n\/nl\.json$/.test(k));
  if (catalogue) closure(manifest, [catalogue], beforeLogin);
  const home = Object.keys(manifest).find((k) => /features\/home\/HomePage\.tsx$/.test(k));
  if (!home) throw new Error("the manifest has no chunk for features/home/HomePage.tsx");
  const afterLogin = closure(manifest, [home], new Set(beforeLogin));
  const homeOnly = [...afterLogin].filter((f) => !beforeLogin.has(f));
  const before = sizes(beforeLogin);
  const added = sizes(homeOnly);
  return {
    before,
    afterLogin: { js: before.js + added.js, css: before.css + added.css },
    homeChunks: homeOnly.length,
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Cold loads (new context, empty cache) of `url`, signed in; time from navigation start until
 * `ready` holds in the page and the main thread has had a free frame.
 */
async function timeToInteractive(
  browser: Browser,
  baseUrl: string,
  cookie: string,
  url: string,
  ready: string,
): Promise<number[]> {
  const [name, value] = cookie.split("=") as [string, string];
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: "nl-BE",
    });
    await context.addCookies([{ name, value, url: baseUrl }]);
    const page = await context.newPage();
    await page.goto(baseUrl + url, { waitUntil: "commit" });
    await page.waitForFunction(ready, null, { timeout: 30_000, polling: "raf" });
    const ms = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
        ),
    );
    if (i > 0) times.push(ms); // the first run warms the server, not the browser
    if (process.env.BENCH_TRACE === "1" && i === RUNS)
      process.stdout.write(
        `${await page.evaluate(() =>
          performance
            .getEntriesByType("resource")
            .map((e) => e as PerformanceResourceTiming)
            .map(
              (e) =>
                `    ${e.startTime.toFixed(0).padStart(5)}–${e.responseEnd.toFixed(0).padStart(5)} ms ${e.name.replace(location.origin, "")}`,
            )
            .join("\n"),
        )}\n`,
      );
    await context.close();
  }
  return times;
}

export async function run(): Promise<void> {
  const bundle = measureBundle();
  const ratio = (value: number, aim: number) => `${(value / aim).toFixed(2)} of aim`;
  process.stdout.write(
    [
      "",
      "Bundle (gzip -9, as served):",
      `  before login        JS ${kb(bundle.before.js).padStart(9)}   CSS ${kb(bundle.before.css).padStart(8)}   aim JS < ${kb(AIM.jsBeforeLogin)}: ${ratio(bundle.before.js, AIM.jsBeforeLogin)}`,
      `  home after login    JS ${kb(bundle.afterLogin.js).padStart(9)}   CSS ${kb(bundle.afterLogin.css).padStart(8)}   (+${bundle.homeChunks} chunks for the home page)`,
      "",
    ].join("\n"),
  );

  const bench = await startBenchKoers({ KOERS_DB_NAME: "bench_bundle" });
  const koers = bench.running;

  let browser: Browser | undefined;
  try {
    const { planId } = await buildLargePlan({ ...SIZE, actions: 0 });
    const points = SIZE.objectives * SIZE.points;
    const cookie = await login(koers.url, "director@koers.demo", "koers-demo-2026");
    browser = await launchBrowser();
    const home = await timeToInteractive(
      browser,
      koers.url,
      cookie,
      "/",
      `!!document.getElementById("my-plans-heading") && !!document.querySelector('[role="search"] input')`,
    );
    const big = await timeToInteractive(
      browser,
      koers.url,
      cookie,
      `/plans/${planId}`,
      `document.body.innerText.includes("Meetpunt ${SIZE.objectives}.${SIZE.points}") && !!document.querySelector('form[aria-label] input')`,
    );
    const line = (label: string, times: number[], aim?: number) =>
      `  ${label.padEnd(34)} median ${median(times).toFixed(0).padStart(5)} ms   min ${Math.min(
        ...times,
      )
        .toFixed(0)
        .padStart(5)} ms   max ${Math.max(...times)
        .toFixed(0)
        .padStart(5)} ms` + (aim ? `   aim < ${aim} ms: ${ratio(median(times), aim)}` : "");
    process.stdout.write(
      [
        `Time to interactive, headless Chromium, cold cache, ${RUNS} runs (content rendered + a free frame):`,
        line("home (/)", home, AIM.homeInteractive),
        line(`large plan (${points} points)`, big),
        "",
      ].join("\n"),
    );
  } finally {
    await browser?.close();
    await bench.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
