import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MonitorOverview } from "../../src/server/monitor-status-view.ts";
import type { WatchedSiteView } from "../../src/server/watched-site-view.ts";
import type { RunningServer } from "../../src/server/start.ts";
import { startServer } from "../../src/server/start.ts";
import { openDatabase } from "../../src/io/storage/sqlite-database.ts";
import { SqliteMonitorStatus } from "../../src/monitor/sqlite-monitor-status.ts";
import { thisProcess } from "../../src/monitor/monitor-status.ts";
import { KEY } from "./support.ts";
import { until } from "./until.ts";
import { startNewsSite } from "../monitor/news-site.ts";
import type { NewsSite } from "../monitor/news-site.ts";
import { HTML, RSS, serve, startSite } from "../monitor/site-server.ts";
import type { Site } from "../monitor/site-server.ts";
import { indexVestnik, ownText, republishedPage, rssFeed } from "../monitor/articles.ts";

/**
 * The background monitor of a real `copyquota serve` (startServer, as `npm start` runs it) on a real SQLite
 * file: sites added through the API on loopback are read by it, with no `monitor --once`, and its status is
 * in the API. Issue 14 item 3: a site added in the UI was never read.
 */

let dir: string;
let server: RunningServer;
let closed = false;
let news: NewsSite;
/** A feed whose one page answers only when the test lets it (to catch a pass in progress), and one its robots.txt closes. */
let slow: Site;
let releaseSlowPage: () => void;
const printed: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "copyquota-background-monitor-"));
  news = await startNewsSite();
  slow = await startSite({});
  const released = new Promise<void>((resolve) => (releaseSlowPage = resolve));
  const page = serve(republishedPage({ title: "Жилье в Алматы", published: "2024-03-18T09:00:00+05:00", paragraphs: ownText() }), HTML);
  slow.route("/robots.txt", serve("User-agent: *\nDisallow: /news/closed\n", "text/plain"));
  slow.route("/feed.xml", serve(rssFeed(slow.url("/"), [{ url: slow.url("/news/slow") }, { url: slow.url("/news/closed") }]), RSS));
  slow.route("/news/slow", (request, response) => void released.then(() => page(request, response)));
  slow.route("/other.xml", serve(rssFeed(slow.url("/"), [{ url: slow.url("/news/other") }]), RSS));
  slow.route("/news/other", page);
  server = await startServer({ port: 0, host: "127.0.0.1", dataDir: dir, apiKey: KEY, demo: false, sharedDir: null, allowPrivate: true, print: (line) => void printed.push(line) });
  await indexVestnik(server.stores.engine);
});

