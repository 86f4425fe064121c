import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenMonitor } from "../../src/monitor/open-monitor.ts";
import type { Case } from "../../src/cases/case.ts";
import { openMonitor } from "../../src/monitor/open-monitor.ts";
import { addWatch } from "../../src/monitor/manage-watchlist.ts";
import { runPass } from "../../src/monitor/run-pass.ts";
import { createCaseService } from "../../src/cases/case-service.ts";
import { openSqliteStorage } from "../../src/io/storage/sqlite-storage.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import { urlKey } from "../../src/monitor/url-key.ts";
import { indexVestnik, republishedPage, rssFeed, vestnikArticles } from "./articles.ts";
import type { Site } from "./site-server.ts";
import { HTML, RSS, serve, startSite } from "./site-server.ts";

const DAY = 86_400_000;

describe("re-checking open cases on a schedule", () => {
  const { main, archive } = vestnikArticles();
  let dir: string;
  let file: string;
  let monitor: OpenMonitor;
  let clock: number;
  let site: Site;
  const paths = { fixed: "/news/fixed", removed: "/news/removed", unchanged: "/news/unchanged", submitted: "/news/submitted" };
  const article = (i: number) => republishedPage({ title: archive[i]!.title, published: "2024-03-20T10:00:00+05:00", paragraphs: archive[i]!.paragraphs });
  const pass = () => runPass(monitor, { concurrency: 2, leaseMs: 30_000, recheckAfterMs: DAY });
  const caseOf = async (p: string): Promise<Case> => (await monitor.cases.listCases({ query: p }, { limit: 10, offset: 0 })).items[0]!;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "copyquota-recheck-"));
    file = path.join(dir, "db.sqlite");
    clock = Date.parse("2024-03-20T10:00:00Z");
    monitor = openMonitor(file, { fetcher: { allowPrivate: true, perHostDelayMs: 0, retries: 0 }, now: () => clock });
    await indexVestnik(monitor.engine);
    site = await startSite({});
    site.route(paths.fixed, serve(republishedPage({ title: main.title, published: "2024-03-20T10:00:00+05:00", paragraphs: main.paragraphs }), HTML));
    site.route(paths.removed, serve(article(1), HTML));
    site.route(paths.unchanged, serve(article(2), HTML));
    site.route("/feed.xml", serve(rssFeed(site.url("/"), [paths.fixed, paths.removed, paths.unchanged].map((p) => ({ url: site.url(p) }))), RSS));
    await addWatch(monitor, site.url("/feed.xml"), { intervalMs: 7 * DAY });
    await pass();

    // A case opened elsewhere (the API) on a page no watched site lists.
    const storage = openSqliteStorage(file);
    const service = createCaseService({ engine: createEngine(storage.sources), storage, fetcher: null });
    await service.checkSubmission({ url: site.url(paths.submitted), html: article(3) }, "editor", new Date(clock).toISOString());
    // And one on a name that never resolves (as the demo's re-publishers): there is nothing to re-check.
    await service.checkSubmission({ url: "https://reprints.example/news/1", html: article(4) }, "editor", new Date(clock).toISOString());
    await storage.close();
  }, 30_000);

  afterAll(async () => {
    await monitor?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts with a case open for each copy", async () => {
    for (const p of [...Object.values(paths), "reprints.example"]) expect((await caseOf(p)).status).toBe("new");
  });

  it("does not re-check before the re-check interval", async () => {
    clock += DAY / 2;
    const hits = site.requests.length;
    expect((await pass()).rechecksQueued).toBe(0);
    expect(site.requests.length).toBe(hits);
  });

  it("resolves a page that now complies, a page that is gone, and keeps an unchanged violation open with a new observation", async () => {
    // The republisher trims the copy to one paragraph and links the source: within the policy.
    site.route(paths.fixed, serve(republishedPage({ title: main.title, published: "2024-03-20T10:00:00+05:00", paragraphs: main.paragraphs.slice(0, 1), linkTo: main.url }), HTML));
    site.route(paths.removed, (_request, response) => void response.writeHead(410, { "content-type": "text/plain" }).end("gone"));
    clock += DAY;
    const summary = await pass();
    expect(summary.rechecksQueued).toBe(4);

    const fixed = await caseOf(paths.fixed);
    expect(fixed.status).toBe("resolved");
    expect(fixed.resolution).toMatch(/complies/);

    const removed = await caseOf(paths.removed);
    expect(removed.status).toBe("resolved");
    expect(removed.resolution).toMatch(/gone \(HTTP 410\)/);
    const goneObservation = (await monitor.cases.observations(removed.id)).at(-1)!;
    expect(goneObservation.outcome).toBe("gone");
    expect((await monitor.evidence.capturesOf(goneObservation.evidenceSha256)).at(-1)).toMatchObject({ status: 410, size: 0 });

    // 304: the stored bytes are judged again; the case stays open, one more observation on the same evidence.
    const unchanged = await caseOf(paths.unchanged);
    expect(unchanged.status).toBe("new");
    const observations = await monitor.cases.observations(unchanged.id);
    expect(observations.map((o) => o.outcome)).toEqual(["violation", "violation"]);
    expect(observations[0]!.evidenceSha256).toBe(observations[1]!.evidenceSha256);
    expect(site.requests.filter((r) => r.path === paths.unchanged).map((r) => r.status)).toEqual([200, 304]);

    // The case opened through the API is re-checked too; its page never existed on the site.
    const submitted = await caseOf(paths.submitted);
    expect(submitted.status).toBe("resolved");
    expect(submitted.resolution).toMatch(/gone \(HTTP 404\)/);
    expect((await caseOf("reprints.example")).status).toBe("new");
    expect(await monitor.urls.get(urlKey("https://reprints.example/news/1"))).toBeNull();
  });

  it("re-checks what is still open a day later, and nothing resolved", async () => {
    clock += DAY + 1;
    const summary = await pass();
    expect(summary.rechecksQueued).toBe(1);
  });
});
