import { existsSync } from "node:fs";
import { median, now } from "../measure/stats.ts";

/** A page to time: where it is and the element that is there once the page has drawn its data. */
export interface UiPage {
  name: string;
  /** After the server's address: `/#/cases` for a route of the web UI, `/api/docs` for the API reference. */
  path: string;
  drawn: string;
}

export interface UiPageLoad extends UiPage {
  /** Milliseconds from navigation to `drawn` present, each load in a fresh browser context. */
  loadsMs: number[];
  medianMs: number;
}

export interface UiFirstLoads {
  pages: UiPageLoad[];
  /**
   * The baseline: navigating a fresh context to `/api/health` (a few bytes of JSON, nothing to run), timed
   * the same way between the pages' loads. What the browser and the machine cost for any navigation.
   */
  blankMs: number;
  /** The slowest page's median: the figure the ≤ 1 s target is about. */
  slowestMs: number;
}

/** Debian's chromium, as the UI tests use it; COPYQUOTA_CHROMIUM names another. */
export const CHROMIUM = process.env.COPYQUOTA_CHROMIUM ?? "/usr/bin/chromium";

/** A page that has not drawn by then is broken, not slow: the phase fails naming it. */
const DRAW_TIMEOUT_MS = 15_000;

/**
 * Times first loads of the UI in Chromium (headless): each load opens a fresh browser context (empty cache,
 * no service state) holding only a logged-in session cookie, navigates to the page and waits until its data
 * is drawn. Loads go round the pages `loads` times, so that a slow spell of the machine hits every page alike.
 * A blank navigation and the first page are loaded once untimed before.
 * @returns null when Chromium is missing (scripts/ensure-chromium.sh installs it).
 */
export async function timeUiFirstLoads(url: string, key: string, pages: readonly UiPage[], loads: number): Promise<UiFirstLoads | null> {
  if (!existsSync(CHROMIUM)) return null;
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const login = await browser.newContext();
    const session = await login.request.post(`${url}/api/session`, { data: { key } });
    if (!session.ok()) throw new Error(`logging in to the UI failed: POST /api/session answered ${session.status()}`);
    const cookies = await login.cookies();
    await login.close();

    const timeLoad = async (target: string, drawn: string | null): Promise<number> => {
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const page = await context.newPage();
      try {
        const t0 = now();
        await page.goto(target);
        if (drawn) await page.waitForSelector(drawn, { timeout: DRAW_TIMEOUT_MS, state: "attached" });
        return now() - t0;
      } catch (error) {
        throw new Error(`UI first load of ${target}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, { cause: error });
      } finally {
        await context.close();
      }
    };

    // Untimed: Chromium's own start-up work (renderer, fonts, caches on disk) is not the UI's.
    await timeLoad(`${url}/api/health`, null);
    if (pages[0]) await timeLoad(`${url}${pages[0].path}`, pages[0].drawn);

    const blank: number[] = [];
    const times = pages.map(() => [] as number[]);
    for (let round = 0; round < loads; round++) {
      blank.push(await timeLoad(`${url}/api/health`, null));
      for (const [i, page] of pages.entries()) times[i]!.push(await timeLoad(`${url}${page.path}`, page.drawn));
    }
    const timed = pages.map((page, i) => ({ ...page, loadsMs: times[i]!, medianMs: median(times[i]!) }));
    return { pages: timed, blankMs: median(blank), slowestMs: Math.max(...timed.map((p) => p.medianMs)) };
  } finally {
    await browser.close();
  }
}
