import { describe, expect, it } from "vitest";
import { findAttribution, linkRuleViolations } from "../../src/core/links/attribution.ts";
import type { LinkRule } from "../../src/core/links/attribution.ts";
import type { LinkFinding, PageLink } from "../../src/core/types.ts";

const SOURCE = "https://vestnik-stepi.kz/news/2024/03/zerno-eksport";

/** A plain, visible, indexable link in the main content, with overrides. */
function link(href: string, overrides: Partial<PageLink> = {}): PageLink {
  return { href, text: "Вестник степи", nofollow: false, noindex: false, hidden: false, mainContent: true, ...overrides };
}

const NONE: LinkFinding = { present: false, href: null, target: null, nofollow: false, noindex: false, hidden: false };

describe("findAttribution", () => {
  it("finds a link to the article, written in another form of its URL", () => {
    const href = "http://m.vestnik-stepi.kz/amp/news/2024/03/zerno-eksport/?utm_source=telegram";
    expect(findAttribution([link(href)], SOURCE, [])).toEqual({
      present: true,
      href,
      target: "article",
      nofollow: false,
      noindex: false,
      hidden: false,
    });
  });

  it("counts a link to another page of the source's domain or a subdomain as a domain link", () => {
    expect(findAttribution([link("https://vestnik-stepi.kz/")], SOURCE, []).target).toBe("domain");
    expect(findAttribution([link("https://regions.vestnik-stepi.kz/news/1")], SOURCE, []).target).toBe("domain");
  });

  it("counts links to the publisher's other domains as domain links", () => {
    const finding = findAttribution([link("https://stepnoy-vestnik.kz/news/1")], SOURCE, ["stepnoy-vestnik.kz"]);
    expect(finding).toMatchObject({ present: true, target: "domain", href: "https://stepnoy-vestnik.kz/news/1" });
  });

  it("ignores links outside the main content", () => {
    const footer = link(SOURCE, { mainContent: false });
    expect(findAttribution([footer], SOURCE, [])).toEqual(NONE);
  });

  it("ignores links to other sites and non-http links", () => {
    const links = [link("https://agro-novosti.kz/zerno"), link("mailto:redaktsiya@vestnik-stepi.kz"), link("javascript:void(0)")];
    expect(findAttribution(links, SOURCE, [])).toEqual(NONE);
  });

  it("reports no link for a page without links", () => {
    expect(findAttribution([], SOURCE, ["stepnoy-vestnik.kz"])).toEqual(NONE);
  });

  it("prefers the article over the domain, whatever the order", () => {
    const links = [link("https://vestnik-stepi.kz/"), link(SOURCE)];
    expect(findAttribution(links, SOURCE, []).target).toBe("article");
  });

  it("prefers a visible link over a hidden one, even a hidden one to the article", () => {
    const hidden = findAttribution([link(SOURCE, { hidden: true })], SOURCE, []);
    expect(hidden).toMatchObject({ present: true, target: "article", hidden: true });
    const links = [link(SOURCE, { hidden: true }), link("https://vestnik-stepi.kz/")];
    expect(findAttribution(links, SOURCE, [])).toMatchObject({ target: "domain", hidden: false });
  });

  it("prefers an indexable link over a nofollow or noindex one to the same target", () => {
    const links = [link(SOURCE, { nofollow: true }), link(`${SOURCE}?from=yxnews`, { noindex: true }), link(`${SOURCE}#text`)];
    expect(findAttribution(links, SOURCE, [])).toMatchObject({ href: `${SOURCE}#text`, nofollow: false, noindex: false });
  });

  it("keeps the first of equally good links", () => {
    const links = [link(`${SOURCE}?utm_source=a`), link(`${SOURCE}?utm_source=b`)];
    expect(findAttribution(links, SOURCE, []).href).toBe(`${SOURCE}?utm_source=a`);
  });

  it("with a rule, prefers a link that satisfies it", () => {
    const links = [link(SOURCE, { nofollow: true }), link("https://vestnik-stepi.kz/")];
    expect(findAttribution(links, SOURCE, []).target).toBe("article");
    const anyIndexable: LinkRule = { required: true, target: "domain", indexable: true };
    expect(findAttribution(links, SOURCE, [], anyIndexable)).toMatchObject({ target: "domain", nofollow: false });
  });

  it("finds nothing when the source URL is not http(s) and no publisher domain matches", () => {
    expect(findAttribution([link("https://vestnik-stepi.kz/")], "file:///tmp/zerno.txt", [])).toEqual(NONE);
  });
});

describe("linkRuleViolations", () => {
  const articleLink: LinkFinding = { present: true, href: SOURCE, target: "article", nofollow: false, noindex: false, hidden: false };
  const seedRule: LinkRule = { required: true, target: "article", indexable: false };
  const strictRule: LinkRule = { required: true, target: "article", indexable: true };

  it("accepts a visible link to the article", () => {
    expect(linkRuleViolations(articleLink, strictRule)).toEqual([]);
  });

  it("reports a missing link, and a hidden link as missing", () => {
    expect(linkRuleViolations(NONE, seedRule)).toEqual(["missing_link"]);
    expect(linkRuleViolations({ ...articleLink, hidden: true, nofollow: true }, strictRule)).toEqual(["missing_link"]);
  });

  it("reports a domain link when the rule asks for the article, not when any page will do", () => {
    const domainLink: LinkFinding = { ...articleLink, href: "https://vestnik-stepi.kz/", target: "domain" };
    expect(linkRuleViolations(domainLink, seedRule)).toEqual(["link_not_to_article"]);
    expect(linkRuleViolations(domainLink, { ...seedRule, target: "domain" })).toEqual([]);
  });

  it("reports nofollow and noindex links only when the rule asks for indexable links", () => {
    expect(linkRuleViolations({ ...articleLink, nofollow: true }, strictRule)).toEqual(["link_not_indexable"]);
    expect(linkRuleViolations({ ...articleLink, noindex: true }, strictRule)).toEqual(["link_not_indexable"]);
    expect(linkRuleViolations({ ...articleLink, nofollow: true }, seedRule)).toEqual([]);
  });

  it("reports both faults of a nofollow domain link", () => {
    const weak: LinkFinding = { ...articleLink, target: "domain", nofollow: true };
    expect(linkRuleViolations(weak, strictRule)).toEqual(["link_not_to_article", "link_not_indexable"]);
  });

  it("asks nothing when no link is required", () => {
    expect(linkRuleViolations(NONE, { ...strictRule, required: false })).toEqual([]);
  });
});
