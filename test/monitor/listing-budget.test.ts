import { describe, expect, it } from "vitest";
import { ListingBudget } from "../../src/monitor/listing-budget.ts";
import { MAX_INDEX_DEPTH, MAX_SITEMAPS } from "../../src/io/sitemap-limits.ts";

const url = (path: string) => `https://stepnews.example${path}`;

describe("a pass's listing budget", () => {
  it("admits sitemaps nested up to MAX_INDEX_DEPTH indexes below a site's own listing, and refuses the next level", () => {
    const budget = new ListingBudget();
    for (let depth = 1; depth <= MAX_INDEX_DEPTH; depth++) {
      expect(budget.admit(1, url(`/idx/${depth - 1}.xml`), url(`/idx/${depth}.xml`), url(`/idx/${depth}.xml`))).toBeNull();
    }
    const deeper = url(`/idx/${MAX_INDEX_DEPTH + 1}.xml`);
    expect(budget.admit(1, url(`/idx/${MAX_INDEX_DEPTH}.xml`), deeper, deeper)).toEqual({
      reason: "sitemap_too_deep",
      message: `${deeper} is nested deeper than ${MAX_INDEX_DEPTH} sitemap indexes; not read`,
    });
  });

  it("admits MAX_SITEMAPS sitemaps from a site's indexes in one pass, then refuses, while other sites keep theirs", () => {
    const budget = new ListingBudget();
    for (let n = 0; n < MAX_SITEMAPS; n++) expect(budget.admit(1, url("/sitemap.xml"), url(`/s/${n}.xml`), url(`/s/${n}.xml`))).toBeNull();
    const over = url(`/s/${MAX_SITEMAPS}.xml`);
    expect(budget.admit(1, url("/sitemap.xml"), over, over)).toEqual({
      reason: "sitemap_cap",
      message: `${over} not read: the site's indexes reached the cap of ${MAX_SITEMAPS} sitemaps in this pass`,
    });
    expect(budget.admit(2, url("/other.xml"), url("/s/0.xml"), url("/s/0.xml"))).toBeNull();
  });
});
