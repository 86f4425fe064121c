import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenMonitor } from "../../src/monitor/open-monitor.ts";
import type { MonitorEvent, PassSummary } from "../../src/monitor/events.ts";
import type { Case } from "../../src/cases/case.ts";
import { openMonitor } from "../../src/monitor/open-monitor.ts";
import { addWatch } from "../../src/monitor/manage-watchlist.ts";
import { runPass } from "../../src/monitor/run-pass.ts";
import { urlKey } from "../../src/monitor/url-key.ts";
import { indexVestnik } from "./articles.ts";
import { startNewsSite } from "./news-site.ts";
import type { NewsSite } from "./news-site.ts";
import { startHostileSites } from "./hostile-sites.ts";
import { MAX_INDEX_DEPTH } from "../../src/io/sitemap-limits.ts";
import type { HostileSite } from "./hostile-sites.ts";
import { HTML, RSS, serve } from "./site-server.ts";
import { republishedPage, rssFeed, vestnikArticles } from "./articles.ts";

/**
 * The fetcher as the tests run it: the fixture sites live on 127.0.0.1, which alone is let through the SSRF
 * guard (so links to other private addresses are still refused); no politeness delay; short timeouts so the
 * slow site fails in about a second; one quick retry.
 */
const FETCHER = { privateAddressAllowList: ["127.0.0.1"], perHostDelayMs: 0, headersTimeoutMs: 700, bodyTimeoutMs: 1_000, retries: 1, retryBaseDelayMs: 10 };

