import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MonitorEvent } from "../../src/monitor/events.ts";
import { openMonitor } from "../../src/monitor/open-monitor.ts";
import type { OpenMonitor } from "../../src/monitor/open-monitor.ts";
import { addWatch } from "../../src/monitor/manage-watchlist.ts";
import { runPass } from "../../src/monitor/run-pass.ts";
import { urlKey } from "../../src/monitor/url-key.ts";
import { ownText, republishedPage, rssFeed } from "./articles.ts";
import type { Site } from "./site-server.ts";
import { HTML, RSS, serve, startSite } from "./site-server.ts";

describe("which items a site's first pass checks", () => {
  let dir: string;
  let monitor: OpenMonitor;
  let site: Site;
  const items = { old: "/news/2023/11/old", recent: "/news/2024/03/recent", undated: "/news/undated" };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-cutoff-"));
    monitor = openMonitor(path.join(dir, "db.sqlite"), { fetcher: { allowPrivate: true, perHostDelayMs: 0 } });
    site = await startSite({});
    for (const p of Object.values(items)) site.route(p, serve(republishedPage({ title: `Новость ${p}`, published: "2024-03-01T10:00:00+05:00", paragraphs: ownText() }), HTML));
    const listed = [
      { url: site.url(items.old), date: "2023-11-20T08:00:00Z" },
      { url: site.url(items.recent), date: "2024-03-10T08:00:00Z" },
      { url: site.url(items.undated) },
    ];
    site.route("/all.xml", serve(rssFeed(site.url("/"), listed), RSS));
    site.route("/recent.xml", serve(rssFeed(site.url("/"), listed), RSS));
  });

  afterAll(async () => {
    await monitor?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("checks every item listed, however old, by default; with a cut-off, only items dated on or after it (and undated ones)", async () => {
    await addWatch(monitor, site.url("/all.xml"));
    await runPass(monitor, { concurrency: 2, leaseMs: 30_000, recheckAfterMs: 86_400_000 });
    for (const p of Object.values(items)) expect((await monitor.urls.get(urlKey(site.url(p))))?.status).toBe("checked");

    // A second site listing the same items, watched with a cut-off: the old item is not even queued again.
    const fresh = openMonitor(path.join(dir, "other.sqlite"), { fetcher: { allowPrivate: true, perHostDelayMs: 0 } });
    try {
      await addWatch(fresh, site.url("/recent.xml"), { since: "2024-01-01T00:00:00.000Z" });
      const cut: MonitorEvent[] = [];
      await runPass(fresh, { concurrency: 2, leaseMs: 30_000, recheckAfterMs: 86_400_000, onEvent: (e) => void cut.push(e) });
      expect(cut.find((e) => e.type === "listed")).toMatchObject({ entries: 3, queued: 2, skipped: 1 });
      expect((await fresh.urls.get(urlKey(site.url(items.old))))).toBeNull();
      expect((await fresh.urls.get(urlKey(site.url(items.recent))))?.status).toBe("checked");
      expect((await fresh.urls.get(urlKey(site.url(items.undated))))?.status).toBe("checked");
    } finally {
      await fresh.close();
    }
    expect(site.hits(items.old)).toBe(1);
  });
});
