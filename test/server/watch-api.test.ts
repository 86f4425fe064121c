import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WatchedSiteView, WatchFailureView } from "../../src/server/watched-site-view.ts";
import { openAppStores } from "../../src/server/app-stores.ts";
import { buildServer } from "../../src/server/app.ts";
import { ensureAdminKey } from "../../src/server/auth/admin-key.ts";
import { createFetcher } from "../../src/io/fetch/http-fetcher.ts";
import { openMonitor } from "../../src/monitor/open-monitor.ts";
import { runPass } from "../../src/monitor/run-pass.ts";
import { KEY, startTestServer } from "./support.ts";
import type { TestServer } from "./support.ts";
import { startNewsSite } from "../monitor/news-site.ts";
import type { NewsSite } from "../monitor/news-site.ts";
import { HTML, RSS, XML, serve, startSite } from "../monitor/site-server.ts";
import type { Site } from "../monitor/site-server.ts";
import { ownText, republishedPage, rssFeed, sitemap } from "../monitor/articles.ts";

/**
 * The watchlist over real HTTP: a test server (its fetcher may reach loopback) watching fixture sites on
 * 127.0.0.1; a monitor pass on the same database file, as the server's background scheduler would run it.
 */

let server: TestServer;
let news: NewsSite;
/** «Степной курьер»: a feed with a page that answers 500, one its robots.txt closes and one that is fine; a sitemap; and URLs that are no site to watch. */
let flaky: Site;

type SiteAnswer = { site: WatchedSiteView; replaced: boolean };
type ErrorAnswer = { error: string; message: string; reason?: string; status?: number; issues: { path: string; message: string }[] };

const page = (title: string) => serve(republishedPage({ title, published: "2024-03-18T09:00:00+05:00", paragraphs: ownText() }), HTML);

