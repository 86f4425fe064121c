import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WatchedSiteView } from "../../src/server/watched-site-view.ts";
import { openMonitor } from "../../src/monitor/open-monitor.ts";
import { runPass } from "../../src/monitor/run-pass.ts";
import { KEY, startTestServer } from "../server/support.ts";
import { launchTestBrowser, type TestBrowser } from "./browser.ts";
import type { TestServer } from "../server/support.ts";
import { startNewsSite } from "../monitor/news-site.ts";
import type { NewsSite } from "../monitor/news-site.ts";
import { HTML, RSS, XML, serve, startSite } from "../monitor/site-server.ts";
import type { Site } from "../monitor/site-server.ts";
import { ownText, republishedPage, rssFeed } from "../monitor/articles.ts";

/**
 * The Watchlist page in real Chromium (Debian's, driven by playwright-core, as in ui.test.ts): add sites with
 * the form, see field errors, see each site's counts and failed URLs after a monitor pass, change a schedule,
 * remove a site — with hostile text (a listing's reason, an echoed URL) shown as text.
 *
 * Its screenshot goes to a temporary directory, or to docs/screenshots/watchlist.png with
 * COPYQUOTA_SCREENSHOTS=docs (how the README's picture is made).
 */


/** What a hostile listing and a hostile URL carry: rendered as markup, they would set `window.__pwned`. */
const SCRIPT_LISTING = `<?xml version="1.0"?><script>window.__pwned = 'listing'</script>`;
const IMG_PAYLOAD = `<img src=x onerror="window.__pwned = 'onerror'">`;

let server: TestServer;
let news: NewsSite;
/** «Степной курьер»: a feed whose pages fail (a 500, a page robots.txt closes), and a feed that turns into markup. */
let courier: Site;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer({ webUi: true });
  news = await startNewsSite();
  courier = await startSite({});
  courier.route("/robots.txt", serve("User-agent: *\nDisallow: /news/closed\n", "text/plain"));
  courier.route("/feed.xml", serve(rssFeed(courier.url("/"), [{ url: courier.url("/news/down") }, { url: courier.url("/news/closed") }]), RSS));
  courier.route("/news/down", (_request, response) => void response.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error"));
  courier.route("/news/closed", serve(republishedPage({ title: "Закрытая новость", published: "2024-03-18T09:00:00+05:00", paragraphs: ownText() }), HTML));
  courier.route("/export.xml", serve(rssFeed(courier.url("/"), []), RSS));
  browser = await launchTestBrowser();
  page = browser.page;
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await Promise.all([news?.site.close(), courier?.close()]);
});

async function watched(): Promise<WatchedSiteView[]> {
  return (await server.call<{ items: WatchedSiteView[] }>("GET", "/api/watchlist")).body.items;
}

async function siteId(url: string): Promise<number> {
  const site = (await watched()).find((s) => s.url === url);
  if (!site) throw new Error(`${url} is not watched`);
  return site.id;
}

/** Fills the add form and submits it; resolves when the page re-rendered or the form shows an error. */
async function addWithForm(url: string, interval = ""): Promise<void> {
  await page.fill("#watch-url", url);
  await page.fill("#watch-interval", interval);
  await page.click("form.watch-form button[type=submit]");
  await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>("form.watch-form button[type=submit]")?.disabled);
}

const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned);

