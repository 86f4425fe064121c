import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenMonitor } from "../../src/monitor/open-monitor.ts";
import { openMonitor } from "../../src/monitor/open-monitor.ts";
import { addWatch } from "../../src/monitor/manage-watchlist.ts";
import { runPass } from "../../src/monitor/run-pass.ts";
import { urlKey } from "../../src/monitor/url-key.ts";
import { MAX_RETRY_AFTER_MS, retryAt } from "../../src/monitor/failure.ts";
import { indexVestnik, republishedPage, rssFeed, vestnikArticles } from "./articles.ts";
import type { Site } from "./site-server.ts";
import { HTML, RSS, serve, startSite } from "./site-server.ts";

/** The delay the rate-limited site asks for: far past what a fetch waits out itself, so the monitor must schedule it. */
const RETRY_AFTER_S = 120;

describe("a page answered with 429 and Retry-After", () => {
  const { archive } = vestnikArticles();
  let dir: string;
  let monitor: OpenMonitor;
  let clock: number;
  let site: Site;
  let limited = true;
  const page = "/news/limited";
  const pass = () => runPass(monitor, { concurrency: 2, leaseMs: 30_000, recheckAfterMs: 86_400_000 });
  const state = () => monitor.urls.get(urlKey(site.url(page)));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-retry-after-"));
    clock = Date.parse("2024-03-20T10:00:00Z");
    monitor = openMonitor(path.join(dir, "db.sqlite"), { fetcher: { allowPrivate: true, perHostDelayMs: 0, retries: 1, retryBaseDelayMs: 10 }, now: () => clock });
    await indexVestnik(monitor.engine);
    site = await startSite({});
    const article = serve(republishedPage({ title: archive[1]!.title, published: "2024-03-20T10:00:00+05:00", paragraphs: archive[1]!.paragraphs }), HTML);
    site.route(page, (request, response) => {
      if (limited) response.writeHead(429, { "content-type": "text/plain", "retry-after": String(RETRY_AFTER_S) }).end("slow down");
      else article(request, response);
    });
    site.route("/feed.xml", serve(rssFeed(site.url("/"), [{ url: site.url(page) }]), RSS));
    await addWatch(monitor, site.url("/feed.xml"), { intervalMs: 86_400_000 });
  }, 30_000);

  afterAll(async () => {
    await monitor?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is not failed for good: it waits for a retry when the server asked, with the reason", async () => {
    const summary = await pass();
    expect(site.hits(page)).toBe(1);
    expect(summary.retrying).toBe(1);
    expect(await state()).toMatchObject({ status: "retrying", httpStatus: 429, reason: expect.stringMatching(new RegExp(`^http_status: .*HTTP 429 and asked us to retry after ${RETRY_AFTER_S} s`)) });
    expect(await monitor.queue.nextDueAt()).toBe(clock + RETRY_AFTER_S * 1000);
  });

  it("is not fetched again before that time", async () => {
    limited = false;
    clock += (RETRY_AFTER_S / 2) * 1000;
    await pass();
    expect(site.hits(page)).toBe(1);
  });

  it("is fetched and checked once the delay has passed", async () => {
    clock += RETRY_AFTER_S * 1000;
    await pass();
    expect(site.hits(page)).toBe(2);
    expect(await state()).toMatchObject({ status: "checked", verdict: "violation" });
    const cases = (await monitor.cases.listCases({}, { limit: 10, offset: 0 })).items;
    expect(cases.map((c) => [c.candidate.url, c.source.url])).toEqual([[site.url(page), archive[1]!.url]]);
  });

  it("bounds the delay it honours", () => {
    const failure = { reason: "http_status", message: "HTTP 503", transient: true, retryAfterMs: 10 * 365 * 86_400_000 };
    expect(retryAt(failure, 1, 0)).toBe(MAX_RETRY_AFTER_MS);
  });
});
