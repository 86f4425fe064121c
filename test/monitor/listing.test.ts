import { describe, expect, it } from "vitest";
import { ListingError, parseListing } from "../../src/monitor/listing.ts";
import { feedLinks, robotsSitemaps } from "../../src/monitor/discover.ts";

const BASE = "https://stepnews.example/rss.xml";

describe("parseListing", () => {
  it("reads RSS 2.0 items: link (or permalink guid), pubDate, relative links resolved", () => {
    const listing = parseListing(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Лента</title>
        <item><title>Один</title><link>https://stepnews.example/news/1</link><pubDate>Thu, 14 Mar 2024 10:30:00 +0500</pubDate></item>
        <item><title>Два</title><guid>https://stepnews.example/news/2</guid></item>
        <item><title>Три</title><guid isPermaLink="false">tag:3</guid><link>/news/3#comments</link></item>
        <item><title>Почта</title><link>mailto:editor@stepnews.example</link></item>
        <item><title>Снова один</title><link>https://stepnews.example/news/1</link></item>
      </channel></rss>`,
      BASE,
    );
    expect(listing).toEqual({
      kind: "feed",
      malformed: null,
      entries: [
        { url: "https://stepnews.example/news/1", date: "2024-03-14T05:30:00.000Z" },
        { url: "https://stepnews.example/news/2", date: null },
        { url: "https://stepnews.example/news/3", date: null },
      ],
    });
  });

  it("reads Atom entries (alternate link), RSS 1.0 (RDF) items and JSON Feed items", () => {
    const atom = parseListing(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
        <entry><link rel="self" href="/api/1"/><link rel="alternate" href="/news/a"/><updated>2024-03-14T10:00:00Z</updated></entry>
        <entry><link href="https://stepnews.example/news/b"/><published>2024-03-13T10:00:00Z</published></entry></feed>`,
      BASE,
    );
    expect(atom.entries).toEqual([
      { url: "https://stepnews.example/news/a", date: "2024-03-14T10:00:00.000Z" },
      { url: "https://stepnews.example/news/b", date: "2024-03-13T10:00:00.000Z" },
    ]);
    const rdf = parseListing(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <item rdf:about="x"><link>https://stepnews.example/news/r</link><dc:date>2024-03-12</dc:date></item></rdf:RDF>`,
      BASE,
    );
    expect(rdf).toMatchObject({ kind: "feed", entries: [{ url: "https://stepnews.example/news/r", date: "2024-03-12T00:00:00.000Z" }] });
    const json = parseListing(JSON.stringify({ version: "https://jsonfeed.org/version/1.1", title: "T", items: [{ id: "1", url: "/news/j", date_published: "2024-03-11T09:00:00Z" }] }), BASE);
    expect(json).toMatchObject({ kind: "feed", entries: [{ url: "https://stepnews.example/news/j", date: "2024-03-11T09:00:00.000Z" }] });
  });

  it("reads sitemaps (lastmod, Google News dates) and sitemap indexes", () => {
    const urlset = parseListing(
      `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url><loc> https://stepnews.example/news/1 </loc><lastmod>2024-03-14</lastmod></url>
        <url><loc>https://stepnews.example/news/2</loc><news:news><news:publication_date>2024-03-15T08:00:00+05:00</news:publication_date></news:news></url>
        <url><loc>https://stepnews.example/news/a?x=1&amp;y=2</loc></url></urlset>`,
      "https://stepnews.example/sitemap.xml",
    );
    expect(urlset.kind).toBe("sitemap");
    expect(urlset.entries).toEqual([
      { url: "https://stepnews.example/news/1", date: "2024-03-14T00:00:00.000Z" },
      { url: "https://stepnews.example/news/2", date: "2024-03-15T03:00:00.000Z" },
      { url: "https://stepnews.example/news/a?x=1&y=2", date: null },
    ]);
    const index = parseListing(`<sitemapindex><sitemap><loc>/sitemap-2024.xml</loc></sitemap></sitemapindex>`, "https://stepnews.example/sitemap.xml");
    expect(index).toMatchObject({ kind: "sitemap_index", entries: [{ url: "https://stepnews.example/sitemap-2024.xml" }] });
  });

  it("recovers the entries of a feed with a stray ampersand, saying it is malformed", () => {
    const listing = parseListing(`<rss><channel><item><link>https://stepnews.example/news?id=7&from=rss</link></item></channel></rss>`, BASE);
    expect(listing.entries.map((e) => e.url)).toEqual(["https://stepnews.example/news?id=7&from=rss"]);
    expect(listing.malformed).toMatch(/line 1/);
  });

  it("rejects truncated XML, HTML, other XML and other JSON with a reason and the URL", () => {
    const fails = (text: string) => {
      try {
        parseListing(text, BASE);
      } catch (error) {
        expect(error).toBeInstanceOf(ListingError);
        expect((error as Error).message).toContain(BASE);
        return (error as ListingError).reason;
      }
      throw new Error("did not fail");
    };
    expect(fails(`<rss><channel><item><link>https://stepnews.example/news/1</link></item><item><link>https://x/2</lin`)).toBe("malformed_xml");
    expect(fails("<<< not xml >>>")).toBe("malformed_xml");
    expect(fails(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`)).toBe("not_a_listing");
    expect(fails(`{"items": []}`)).toBe("not_a_listing");
    expect(fails(`{ nope`)).toBe("not_a_listing");
  });

  it("stops an entity expansion bomb instead of expanding it", () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
      <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
      <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>
      <rss><channel><title>&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;</title><item><link>https://stepnews.example/news/1</link></item></channel></rss>`;
    const before = process.memoryUsage().heapUsed;
    let outcome: string;
    try {
      outcome = parseListing(lol, BASE).entries.map((e) => e.url).join();
    } catch (error) {
      outcome = (error as ListingError).reason;
    }
    expect(["https://stepnews.example/news/1", "malformed_xml"]).toContain(outcome);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });
});

describe("discovery", () => {
  it("finds the feeds a page announces, resolved against <base> or the page", () => {
    const html = `<html><head><base href="https://stepnews.example/ru/">
      <link rel="alternate" type="application/rss+xml" href="rss.xml">
      <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="/atom.xml">
      <link rel="alternate" hreflang="kk" href="/kk/">
      <link rel="alternate" type="application/rss+xml" href="rss.xml">
      <link rel="stylesheet" type="text/css" href="/s.css"></head><body></body></html>`;
    expect(feedLinks(html, "https://stepnews.example/")).toEqual(["https://stepnews.example/ru/rss.xml", "https://stepnews.example/atom.xml"]);
  });

  it("finds the Sitemap lines of a robots.txt, whatever their case", () => {
    const robots = "User-agent: *\nDisallow: /admin\nSitemap: https://stepnews.example/sitemap.xml\r\nsitemap:/news-sitemap.xml\nSITEMAP : ftp://x/y\n";
    expect(robotsSitemaps(robots, "https://stepnews.example/robots.txt")).toEqual([
      "https://stepnews.example/sitemap.xml",
      "https://stepnews.example/news-sitemap.xml",
    ]);
  });
});