describe("the Watchlist page", () => {
  it("is in the navigation, and says when nothing is watched", async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector("form.login");
    await page.fill("#key", KEY);
    await page.click("form.login button[type=submit]");
    await page.waitForSelector("#top nav a[href='#/watchlist']");
    await page.click("#top nav a[href='#/watchlist']");
    await page.waitForSelector("form.watch-form");
    expect(await page.getAttribute("#top nav a[href='#/watchlist']", "class")).toBe("active");
    expect(await page.textContent("main .empty")).toContain("Nothing is watched yet");
  });

  it("adds a site, whose feed and sitemap it shows, and feeds, each with its schedule", async () => {
    await addWithForm(news.site.url("/"), "6h");
    await page.waitForSelector("table.watchlist tr.site");
    expect(await page.textContent("[role=status]")).toMatch(/^Watching http:\/\/127\.0\.0\.1:\d+\/ \(site, every 6h\), reading 2 feeds and sitemaps it announces/);
    const row = `tr.site[data-site="${await siteId(news.site.url("/"))}"]`;
    expect(await page.$$eval(`${row} .listings li`, (items) => items.map((li) => li.textContent))).toEqual([news.site.url("/rss.xml"), news.site.url("/sitemap.xml")]);
    expect(await page.inputValue(`${row} input[name=interval]`)).toBe("6h");
    expect(await page.textContent(`${row} .counts`)).toBe("0 done · 0 failed · 0 queued");
    await addWithForm(courier.url("/feed.xml"));
    await addWithForm(courier.url("/export.xml"), "30m");
    await page.waitForFunction(() => document.querySelectorAll("table.watchlist tr.site").length === 3);
    expect(await page.$$eval("table.watchlist tr.site .kind", (tags) => tags.map((t) => t.textContent))).toEqual(["site", "feed", "feed"]);
    expect((await watched()).map((s) => s.interval)).toEqual(["6h", "1h", "30m"]);
  });

  it("shows the server's errors next to the field they name, as text", async () => {
    await addWithForm(IMG_PAYLOAD);
    await page.waitForSelector("[data-field=url] .field-error:not(:empty)");
    expect((await page.textContent("[data-field=url] .field-error"))!.startsWith(`${IMG_PAYLOAD}: not an absolute URL`)).toBe(true);
    expect(await page.textContent("form.watch-form .error")).toContain(IMG_PAYLOAD);
    expect(await page.$$("main img")).toHaveLength(0);
    await addWithForm(courier.url("/feed.xml"), "5 parsecs");
    await page.waitForSelector("[data-field=interval] .field-error:not(:empty)");
    expect(await page.textContent("[data-field=interval] .field-error")).toMatch(/not a duration of at least 1s/);
    expect(await page.textContent("[data-field=url] .field-error")).toBe("");
    expect(await watched()).toHaveLength(3);
    expect(await pwned()).toBeUndefined();
  });

  it("after a monitor pass, shows each site's counts and its failed URLs with their reasons", async () => {
    // The export feed turns into markup after it was added: the pass records that it is no listing.
    courier.route("/export.xml", serve(SCRIPT_LISTING, XML));
    const monitor = openMonitor(path.join(server.dir, "copyquota.db"), { fetcher: { allowPrivate: true, perHostDelayMs: 0, retries: 0 } });
    try {
      await runPass(monitor, { concurrency: 4, leaseMs: 30_000, recheckAfterMs: 86_400_000 });
    } finally {
      await monitor.close();
    }
    await page.reload();
    await page.waitForSelector("tr.failures");
    const [newsId, feedId, exportId] = [await siteId(news.site.url("/")), await siteId(courier.url("/feed.xml")), await siteId(courier.url("/export.xml"))];
    expect(await page.textContent(`tr.site[data-site="${newsId}"] .counts`)).toBe("9 done · 0 failed · 0 queued");
    expect(await page.textContent(`tr.site[data-site="${feedId}"] .counts`)).toBe("1 done · 2 failed (1 to retry) · 1 queued");
    expect(await page.$(`tr.failures[data-site="${newsId}"]`)).toBeNull();

    const feedFailures = await page.$$eval(`tr.failures[data-site="${feedId}"] tbody tr`, (rows) =>
      rows.map((row) => [row.querySelector("a.url")?.textContent, row.querySelector(".reason .tag")?.textContent, row.querySelector(".reason")?.textContent]),
    );
    expect(feedFailures).toHaveLength(2);
    expect(feedFailures).toContainEqual([courier.url("/news/down"), "http_status", expect.stringMatching(/will retry.*HTTP 500/)]);
    expect(feedFailures).toContainEqual([courier.url("/news/closed"), "robots_disallowed", expect.stringMatching(/robots\.txt/)]);
    const exportFailure = await page.textContent(`tr.failures[data-site="${exportId}"] .reason`);
    expect(exportFailure).toContain("not_a_listing");
    expect(exportFailure).toContain("(its root element is <script>)");
    expect(await page.$$("main script, main img")).toHaveLength(0);
    expect(await pwned()).toBeUndefined();
    await page.screenshot({ path: path.join(browser.shotsDir, "watchlist.png"), fullPage: true });
  });

  it("fits a phone: the table of sites and failures scrolls in its own box, never the page", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.reload();
      await page.waitForSelector("tr.failures");
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      expect(await page.$eval("table.watchlist", (table) => getComputedStyle(table).overflowX)).toBe("auto");
    } finally {
      await page.setViewportSize({ width: 1360, height: 900 });
    }
  });

  it("changes a site's schedule, and refuses a bad one in its row", async () => {
    const id = await siteId(news.site.url("/"));
    const row = `tr.site[data-site="${id}"]`;
    await page.fill(`${row} input[name=interval]`, "soon");
    await page.click(`${row} button[type=submit]`);
    await page.waitForSelector(`${row} .field-error:not(:empty)`);
    expect(await page.textContent(`${row} .field-error`)).toMatch(/not a duration/);
    await page.fill(`${row} input[name=interval]`, "30m");
    await page.click(`${row} button[type=submit]`);
    await page.waitForFunction(() => document.querySelector("[role=status]")?.textContent?.includes("is now read every 30m"));
    expect(await page.inputValue(`${row} input[name=interval]`)).toBe("30m");
    const site = (await watched()).find((s) => s.id === id)!;
    expect(site.intervalMs).toBe(1_800_000);
    expect(Date.parse(site.nextPassAt) - Date.parse(site.lastPassAt!)).toBe(1_800_000);
  });

  it("removes a site after asking", async () => {
    const id = await siteId(courier.url("/feed.xml"));
    page.once("dialog", (dialog) => void dialog.dismiss());
    await page.click(`tr.site[data-site="${id}"] button.danger`);
    expect((await watched()).map((s) => s.id)).toContain(id);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.click(`tr.site[data-site="${id}"] button.danger`);
    await page.waitForSelector(`tr.site[data-site="${id}"]`, { state: "detached" });
    expect(await page.textContent("[role=status]")).toBe(`Stopped watching ${courier.url("/feed.xml")}.`);
    expect(await page.$(`tr.failures[data-site="${id}"]`)).toBeNull();
    expect((await watched()).map((s) => s.id)).not.toContain(id);
    expect(browser.errors).toEqual([]);
  });
});
