import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppStores } from "../../src/server/app-stores.ts";
import { openAppStores } from "../../src/server/app-stores.ts";
import { loadDemo, REPO_ROOT } from "../../src/demo/load-demo.ts";
import type { DemoSummary } from "../../src/demo/load-demo.ts";
import { evalDataPath, sharedPresent } from "../support/shared-data.ts";

const SHARED = path.resolve(REPO_ROOT, "../shared");

async function openDemo(sharedDir: string | null): Promise<{ stores: AppStores; summary: DemoSummary; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "copyquota-demo-"));
  const stores = openAppStores(path.join(dir, "demo.db"), { fetcher: null });
  const summary = await loadDemo(stores, { sharedDir, now: new Date("2024-06-30T12:00:00Z") });
  return {
    stores,
    summary,
    close: async () => {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("demo content on our fictional outlet", () => {
  let stores: AppStores;
  let summary: DemoSummary;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ stores, summary, close } = await openDemo(null));
  });

  afterAll(async () => {
    await close();
  });

  it("indexes the archive and the press release as a reference", async () => {
    expect(summary.shared).toBe(false);
    expect(summary.references).toBe(1);
    expect(summary.sources).toBe(await stores.sources.countSources());
    expect(summary.sources).toBeGreaterThanOrEqual(11);
  });

  it("opens cases of every kind of violation, spread over the last weeks, in every status", async () => {
    const stats = await stores.cases.stats({ days: 30, now: "2024-06-30T12:00:00Z", topDomains: 10 });
    for (const status of ["new", "confirmed", "notified", "resolved", "dismissed"] as const) expect(stats.byStatus[status]).toBeGreaterThan(0);
    expect(Object.keys(stats.openByViolation).sort()).toEqual(["link_not_to_article", "missing_link", "over_quota"]);
    expect(stats.newPerDay.filter((d) => d.count > 0).length).toBeGreaterThanOrEqual(8);
    expect(stats.topDomains.map((d) => d.domain)).not.toContain("partner-media.example");
    const { items: resolved } = await stores.cases.listCases({ status: ["resolved"] }, { limit: 10, offset: 0 });
    expect(resolved[0]!.resolution).toMatch(/now complies/);
  });

  it("records licensed and compliant republications as checks without cases", async () => {
    const { total } = await stores.cases.listCases({ domain: "partner-media.example" }, { limit: 1, offset: 0 });
    expect(total).toBe(0);
    expect(summary.checks).toBeGreaterThan((await stores.cases.listCases({}, { limit: 1, offset: 0 })).total);
  });
});

const hasShared = sharedPresent([path.join(SHARED, "seed/article-ru.txt"), evalDataPath("ru-news-samples", "articles.jsonl")], "demo content with the seed article and news samples", "the fictional outlet's demo covers loading");

describe.skipIf(!hasShared)("demo content with ../shared", () => {
  it("adds the seed article and the real news samples, and republishes the seed", async () => {
    const { stores, summary, close } = await openDemo(SHARED);
    try {
      expect(summary.shared).toBe(true);
      const seed = await stores.sources.getSource("https://kapital.kz/gosudarstvo/100001/prezident-prinyal-gensekretarya-odkb.html");
      expect(seed?.title).toMatch(/ОДКБ/);
      expect(seed?.boilerplate.join("\n")).toMatch(/Kapital\.kz/);
      expect(await stores.sources.countSources()).toBeGreaterThan(50);
      const { items } = await stores.cases.listCases({ query: "prezident-prinyal" }, { limit: 10, offset: 0 });
      expect(items.length).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
});
