import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PassSummary } from "../../src/monitor/events.ts";
import { openMonitor } from "../../src/monitor/open-monitor.ts";
import { addWatch } from "../../src/monitor/manage-watchlist.ts";
import { startScheduler } from "../../src/monitor/scheduler.ts";
import { indexVestnik, republishedPage, rssFeed, vestnikArticles } from "./articles.ts";
import type { Site } from "./site-server.ts";
import { HTML, RSS, serve, startSite } from "./site-server.ts";

describe("the background scheduler", () => {
  let dir: string;
  let db: string;
  let sites: Site[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-scheduler-"));
    db = path.join(dir, "copyquota.db");
    const { archive } = vestnikArticles();
    sites = [];
    for (const i of [0, 1]) {
      const site = await startSite({});
      site.route("/news/1", serve(republishedPage({ title: archive[i]!.title, published: "2024-03-20T10:00:00+05:00", paragraphs: archive[i]!.paragraphs }), HTML));
      site.route("/rss.xml", serve(rssFeed(site.url("/"), [{ url: site.url("/news/1") }]), RSS));
      sites.push(site);
    }
    const monitor = openMonitor(db);
    await indexVestnik(monitor.engine);
    await monitor.close();
  });

  afterAll(async () => {
    await Promise.all(sites.map((site) => site.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs passes on its own, notices a site watched meanwhile by another process, and stops cleanly", async () => {
    const passes: PassSummary[] = [];
    const watcher = openMonitor(db, { fetcher: { allowPrivate: true } });
    await addWatch(watcher, sites[0]!.url("/rss.xml"));
    const scheduler = await startScheduler({ database: db, fetcher: { allowPrivate: true, perHostDelayMs: 0 }, idleMs: 300, onPass: (summary) => void passes.push(summary) });
    try {
      await until(() => passes.some((p) => p.casesOpened === 1));
      // Watched while the scheduler runs, through another connection (as the CLI or the API would).
      await addWatch(watcher, sites[1]!.url("/rss.xml"));
      await until(() => passes.reduce((sum, p) => sum + p.casesOpened, 0) === 2);
    } finally {
      await watcher.close();
      const stopping = Date.now();
      await scheduler.stop();
      expect(Date.now() - stopping).toBeLessThan(2_000);
    }
    const after = openMonitor(db);
    const { items } = await after.cases.listCases({}, { limit: 10, offset: 0 });
    await after.close();
    expect(items.map((c) => c.candidate.url).sort()).toEqual(sites.map((s) => s.url("/news/1")).sort());
    expect(sites.map((s) => s.hits("/news/1"))).toEqual([1, 1]);
  }, 30_000);
});

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the scheduler");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
