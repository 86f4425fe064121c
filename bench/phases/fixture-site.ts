/**
 * The monitor phase's fixture site (a child process, see child-server.ts): a news site of generated pages on
 * loopback. A home page announcing its feed, a robots.txt naming a sitemap index, sitemaps, a feed of the
 * newest items, and the pages themselves, generated on request (a page is a pure function of the seed and
 * its index) with an ETag, as a real CMS serves them. Pages under `/baseline/` are more of the same kind that
 * no listing names, for the phase's baseline.
 *
 *   node --import tsx bench/phases/fixture-site.ts SITE_JSON      (a FixtureSite, see monitor-phase.ts)
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createNewsGenerator } from "../generator/news-generator.ts";
import { serveUntilStopped } from "./child-server.ts";
import type { FixtureSite } from "./monitor-phase.ts";

function serveSite(site: FixtureSite): Promise<{ url: string; close(): Promise<void> }> {
  const generator = createNewsGenerator({ repoRoot: site.repoRoot, seed: site.seed });
  const sitemaps = Math.ceil(site.pages / site.sitemapSize);
  const server = createServer((request, response) => {
    const origin = `http://${request.headers.host}`;
    const url = request.url ?? "/";
    const send = (body: string, type: string) => {
      const etag = `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;
      if (request.headers["if-none-match"] === etag) return void response.writeHead(304, { etag }).end();
      response.writeHead(200, { "content-type": `${type}; charset=utf-8`, etag }).end(body);
    };
    const page = /^\/(news|baseline)\/(\d+)$/.exec(url);
    const sitemap = /^\/sitemap-(\d+)\.xml$/.exec(url);
    const xml = (root: string, items: string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("\n")}\n</${root}>`;
    if (url === "/robots.txt") {
      send(`User-agent: *\nAllow: /\nSitemap: ${origin}/sitemap-index.xml\n`, "text/plain");
    } else if (url === "/") {
      send(`<!doctype html><html><head><title>Новости</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><h1>Новости</h1></body></html>`, "text/html");
    } else if (url === "/feed.xml") {
      const items = Array.from({ length: Math.min(site.feedItems, site.pages) }, (_, i) => `<item><title>Новость</title><link>${origin}/news/${site.pages - 1 - i}</link></item>`);
      send(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Новости</title>\n${items.join("\n")}\n</channel></rss>`, "application/rss+xml");
    } else if (url === "/sitemap-index.xml") {
      send(xml("sitemapindex", Array.from({ length: sitemaps }, (_, k) => `<sitemap><loc>${origin}/sitemap-${k}.xml</loc></sitemap>`)), "application/xml");
    } else if (sitemap && Number(sitemap[1]) < sitemaps) {
      const from = Number(sitemap[1]) * site.sitemapSize;
      const to = Math.min(site.pages, from + site.sitemapSize);
      send(xml("urlset", Array.from({ length: to - from }, (_, i) => `<url><loc>${origin}/news/${from + i}</loc></url>`)), "application/xml");
    } else if (page && (page[1] === "baseline" || Number(page[2]) < site.pages)) {
      // Baseline pages continue the numbering past the listed ones: the same kind of page, never listed.
      const index = Number(page[2]) + (page[1] === "baseline" ? site.pages : 0);
      send(generator.htmlCandidate(index, site.sourceCount, site.pageBytes).html, "text/html");
    } else {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

const raw = process.argv[2];
if (!raw) throw new Error("fixture-site: expected the site as a JSON argument");
await serveUntilStopped(() => serveSite(JSON.parse(raw) as FixtureSite));
