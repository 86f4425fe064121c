import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Watchlist } from "../../src/monitor/watchlist.ts";
import { openMonitor, type OpenMonitor } from "../../src/monitor/open-monitor.ts";
import { scheduleDue } from "../../src/monitor/schedule.ts";
import { rescheduleWatch } from "../../src/server/reschedule-watch.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const NOW = Date.parse("2026-01-10T09:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

describe("a site rescheduled while the scheduler passes it", () => {
  let dir: string;
  let monitor: OpenMonitor;
  let person: OpenMonitor;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-schedule-race-"));
    const file = path.join(dir, "copyquota.db");
    // Two connections to one file, as the monitor and the server have.
    monitor = openMonitor(file, { now: () => NOW });
    person = openMonitor(file, { now: () => NOW });
  });
  afterEach(async () => {
    await monitor.close();
    await person.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the reschedule made between reading the site as due and marking its pass, queues nothing for it then, and passes it at the next look", async () => {
    const feed = "https://gorportal.example/rss";
    const { site } = await person.watchlist.add({ url: feed, kind: "feed", listings: [feed], intervalMs: HOUR_MS, since: null }, iso(NOW - HOUR_MS));
    // The person's change lands after the scheduler's read of the due sites, before its unit of work.
    const watchlist: Watchlist = Object.create(monitor.watchlist);
    watchlist.due = async (now) => {
      const due = await monitor.watchlist.due(now);
      await rescheduleWatch(person, site.id, DAY_MS, NOW);
      return due;
    };

    expect((await scheduleDue({ ...monitor, watchlist }, { recheckAfterMs: DAY_MS })).sites).toEqual([]);
    expect(await monitor.queue.counts()).toMatchObject({ ready: 0 });
    expect(await monitor.watchlist.get(site.id)).toMatchObject({ intervalMs: DAY_MS, lastPassAt: null, nextPassAt: iso(NOW) });

    expect((await scheduleDue(monitor, { recheckAfterMs: DAY_MS })).sites.map((s) => s.id)).toEqual([site.id]);
    expect(await monitor.queue.counts()).toMatchObject({ ready: 1 });
    expect(await monitor.watchlist.get(site.id)).toMatchObject({ lastPassAt: iso(NOW), nextPassAt: iso(NOW + DAY_MS) });
  });
});
