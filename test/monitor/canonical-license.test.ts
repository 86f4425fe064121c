import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenMonitor } from "../../src/monitor/open-monitor.ts";
import type { CheckResult } from "../../src/core/types.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { openMonitor } from "../../src/monitor/open-monitor.ts";
import { addWatch } from "../../src/monitor/manage-watchlist.ts";
import { runPass } from "../../src/monitor/run-pass.ts";
import { indexVestnik, republishedPage, rssFeed, vestnikArticles } from "./articles.ts";
import type { Site } from "./site-server.ts";
import { HTML, RSS, serve, startSite } from "./site-server.ts";

const PARTNER_PAGE = "https://partner-media.example/news/2024/03/copy";

/**
 * Issue 12, item 1, through the monitor: a page's identity for licences is where it was fetched from. A reprint
 * that names a licensed partner's page as its canonical is judged as what it is, a page of its own site.
 */
describe("the monitor licenses a page by where it was found, not by the canonical it claims", () => {
  let dir: string;
  let monitor: OpenMonitor;
  let site: Site;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-canonical-"));
    const policy = { ...DEFAULT_POLICY, licenses: [{ domain: "partner-media.example", from: null, until: null, articles: [], lifts: ["cap" as const, "link" as const] }] };
    monitor = openMonitor(path.join(dir, "db.sqlite"), { fetcher: { allowPrivate: true, perHostDelayMs: 0 }, policy });
    await indexVestnik(monitor.engine);
    const { main } = vestnikArticles();
    site = await startSite({});
    site.route("/news/claims-partner", serve(republishedPage({ title: main.title, published: "2024-03-20T10:00:00+05:00", paragraphs: main.paragraphs, canonical: PARTNER_PAGE }), HTML));
    site.route("/rss.xml", serve(rssFeed(site.url("/"), [{ url: site.url("/news/claims-partner") }]), RSS));
    await addWatch(monitor, site.url("/rss.xml"));
    await runPass(monitor, { concurrency: 1, leaseMs: 30_000, recheckAfterMs: 86_400_000 });
  }, 60_000);

  afterAll(async () => {
    await monitor?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens a case for the reprint, its match not licensed, under the URL it was fetched from", async () => {
    const { items } = await monitor.cases.listCases({}, { limit: 10, offset: 0 });
    expect(items.map((c) => c.candidate.url)).toEqual([site.url("/news/claims-partner")]);
    const check = (await monitor.cases.getCheck(items[0]!.lastCheckId))!;
    const result = check.result as CheckResult;
    expect(result.verdict).toBe("violation");
    expect(result.matches[0]!.licensed).toBe(false);
  });
});
