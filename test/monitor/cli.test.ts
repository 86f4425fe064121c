import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMonitor } from "../../src/monitor/open-monitor.ts";
import { indexVestnik } from "./articles.ts";
import { BIN, cli, jsonl } from "./cli.ts";
import { startNewsSite } from "./news-site.ts";
import type { NewsSite } from "./news-site.ts";

interface ListedCase {
  candidate: { url: string };
  source: { url: string };
  share: number;
  violations: string[];
  status: string;
}

describe("copyquota watch and monitor, through the CLI", () => {
  let dir: string;
  let db: string;
  let news: NewsSite;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-monitor-cli-"));
    db = path.join(dir, "copyquota.db");
    const monitor = openMonitor(db);
    await indexVestnik(monitor.engine);
    await monitor.close();
    news = await startNewsSite();
  });

  afterAll(async () => {
    await news?.site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses loopback and private addresses without --allow-private, naming the URL", async () => {
    const home = news.site.url("/");
    const loopback = await cli(["--db", db, "watch", "add", home]);
    expect(loopback.code).toBe(2);
    expect(loopback.stderr).toContain(home);
    expect(loopback.stderr).toMatch(/127\.0\.0\.1 is not public.*--allow-private/);
    const privateNet = await cli(["--db", db, "watch", "add", "http://10.0.0.1/news/"]);
    expect(privateNet.code).toBe(2);
    expect(privateNet.stderr).toMatch(/http:\/\/10\.0\.0\.1\/.*10\.0\.0\.1 is not public/);
    expect(news.site.requests).toEqual([]);
  });

  it("refuses an interval past 30 days, naming the URL, and stores nothing", async () => {
    const run = await cli(["--db", db, "watch", "add", "--allow-private", "--interval", "99999999d", news.site.url("/")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(news.site.url("/"));
    expect(run.stderr).toMatch(/from 1 s to 30 days/);
    expect(jsonl((await cli(["--db", db, "watch", "list", "--json"])).stdout)).toEqual([]);
  });

  it("watches a site, discovering its feed and sitemap", async () => {
    const added = await cli(["--db", db, "watch", "add", "--allow-private", "--interval", "6h", news.site.url("/")]);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`watching ${news.site.url("/")} (site, every 6h): ${news.site.url("/rss.xml")} ${news.site.url("/sitemap.xml")}`);
    const [site] = jsonl<{ kind: string; listings: string[]; intervalMs: number }>((await cli(["--db", db, "watch", "list", "--json"])).stdout);
    expect(site).toMatchObject({ kind: "site", intervalMs: 6 * 3_600_000, listings: [news.site.url("/rss.xml"), news.site.url("/sitemap.xml")] });
  });

  it("records every URL as refused when the pass runs without --allow-private, and opens no case", async () => {
    const before = news.site.requests.length;
    const run = await cli(["--db", db, "monitor", "--once", "--delay", "0", "--workers", "0"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^failed ${news.site.url("/")} \\[private_address\\]`, "m"));
    expect(run.stdout).toMatch(/^pass done in .*: 1 site\(s\) due/m);
    expect(news.site.requests.length).toBe(before);
    expect(jsonl((await cli(["--db", db, "cases", "list", "--json"])).stdout)).toEqual([]);
  });

  it("checks the site's pages with --allow-private, printing plain lines when piped, and `cases list --json` lists the cases", async () => {
    // Watching the site again makes it due at once.
    expect((await cli(["--db", db, "watch", "add", "--allow-private", news.site.url("/")])).stdout).toMatch(/^updated /);
    const run = await cli(["--db", db, "monitor", "--once", "--allow-private", "--delay", "0", "--workers", "0"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("\r");
    // The feed and the sitemap are read concurrently and list the same pages, so which of them queues a page first varies.
    expect(run.stdout).toMatch(new RegExp(`^listed ${news.site.url("/rss.xml")} \\(feed\\): 3 entries, \\d queued$`, "m"));
    expect(run.stdout).toMatch(new RegExp(`^listed ${news.site.url("/sitemap.xml")} \\(sitemap\\): 7 entries, \\d queued$`, "m"));
    expect(run.stdout).toMatch(/ 5 page\(s\) checked, 0 unchanged, 1 duplicate\(s\)/);
    expect(run.stdout).toMatch(new RegExp(`^checked ${news.excerpt}: compliant$`, "m"));
    expect(run.stdout).toMatch(/^pass done in .* cases: 3 opened, 0 resolved$/m);

    const listed = jsonl<ListedCase>((await cli(["--db", db, "cases", "list", "--json"])).stdout);
    expect(listed).toHaveLength(3);
    for (const c of listed) {
      expect(c.status).toBe("new");
      expect(c.share).toBeGreaterThan(0.3);
      expect(c.violations).toContain("over_quota");
      expect(c.source.url).toMatch(/^https:\/\/vestnik-delovoy\.example\/news\//);
    }
    expect(listed.map((c) => c.candidate.url).sort()).toEqual(
      expect.arrayContaining(news.archiveCopies),
    );

  });

  it("runs in the foreground, a pass whenever something is due, until interrupted", async () => {
    expect((await cli(["--db", db, "watch", "add", "--allow-private", news.site.url("/")])).code).toBe(0);
    const child = spawn(process.execPath, [BIN, "--db", db, "monitor", "--allow-private", "--delay", "0", "--workers", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", () => /^pass done/m.test(output) && resolve());
      child.on("exit", () => reject(new Error(`the monitor exited before its first pass:\n${output}`)));
    });
    expect(output).toMatch(/^pass done in .*: 1 site\(s\) due/m);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(output).toContain("stopping after the jobs in hand");
  });

  it("stops watching a site by URL or id, and says so for one it does not watch", async () => {
    const removed = await cli(["--db", db, "watch", "remove", news.site.url("/"), "17"]);
    expect(removed.code).toBe(2);
    expect(removed.stdout).toBe(`removed ${news.site.url("/")}\n`);
    expect(removed.stderr).toContain("watch remove 17: no such watched site");
    const bad = await cli(["--db", db, "watch", "add", "--interval", "sometimes", news.site.url("/")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--interval "sometimes": not a duration');
  });
}, 120_000);
