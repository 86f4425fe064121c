import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMonitor } from "../../src/monitor/open-monitor.ts";
import { addWatch, makeDueNow } from "../../src/monitor/manage-watchlist.ts";
import { startScheduler } from "../../src/monitor/scheduler.ts";
import { SqliteMonitorStatus } from "../../src/monitor/sqlite-monitor-status.ts";
import { openDatabase } from "../../src/io/storage/sqlite-database.ts";
import { HTML, RSS, serve, startSite } from "./site-server.ts";
import type { Site } from "./site-server.ts";
import { ownText, republishedPage, rssFeed } from "./articles.ts";

/**
 * The scheduler's `wake`: with an idle time of an hour, only a wake makes it read a site watched or made due
 * after its first pass. Its `onPass` is left out, as the server leaves it out (issue 14 item 3: the pass
 * was then never run).
 */
describe("waking the scheduler", () => {
  let dir: string;
  let db: string;
  let site: Site;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-scheduler-wake-"));
    db = path.join(dir, "copyquota.db");
    site = await startSite({});
    site.route("/news/1", serve(republishedPage({ title: "Жилье в Алматы", published: "2024-03-20T10:00:00+05:00", paragraphs: ownText() }), HTML));
    site.route("/rss.xml", serve(rssFeed(site.url("/"), [{ url: site.url("/news/1") }]), RSS));
  });

  afterAll(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads a site watched after its first pass at once when woken, and again when it is made due now", async () => {
    const watcher = openMonitor(db, { fetcher: { allowPrivate: true } });
    const statusDb = openDatabase(db);
    const statuses = new SqliteMonitorStatus(statusDb);
    const scheduler = await startScheduler({ database: db, fetcher: { allowPrivate: true, perHostDelayMs: 0 }, idleMs: 3_600_000 });
    const lastPassAt = async () => (await watcher.watchlist.get(site.url("/rss.xml")))?.lastPassAt ?? null;
    try {
      // The first pass, at start, finds nothing due; the scheduler then sleeps for the idle hour.
      await until(async () => (await statuses.list())[0]?.lastPass != null);
      const { site: watched } = await addWatch(watcher, site.url("/rss.xml"));
      scheduler.wake();
      await until(async () => site.hits("/news/1") === 1 && (await lastPassAt()) !== null);
      const first = await lastPassAt();
      const feedReads = site.hits("/rss.xml");
      await makeDueNow(watcher, watched.id);
      scheduler.wake();
      await until(async () => (await lastPassAt()) !== first && site.hits("/rss.xml") > feedReads);
      expect((await statuses.list())[0]?.lastError).toBeNull();
      await scheduler.stop();
      expect(await statuses.list()).toEqual([]);
    } finally {
      await watcher.close();
      await scheduler.stop();
      statusDb.close();
    }
  }, 60_000);
});

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the scheduler");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
