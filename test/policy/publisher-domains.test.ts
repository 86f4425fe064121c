import { describe, expect, it } from "vitest";
import { isPublisherPage, publisherDomains } from "../../src/core/policy/publisher-domains.ts";

describe("publisherDomains", () => {
  it("joins the policy's domains and the own sources' domains, each as its registrable domain", () => {
    const domains = publisherDomains(["news.old-kapital.kz", "Kapital.KZ"], ["https://kapital.kz/news/1", "https://m.kapital.kz/news/2"]);
    expect([...domains].sort()).toEqual(["kapital.kz", "old-kapital.kz"]);
  });

  it("leaves out what is no domain (a public suffix, a file)", () => {
    expect([...publisherDomains(["kz"], ["file:///tmp/article.txt"])]).toEqual([]);
  });
});

describe("isPublisherPage", () => {
  const domains = publisherDomains(["kapital.kz"], []);

  it("takes the domain itself and every subdomain, www. included", () => {
    for (const url of ["https://kapital.kz/x", "http://www.kapital.kz/x", "https://m.kapital.kz/", "https://almaty.kapital.kz/news/1"]) {
      expect(isPublisherPage(url, domains), url).toBe(true);
    }
  });

  it("does not take look-alike domains, other suffixes or plain files", () => {
    for (const url of ["https://kapital.kz.reposter.ru/x", "https://mykapital.kz/x", "https://kapital.com/x", "file:///tmp/kapital.kz.txt"]) {
      expect(isPublisherPage(url, domains), url).toBe(false);
    }
  });
});