describe("a monitor pass over a well-behaved site and hostile ones", () => {
  let dir: string;
  let monitor: OpenMonitor;
  let clock: number;
  let news: NewsSite;
  let hostile: HostileSite[];
  let first: PassSummary;
  const events: MonitorEvent[] = [];
  const pass = () => runPass(monitor, { concurrency: 4, leaseMs: 30_000, recheckAfterMs: 86_400_000, onEvent: (e) => void events.push(e) });
  const openCases = async (): Promise<Case[]> => (await monitor.cases.listCases({}, { limit: 100, offset: 0 })).items;
  const state = async (url: string) => monitor.urls.get(urlKey(url));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-monitor-"));
    clock = Date.parse("2024-03-20T10:00:00Z");
    // Two analyzer threads: pages and their failures cross the thread boundary as in `copyquota monitor`.
    monitor = openMonitor(path.join(dir, "db.sqlite"), { fetcher: FETCHER, now: () => clock, workers: 2 });
    await indexVestnik(monitor.engine);
    [news, hostile] = await Promise.all([startNewsSite(), startHostileSites()]);
    const added = await addWatch(monitor, news.site.url("/"));
    expect(added.site.kind).toBe("site");
    expect(added.site.listings).toEqual([news.site.url("/rss.xml"), news.site.url("/sitemap.xml")]);
    for (const site of hostile) expect((await addWatch(monitor, site.feed)).site.kind).toBe(site.name === "endless sitemap index" ? "sitemap" : "feed");
    first = await pass();
  }, 60_000);

  afterAll(async () => {
    await monitor?.close();
    await Promise.all([news?.site.close(), ...(hostile ?? []).map((h) => h.site.close())]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens a case, with evidence, for each violating page of the news site", async () => {
    const cases = await openCases();
    const mainSource = news.sources[news.copy]!;
    const mainCases = cases.filter((c) => c.source.url === mainSource);
    // The copy and its print edition are one page: whichever was checked first holds the case.
    expect(mainCases).toHaveLength(1);
    expect([news.copy, news.print]).toContain(mainCases[0]!.candidate.url);
    expect(mainCases[0]!.violations).toEqual(expect.arrayContaining(["over_quota", "missing_link"]));
    for (const url of news.archiveCopies) {
      const found = cases.filter((c) => c.candidate.url === url);
      expect(found.map((c) => c.source.url)).toEqual([news.sources[url]]);
      expect(found[0]!.status).toBe("new");
    }
    const check = await monitor.cases.getCheck(mainCases[0]!.lastCheckId);
    const bytes = await monitor.evidence.body(check!.evidenceSha256);
    expect(new TextDecoder().decode(bytes!)).toContain("<article>");
    const capture = (await monitor.evidence.capturesOf(check!.evidenceSha256))[0]!;
    expect(capture).toMatchObject({ origin: "fetched", status: 200, url: mainCases[0]!.candidate.url });
    expect(capture.headers.etag).toBeTruthy();
  });

  it("checks compliant and unrelated pages without opening cases, and dedupes other spellings of a page", async () => {
    expect(await state(news.excerpt)).toMatchObject({ status: "checked", verdict: "compliant" });
    expect(await state(news.own)).toMatchObject({ status: "checked", verdict: "no_reuse" });
    const variants = [await state(news.copy), await state(news.print)];
    expect(variants.map((s) => s?.status).sort()).toEqual(["checked", "duplicate"]);
    expect(variants.find((s) => s?.status === "duplicate")!.reason).toMatch(/^same_canonical: /);
    // The tracked URL is the copy's URL: it was never fetched under its own spelling.
    expect(news.site.hits(new URL(news.tracked).pathname + new URL(news.tracked).search)).toBe(0);
    const pagePaths = [news.copy, news.print, news.excerpt, news.own, ...news.archiveCopies].map((u) => new URL(u).pathname);
    for (const p of pagePaths) expect(news.site.hits(p)).toBe(1);
  });

  it("records each hostile URL's failure with its reason, and still checks the good pages on those sites", async () => {
    for (const site of hostile) {
      for (const [url, reason] of Object.entries(site.failures)) {
        const found = await state(url);
        expect(found, `${site.name}: ${url}`).not.toBeNull();
        expect(found!.status, `${site.name}: ${url}`).toMatch(/^(failed|retrying)$/);
        expect(found!.reason, `${site.name}: ${url}`).toMatch(new RegExp(`^${reason}: `));
      }
      for (const [url, source] of Object.entries(site.cases)) {
        const cases = (await openCases()).filter((c) => c.candidate.url === url);
        expect(cases.map((c) => c.source.url), `${site.name}: ${url}`).toEqual([source]);
      }
    }
    const failing = hostile.find((h) => h.name === "failing")!;
    expect(await state(failing.site.url("/news/down"))).toMatchObject({ status: "retrying", httpStatus: 500 });
    expect(await state(hostile.find((h) => h.name === "robots")!.site.url("/news/closed"))).toMatchObject({ status: "failed" });
    expect(await state(hostile.find((h) => h.name === "sloppy XML")!.feed)).toMatchObject({ status: "listed", reason: expect.stringMatching(/^malformed_xml: /) });
    // The chain of indexes is read down to the depth `sources add` allows, and no further (`watch add` read the first).
    const chain = hostile.find((h) => h.name === "endless sitemap index")!.site;
    expect([...new Set(chain.requests.map((r) => r.path).filter((p) => p.startsWith("/idx/")))]).toEqual(Array.from({ length: MAX_INDEX_DEPTH + 1 }, (_, n) => `/idx/${n}.xml`));
    expect(first.events.failed).toBeGreaterThanOrEqual(10);
    expect(events.filter((e) => e.type === "failed").map((e) => (e as { reason: string }).reason)).not.toContain("internal_error");
  });

  it("refetches nothing on a pass before anything is due", async () => {
    const before = news.site.requests.length;
    const summary = await pass();
    expect(summary.sitesDue).toBe(0);
    expect(summary.events).toMatchObject({ checked: 0, listed: 0, failed: 0 });
    expect(news.site.requests.length).toBe(before);
  });

  it("on the next scheduled pass reads the listings conditionally (304) and fetches no page already checked", async () => {
    clock += 2 * 3_600_000;
    const seen = news.site.requests.length;
    const summary = await pass();
    expect(summary.sitesDue).toBe(hostile.length + 1);
    const later = news.site.requests.slice(seen);
    expect(later.filter((r) => r.path === "/rss.xml" || r.path === "/sitemap.xml").map((r) => r.status)).toEqual([304, 304]);
    expect(later.filter((r) => r.path.startsWith("/news/") || r.path.startsWith("/print/"))).toEqual([]);
  });

  it("retries a failed page once its server recovers, and picks up a new item", async () => {
    const failing = hostile.find((h) => h.name === "failing")!;
    const { archive } = vestnikArticles();
    failing.site.route("/news/down", serve(republishedPage({ title: archive[8]!.title, published: "2024-03-08T10:00:00+05:00", paragraphs: archive[8]!.paragraphs }), HTML));
    const fresh = news.site.url("/news/2024/03/20/strahovanie");
    news.site.route(new URL(fresh).pathname, serve(republishedPage({ title: archive[9]!.title, published: "2024-03-20T09:00:00+05:00", paragraphs: archive[9]!.paragraphs }), HTML));
    news.site.route("/rss.xml", serve(rssFeed(news.site.url("/"), [{ url: fresh, date: "2024-03-20T09:00:00Z" }, { url: news.copy }, { url: news.excerpt }]), RSS));
    clock += 2 * 3_600_000;
    await pass();
    expect(await state(failing.site.url("/news/down"))).toMatchObject({ status: "checked", verdict: "violation" });
    const cases = await openCases();
    expect(cases.filter((c) => c.candidate.url === failing.site.url("/news/down")).map((c) => c.source.url)).toEqual([archive[8]!.url]);
    expect(cases.filter((c) => c.candidate.url === fresh).map((c) => c.source.url)).toEqual([archive[9]!.url]);
    expect(news.site.hits(new URL(fresh).pathname)).toBe(1);
    expect(news.site.hits(new URL(news.copy).pathname)).toBe(1);
  });
});
