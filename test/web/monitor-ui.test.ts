import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MonitorOverview } from "../../src/server/monitor-status-view.ts";
import type { WatchedSiteView } from "../../src/server/watched-site-view.ts";
import type { RunningServer } from "../../src/server/start.ts";
import { startServer } from "../../src/server/start.ts";
import { thisProcess } from "../../src/monitor/monitor-status.ts";
import { KEY } from "../server/support.ts";
import { until } from "../server/until.ts";
import { launchTestBrowser, type TestBrowser } from "./browser.ts";
import { startNewsSite } from "../monitor/news-site.ts";
import type { NewsSite } from "../monitor/news-site.ts";
import { indexVestnik } from "../monitor/articles.ts";

/**
 * The Watchlist page of a real `copyquota serve` (startServer, its background monitor running) in real
 * Chromium: the monitor's state above the sites, a site added with the form read by the monitor with no
 * `monitor --once`, and "Check now" making it read again (issue 14 item 3).
 */

let dir: string;
let server: RunningServer;
let news: NewsSite;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "copyquota-monitor-ui-"));
  news = await startNewsSite();
  server = await startServer({ port: 0, host: "127.0.0.1", dataDir: dir, apiKey: KEY, demo: false, sharedDir: null, allowPrivate: true, print: () => undefined });
  await indexVestnik(server.stores.engine);
  browser = await launchTestBrowser();
  page = browser.page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await news?.site.close();
  rmSync(dir, { recursive: true, force: true });
});

async function api<T>(method: string, route: string): Promise<T> {
  return (await (await fetch(`${server.url}${route}`, { method, headers: { authorization: `Bearer ${KEY}` } })).json()) as T;
}

const monitorStatus = () => api<MonitorOverview>("GET", "/api/monitor");
const watched = async () => (await api<{ items: WatchedSiteView[] }>("GET", "/api/watchlist")).items;

/** Opens the Watchlist page afresh (it shows what the API says when it loads). */
async function openWatchlist(): Promise<void> {
  await page.goto(`${server.url}/#/`);
  await page.goto(`${server.url}/#/watchlist`);
  await page.waitForSelector("section.monitor-status");
}

describe("the Watchlist page with the server's monitor", () => {
  it("shows that this server's monitor runs, its last pass and its next look", async () => {
    await until(monitorStatus, (overview) => overview.monitors[0]?.lastPass != null);
    await page.goto(`${server.url}/`);
    await page.waitForSelector("form.login");
    await page.fill("#key", KEY);
    await page.click("form.login button[type=submit]");
    await page.waitForSelector("#top nav a[href='#/watchlist']");
    await openWatchlist();
    const panel = await page.textContent("section.monitor-status");
    expect(panel).toContain(`This server (${thisProcess()})`);
    expect(await page.textContent("section.monitor-status .last-pass")).toMatch(/^Last pass ended .+: 0 pages checked, 0 failed, 0 cases opened · next look .+$/);
    expect(await page.$$("section.monitor-status .last-error")).toHaveLength(0);
  });

  it("adds a site with the form, which the monitor reads on its own", async () => {
    await page.fill("#watch-url", news.site.url("/"));
    await page.click("form.watch-form button[type=submit]");
    await page.waitForSelector("table.watchlist tr.site");
    expect(await page.textContent("[role=status]")).toMatch(/The monitor reads it now\.$/);
    const [site] = await until(watched, (sites) => sites[0]?.lastPassAt != null && sites[0].counts.queued === 0 && sites[0].counts.done >= 5);
    const { monitors } = await monitorStatus();
    await openWatchlist();
    const row = `tr.site[data-site="${site!.id}"]`;
    expect(await page.textContent(`${row} td:nth-child(3)`)).not.toBe("never");
    expect(await page.textContent(`${row} .counts`)).toBe(`${site!.counts.done} done · 0 failed · 0 queued`);
    const last = monitors[0]!.lastPass!;
    expect(await page.textContent("section.monitor-status .last-pass")).toContain(`${last.events.checked} pages checked`);
  });

  it("checks a site now: the button makes it due and the monitor reads it again", async () => {
    const [before] = await watched();
    const feedReads = news.site.hits("/rss.xml");
    const button = `tr.site[data-site="${before!.id}"] button.check-now`;
    expect(await page.getAttribute(button, "aria-label")).toBe(`Check ${before!.url} now`);
    await page.click(button);
    await page.waitForSelector("[role=status]");
    expect(await page.textContent("[role=status]")).toBe(`${before!.url} is due now: the monitor reads it in a moment.`);
    await until(watched, (sites) => sites[0]!.lastPassAt !== before!.lastPassAt && sites[0]!.counts.queued === 0);
    expect(news.site.hits("/rss.xml")).toBeGreaterThan(feedReads);
  });

  it("says it in Russian with the language switch", async () => {
    const [site] = await watched();
    // The switch shows the page afresh: once the pass is over, it shows the last pass and the next look.
    await until(monitorStatus, (overview) => overview.monitors[0]!.state === "idle");
    await page.click("#top button[data-language=ru]");
    await page.waitForFunction(() => document.querySelector("section.monitor-status h2")?.textContent === "Монитор");
    expect(await page.textContent("section.monitor-status")).toContain(`Этот сервер (${thisProcess()})`);
    expect(await page.textContent("section.monitor-status .last-pass")).toMatch(/^Последний обход закончен .+: страниц проверено — \d+, ошибок — 0, новых дел — \d+ · следующая проверка расписания .+$/);
    const button = `tr.site[data-site="${site!.id}"] button.check-now`;
    expect(await page.textContent(button)).toBe("Проверить сейчас");
    expect(await page.getAttribute(button, "aria-label")).toBe(`Проверить ${site!.url} сейчас`);
    expect(browser.errors).toEqual([]);
  });
});