afterAll(async () => {
  releaseSlowPage?.();
  if (!closed) await server?.close();
  await Promise.all([news?.site.close(), slow?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const monitorStatus = async () => (await call<MonitorOverview>("GET", "/api/monitor")).body;
const watchedSite = async (id: number) => (await call<WatchedSiteView>("GET", `/api/watchlist/${id}`)).body;
const openCases = async () => (await call<{ total: number }>("GET", "/api/cases?status=open")).body.total;

describe("the background monitor of the server", () => {
  let newsId = 0;

  it("runs from the start, as this process's monitor, recorded in the database", async () => {
    const first = await until(monitorStatus, (status) => status.monitors[0]?.lastPass != null);
    expect(first.monitors).toHaveLength(1);
    expect(first.monitors[0]).toMatchObject({ process: thisProcess(), thisProcess: true, currentPass: null, lastError: null });
    expect(first.monitors[0]!.lastPass).toMatchObject({ sitesDue: 0 });
    expect(first.nextPassAt).toBeNull();
  });

  it("reads a site added through the API and opens its cases, with no monitor --once", async () => {
    const added = await call<{ site: WatchedSiteView }>("POST", "/api/watchlist", { url: news.site.url("/") });
    expect(added.status).toBe(201);
    newsId = added.body.site.id;
    // The copy and the two archive copies of «Деловой вестник» (see news-site.ts).
    await until(openCases, (total) => total === 3);
    const site = await until(() => watchedSite(newsId), (view) => view.counts.queued === 0);
    expect(site.lastPassAt).not.toBeNull();
    expect(site.counts.done).toBeGreaterThanOrEqual(5);
    expect(news.site.hits(new URL(news.copy).pathname)).toBe(1);
    const status = await until(monitorStatus, (overview) => overview.monitors[0]!.lastPass!.sitesDue === 1);
    expect(status.monitors[0]!.lastPass).toMatchObject({ casesOpened: 3 });
    expect(status.nextPassAt).toBe(site.nextPassAt);
  });

  it("shows the pass in progress with its site, then the last pass and the URL that failed; a site added meanwhile is read right after", async () => {
    const added = await call<{ site: WatchedSiteView }>("POST", "/api/watchlist", { url: slow.url("/feed.xml") });
    expect(added.status).toBe(201);
    const id = added.body.site.id;
    const running = await until(monitorStatus, (overview) => overview.monitors[0]!.state === "running");
    expect(running.monitors[0]!.currentPass?.sites).toEqual([id]);
    const other = await call<{ site: WatchedSiteView }>("POST", "/api/watchlist", { url: slow.url("/other.xml") });
    expect(other.status).toBe(201);
    releaseSlowPage();
    const passStarted = running.monitors[0]!.currentPass!.startedAt;
    // The pass's end is on record until the next pass (reading the site added meanwhile) ends.
    const ended = await until(monitorStatus, (overview) => overview.monitors[0]!.lastPass?.startedAt === passStarted);
    const monitor = ended.monitors[0]!;
    expect(monitor.currentPass?.sites ?? []).not.toContain(id);
    expect(monitor.lastPass).toMatchObject({ sitesDue: 1, casesOpened: 0 });
    expect(monitor.lastPass!.events).toMatchObject({ checked: 1, failed: 1 });
    expect(monitor.lastError?.message).toContain(slow.url("/news/closed"));
    expect(Date.parse(monitor.nextLookAt!)).toBeGreaterThan(Date.parse(monitor.lastPass!.finishedAt));
    // Due since it was added, it is read by the next pass, a pause after this one rather than the idle minute.
    await until(() => watchedSite(other.body.site.id), (view) => view.lastPassAt !== null && view.counts.queued === 0);
    expect(slow.hits("/news/other")).toBe(1);
  });

  it("checks a site now: due at once (202), read again by the monitor", async () => {
    const before = await watchedSite(newsId);
    const feedReads = news.site.hits("/rss.xml");
    const checked = await call<WatchedSiteView>("POST", `/api/watchlist/${newsId}/check`);
    expect(checked.status).toBe(202);
    expect(checked.body).toMatchObject({ id: newsId, url: before.url, intervalMs: before.intervalMs, lastPassAt: before.lastPassAt });
    expect(Date.parse(checked.body.nextPassAt)).toBeLessThan(Date.parse(before.nextPassAt));
    const after = await until(() => watchedSite(newsId), (view) => view.lastPassAt !== before.lastPassAt && view.counts.queued === 0);
    expect(Date.parse(after.nextPassAt)).toBe(Date.parse(after.lastPassAt!) + after.intervalMs);
    expect(news.site.hits("/rss.xml")).toBeGreaterThan(feedReads);
    expect(await openCases()).toBe(3);
  });

  it("answers 404 naming a site that is not watched, and changes nothing", async () => {
    const missing = await call<{ error: string; message: string }>("POST", "/api/watchlist/999/check");
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain("watched site 999");
    expect((await call<{ items: WatchedSiteView[] }>("GET", "/api/watchlist")).body.items).toHaveLength(3);
  });

  it("is in the OpenAPI document; a reader sees the monitor, only an editor checks a site now", async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths["/api/monitor"]!)).toEqual(["get"]);
    expect(Object.keys(doc.paths["/api/watchlist/{id}/check"]!)).toEqual(["post"]);
    expect(doc.components.schemas).toHaveProperty("MonitorStatus");
    expect((await fetch(`${server.url}/api/monitor`)).status).toBe(401);
    const { key } = (await call<{ key: string }>("POST", "/api/keys", { name: "reader.aigerim", role: "reader" })).body;
    const asReader = (method: string, route: string) => fetch(`${server.url}${route}`, { method, headers: { authorization: `Bearer ${key}` } });
    expect((await asReader("GET", "/api/monitor")).status).toBe(200);
    expect((await asReader("POST", `/api/watchlist/${newsId}/check`)).status).toBe(403);
  });

  it("forgets its status when the server stops", async () => {
    await server.close();
    closed = true;
    const db = openDatabase(path.join(dir, "copyquota.db"));
    try {
      expect(await new SqliteMonitorStatus(db).list()).toEqual([]);
    } finally {
      db.close();
    }
    expect(printed.some((line) => line.startsWith("monitor:"))).toBe(false);
  });
});