beforeAll(async () => {
  server = await startTestServer();
  news = await startNewsSite();
  flaky = await startSite({});
  flaky.route("/robots.txt", serve("User-agent: *\nDisallow: /news/closed\n", "text/plain"));
  flaky.route("/feed.xml", serve(rssFeed(flaky.url("/"), [{ url: flaky.url("/news/down") }, { url: flaky.url("/news/closed") }, { url: flaky.url("/news/fine") }]), RSS));
  flaky.route("/sitemap.xml", serve(sitemap([{ url: flaky.url("/news/other") }]), XML));
  flaky.route("/news/down", (_request, response) => void response.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error"));
  flaky.route("/news/closed", page("Закрытая новость"));
  flaky.route("/news/fine", page("Жилье в Алматы"));
  flaky.route("/news/other", page("Еще одна новость"));
  flaky.route("/plain", serve(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Курьер</title></head><body><p>Без ленты.</p></body></html>`, HTML));
  flaky.route("/note.xml", serve(`<?xml version="1.0"?><note><to>Редакция</to></note>`, XML));
});

afterAll(async () => {
  await server?.close();
  await Promise.all([news?.site.close(), flaky?.close()]);
});

async function watched(): Promise<WatchedSiteView[]> {
  const { status, body } = await server.call<{ items: WatchedSiteView[] }>("GET", "/api/watchlist");
  expect(status).toBe(200);
  return body.items;
}

describe("the watchlist API", () => {
  let siteId = 0;
  let feedId = 0;
  let sitemapId = 0;

  it("is in the OpenAPI document, and needs the key", async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths["/api/watchlist"]!)).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(doc.paths["/api/watchlist/{id}"]!)).toEqual(expect.arrayContaining(["get", "delete"]));
    expect(Object.keys(doc.paths["/api/watchlist/{id}/schedule"]!)).toEqual(["put"]);
    expect(Object.keys(doc.paths["/api/watchlist/{id}/failures"]!)).toEqual(["get"]);
    expect(doc.components.schemas).toHaveProperty("WatchedSite");
    expect(doc.components.schemas).toHaveProperty("WatchFailure");
    expect((await fetch(`${server.url}/api/watchlist`)).status).toBe(401);
    const post = await fetch(`${server.url}/api/watchlist`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url: news.site.url("/") }) });
    expect(post.status).toBe(401);
    expect(await watched()).toEqual([]);
  });

  it("watches a site: its feed and sitemap are discovered, and it is due at once", async () => {
    const before = Date.now();
    const { status, body } = await server.call<SiteAnswer>("POST", "/api/watchlist", { url: news.site.url("/") });
    expect(status).toBe(201);
    expect(body.replaced).toBe(false);
    expect(body.site).toMatchObject({
      url: news.site.url("/"),
      kind: "site",
      listings: [news.site.url("/rss.xml"), news.site.url("/sitemap.xml")],
      interval: "1h",
      intervalMs: 3_600_000,
      since: null,
      lastPassAt: null,
      counts: { done: 0, failed: 0, queued: 0 },
    });
    expect(Date.parse(body.site.nextPassAt)).toBeGreaterThanOrEqual(before - 1_000);
    expect(Date.parse(body.site.nextPassAt)).toBeLessThanOrEqual(Date.now());
    siteId = body.site.id;
    const one = await server.call<WatchedSiteView>("GET", `/api/watchlist/${siteId}`);
    expect(one.body).toEqual(body.site);
    expect((await server.call("GET", "/api/watchlist/999")).status).toBe(404);
  });

  it("watches a feed and a sitemap with a schedule and a date cut-off; watching a URL again updates it", async () => {
    const feed = await server.call<SiteAnswer>("POST", "/api/watchlist", { url: flaky.url("/feed.xml"), interval: "6h" });
    expect(feed.status).toBe(201);
    expect(feed.body.site).toMatchObject({ kind: "feed", listings: [flaky.url("/feed.xml")], intervalMs: 6 * 3_600_000, interval: "6h" });
    feedId = feed.body.site.id;
    const map = await server.call<SiteAnswer>("POST", "/api/watchlist", { url: flaky.url("/sitemap.xml"), since: "2024-03-01" });
    expect(map.status).toBe(201);
    expect(map.body.site).toMatchObject({ kind: "sitemap", since: "2024-03-01T00:00:00.000Z" });
    sitemapId = map.body.site.id;
    const again = await server.call<SiteAnswer>("POST", "/api/watchlist", { url: news.site.url("/"), interval: "2h" });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replaced: true, site: { id: siteId, intervalMs: 7_200_000, interval: "2h" } });
    expect((await watched()).map((s) => [s.id, s.kind])).toEqual([
      [siteId, "site"],
      [feedId, "feed"],
      [sitemapId, "sitemap"],
    ]);
  });

  it("refuses what it cannot watch, naming the field and the problem, and adds nothing", async () => {
    const refused = async (body: unknown, status: number) => {
      const answer = await server.call<ErrorAnswer>("POST", "/api/watchlist", body);
      expect(answer.status).toBe(status);
      return answer.body;
    };
    expect((await refused({}, 400)).issues.map((i) => i.path)).toEqual(["body.url"]);
    const relative = await refused({ url: "news.example.kz" }, 400);
    expect(relative.message).toMatch(/^url: news\.example\.kz: not an absolute URL/);
    expect(relative.issues).toEqual([{ path: "body.url", message: expect.stringMatching(/not an absolute URL/) }]);
    expect((await refused({ url: "ftp://news.example.kz/feed.xml" }, 400)).message).toMatch(/^url: .*only http and https/);
    const interval = await refused({ url: flaky.url("/feed.xml"), interval: "5 parsecs" }, 400);
    expect(interval.issues).toEqual([{ path: "body.interval", message: expect.stringMatching(/not a duration of at least 1s/) }]);
    expect((await refused({ url: flaky.url("/feed.xml"), interval: "90d" }, 400)).message).toMatch(/^interval: .*at most 30d/);
    expect((await refused({ url: flaky.url("/feed.xml"), since: "yesterday" }, 400)).issues.map((i) => i.path)).toEqual(["body.since"]);
    expect((await refused({ url: flaky.url("/plain") }, 400)).message).toMatch(/^url: .*\/plain: the site announces no feed .* and its robots\.txt names no sitemap/);
    expect((await refused({ url: flaky.url("/note.xml") }, 400)).message).toMatch(/^url: .*note\.xml is neither a feed nor a sitemap \(its root element is <note>\)/);
    const missing = await refused({ url: flaky.url("/missing") }, 422);
    expect(missing).toMatchObject({ error: "fetch_failed", reason: "http_status", status: 404, issues: [{ path: "body.url" }] });
    expect(missing.message).toMatch(/^url: Fetching .*\/missing failed/);
    expect(await watched()).toHaveLength(3);
  });

  it("refuses loopback and private addresses when the server does not allow them", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "copyquota-watch-guarded-"));
    const fetcher = createFetcher({ retries: 0 });
    const stores = openAppStores(path.join(dir, "copyquota.db"), { fetcher });
    await ensureAdminKey(stores.auth, KEY);
    const app = await buildServer(stores, { webUi: false });
    const seen = news.site.requests.length;
    try {
      const url = await app.listen({ port: 0, host: "127.0.0.1" });
      const headers = { authorization: `Bearer ${KEY}`, "content-type": "application/json" };
      for (const target of [news.site.url("/"), "http://10.0.0.1/rss.xml"]) {
        const response = await fetch(`${url}/api/watchlist`, { method: "POST", headers, body: JSON.stringify({ url: target }) });
        expect(response.status).toBe(422);
        const body = (await response.json()) as ErrorAnswer;
        expect(body).toMatchObject({ error: "fetch_failed", reason: "private_address" });
        expect(body.message).toMatch(/--allow-private/);
      }
      // Refused after resolving the address, before connecting: the site saw no request.
      expect(news.site.requests.length).toBe(seen);
      const list = (await (await fetch(`${url}/api/watchlist`, { headers })).json()) as { items: unknown[] };
      expect(list.items).toEqual([]);
    } finally {
      await app.close();
      await fetcher.close();
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("changes a site's schedule, refusing a bad interval by name", async () => {
    const changed = await server.call<WatchedSiteView>("PUT", `/api/watchlist/${sitemapId}/schedule`, { interval: "30m" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: sitemapId, interval: "30m", intervalMs: 1_800_000, since: "2024-03-01T00:00:00.000Z", listings: [flaky.url("/sitemap.xml")], lastPassAt: null });
    // Never read yet: it stays due at once.
    expect(Date.parse(changed.body.nextPassAt)).toBeLessThanOrEqual(Date.now());
    const bad = await server.call<ErrorAnswer>("PUT", `/api/watchlist/${sitemapId}/schedule`, { interval: "soon" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path)).toEqual(["body.interval"]);
    expect((await server.call("PUT", "/api/watchlist/999/schedule", { interval: "1h" })).status).toBe(404);
  });

  it("after a monitor pass, shows each site's last pass, its URL counts, and each failure with its reason", async () => {
    const monitor = openMonitor(path.join(server.dir, "copyquota.db"), { fetcher: { allowPrivate: true, perHostDelayMs: 0, retries: 0 } });
    try {
      await runPass(monitor, { concurrency: 4, leaseMs: 30_000, recheckAfterMs: 86_400_000 });
    } finally {
      await monitor.close();
    }
    const sites = new Map((await watched()).map((s) => [s.id, s]));
    for (const site of sites.values()) expect(site.lastPassAt).not.toBeNull();
    const newsSite = sites.get(siteId)!;
    // Its home page, feed and sitemap read; its six pages checked or found to be duplicates (the sitemap's
    // seventh entry is a page's URL with a tracking parameter: the same page).
    expect(newsSite.counts).toEqual({ done: 9, failed: 0, queued: 0 });
    expect(newsSite.urls).toMatchObject({ listed: 3, failed: 0 });
    const feed = sites.get(feedId)!;
    // The feed and the fine page done; the 500 waits for its retry, robots.txt closed the other page for good.
    expect(feed.counts).toEqual({ done: 2, failed: 2, queued: 1 });
    expect(feed.urls).toMatchObject({ retrying: 1, failed: 1 });
    expect(sites.get(sitemapId)!.counts).toEqual({ done: 2, failed: 0, queued: 0 });

    const failures = await server.call<{ total: number; items: WatchFailureView[] }>("GET", `/api/watchlist/${feedId}/failures`);
    expect(failures.status).toBe(200);
    expect(failures.body.total).toBe(2);
    const byUrl = new Map(failures.body.items.map((f) => [f.url, f]));
    expect(byUrl.get(flaky.url("/news/down"))).toMatchObject({ role: "page", status: "retrying", httpStatus: 500, reason: expect.stringMatching(/^http_status: .*HTTP 500/) });
    expect(byUrl.get(flaky.url("/news/closed"))).toMatchObject({ role: "page", status: "failed", reason: expect.stringMatching(/^robots_disallowed: /) });
    const first = await server.call<{ total: number; items: WatchFailureView[] }>("GET", `/api/watchlist/${feedId}/failures?limit=1`);
    expect(first.body).toMatchObject({ total: 2, items: [failures.body.items[0]] });
    expect((await server.call<{ total: number }>("GET", `/api/watchlist/${siteId}/failures`)).body.total).toBe(0);
    expect((await server.call("GET", "/api/watchlist/999/failures")).status).toBe(404);

    // Read once now: the next pass comes one new interval after the last.
    const rescheduled = await server.call<WatchedSiteView>("PUT", `/api/watchlist/${feedId}/schedule`, { interval: "3h" });
    expect(Date.parse(rescheduled.body.nextPassAt) - Date.parse(rescheduled.body.lastPassAt!)).toBe(3 * 3_600_000);
    expect(rescheduled.body.lastPassAt).toBe(feed.lastPassAt);
  });

  it("stops watching a site: its queued jobs are dropped, what it found stays", async () => {
    const removed = await server.call<{ removed: number; url: string }>("DELETE", `/api/watchlist/${feedId}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ removed: feedId, url: flaky.url("/feed.xml") });
    expect((await watched()).map((s) => s.id)).toEqual([siteId, sitemapId]);
    expect((await server.stores.watch.queue.queuedPerSite()).has(feedId)).toBe(false);
    expect((await server.call("GET", `/api/watchlist/${feedId}`)).status).toBe(404);
    expect((await server.call("DELETE", `/api/watchlist/${feedId}`)).status).toBe(404);
  });

  it("from the UI's session, changes the watchlist only with the session's CSRF token", async () => {
    const login = await fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: KEY }) });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const put = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/watchlist/${siteId}/schedule`, { method: "PUT", headers: { cookie, "content-type": "application/json", ...headers }, body: JSON.stringify({ interval: "12h" }) });
    expect((await put({})).status).toBe(403);
    expect((await put({ "x-csrf-token": "not-the-token" })).status).toBe(403);
    expect((await put({ "x-csrf-token": csrfToken })).status).toBe(200);
    const list = await fetch(`${server.url}/api/watchlist`, { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: WatchedSiteView[] }).items.find((s) => s.id === siteId)?.interval).toBe("12h");
  });
});
