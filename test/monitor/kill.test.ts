import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMonitor } from "../../src/monitor/open-monitor.ts";
import { addWatch } from "../../src/monitor/manage-watchlist.ts";
import { urlKey } from "../../src/monitor/url-key.ts";
import { indexVestnik, republishedPage, rssFeed, vestnikArticles } from "./articles.ts";
import { BIN, cli } from "./cli.ts";
import type { Site } from "./site-server.ts";
import { HTML, RSS, serve, startSite } from "./site-server.ts";

/** Pages of the site: enough that a kill lands mid-pass, few enough to stay quick. */
const PAGES = 40;
/** Each page answers after this long, so the pass lasts a few seconds and can be caught in the middle. */
const PAGE_DELAY_MS = 60;
/** Page responses the first run gets before it is killed. */
const KILL_AFTER = 12;

describe("kill -9 mid-pass", () => {
  let dir: string;
  let db: string;
  let site: Site;
  const pagePath = (n: number) => `/news/2024/03/${String(n).padStart(2, "0")}/kopiya`;
  const pageRequests = (from = 0) => site.requests.slice(from).filter((r) => r.path.startsWith("/news/"));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-kill-"));
    db = path.join(dir, "copyquota.db");
    const { archive } = vestnikArticles();
    site = await startSite({});
    for (let n = 1; n <= PAGES; n++) {
      const source = archive[n % archive.length]!;
      const html = republishedPage({ title: `${source.title} (${n})`, published: "2024-03-20T10:00:00+05:00", paragraphs: source.paragraphs });
      const answer = serve(html, HTML);
      site.route(pagePath(n), (request, response) => void setTimeout(() => answer(request, response), PAGE_DELAY_MS));
    }
    site.route("/rss.xml", serve(rssFeed(site.url("/"), Array.from({ length: PAGES }, (_, i) => ({ url: site.url(pagePath(i + 1)) }))), RSS));
    const monitor = openMonitor(db, { fetcher: { allowPrivate: true } });
    await indexVestnik(monitor.engine);
    await addWatch(monitor, site.url("/rss.xml"));
    await monitor.close();
  });

  afterAll(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loses no queued URL and repeats nothing done", async () => {
    const args = [BIN, "--db", db, "monitor", "--once", "--allow-private", "--delay", "0", "--concurrency", "2"];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (pageRequests().filter((r) => r.status === 200).length >= KILL_AFTER) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve();
        }
      }, 5);
      child.on("exit", () => (clearInterval(timer), reject(new Error(`the monitor exited before it could be killed:\n${output}`))));
    });
    expect(await exited).toBe("SIGKILL");
    expect(output).not.toMatch(/^pass done/m);

    // What the killed run had committed.
    const monitor = openMonitor(db);
    const doneBefore = new Set<string>();
    for (let n = 1; n <= PAGES; n++) if ((await monitor.urls.get(urlKey(site.url(pagePath(n)))))?.status === "checked") doneBefore.add(pagePath(n));
    expect((await monitor.queue.counts()).leased).toBeGreaterThan(0);
    await monitor.close();
    expect(doneBefore.size).toBeGreaterThan(0);
    expect(doneBefore.size).toBeLessThan(PAGES);

    const firstRunRequests = site.requests.length;
    const feedReads = site.hits("/rss.xml");
    const resumed = await cli(["--db", db, "monitor", "--once", "--allow-private", "--delay", "0"]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`${PAGES - doneBefore.size} page(s) checked`);

    // Repeats nothing: no page done before the kill was fetched again, no page twice after it.
    const refetched = pageRequests(firstRunRequests).map((r) => r.path);
    expect(refetched.filter((p) => doneBefore.has(p))).toEqual([]);
    expect(new Set(refetched).size).toBe(refetched.length);
    expect(site.hits("/rss.xml")).toBe(feedReads);

    // Loses nothing: every page checked, each with exactly one case holding exactly one observation.
    const after = openMonitor(db);
    try {
      for (let n = 1; n <= PAGES; n++) expect((await after.urls.get(urlKey(site.url(pagePath(n)))))?.status, pagePath(n)).toBe("checked");
      const { items } = await after.cases.listCases({}, { limit: 1000, offset: 0 });
      expect(items).toHaveLength(PAGES);
      expect(new Set(items.map((c) => c.candidate.url)).size).toBe(PAGES);
      for (const c of items) expect(await after.cases.observations(c.id)).toHaveLength(1);
      expect(await after.queue.counts()).toEqual({ ready: 0, leased: 0, done: PAGES + 1, failed: 0 });
    } finally {
      await after.close();
    }
  }, 120_000);
});
