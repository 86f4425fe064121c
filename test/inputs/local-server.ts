import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import type { Fetcher } from "../../src/io/fetch/fetcher.ts";

export const pagesDir = path.resolve(import.meta.dirname, "../fixtures/pages");

/** A 1×1 transparent PNG: a real binary file for the "not text" checks. */
export const PNG_BYTES = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

export function fixture(name: string): string {
  return readFileSync(path.join(pagesDir, name), "utf8");
}

/** Our windows-1251 and KOI8-R fixtures are kept readable in UTF-8 and encoded when used. */
export function encoded(name: string, charset: string): Buffer {
  return iconv.encode(fixture(name), charset);
}

interface Route {
  status?: number;
  type?: string;
  body: (base: string) => Buffer | string;
  location?: string;
}

const withBase = (name: string) => (base: string) => fixture(name).replaceAll("{{BASE}}", base);

/** What the test site serves; feeds and sitemaps get the server's own address in place of `{{BASE}}`. */
const ROUTES: Record<string, Route> = {
  "/news/most": { type: "text/html; charset=utf-8", body: () => fixture("modern-article.html") },
  // windows-1251 with the charset only in the page's <meta>.
  "/news/hleb": { type: "text/html", body: () => encoded("legacy-table.html", "windows-1251") },
  // KOI8-R with the charset only in the header.
  "/news/koi8": { type: "text/html; charset=koi8-r", body: () => encoded("koi8-article.html", "koi8-r") },
  "/news/moved": { status: 301, location: "/news/most", body: () => "" },
  "/plain.txt": { type: "text/plain; charset=utf-8", body: () => fixture("article.txt") },
  "/image.png": { type: "image/png", body: () => PNG_BYTES },
  "/feed-links.rss": { type: "application/rss+xml", body: withBase("feed-links.rss") },
  "/feed.atom": { type: "application/atom+xml", body: withBase("feed.atom") },
  "/sitemap.xml": { type: "application/xml", body: withBase("sitemap.xml") },
  "/sitemap-2023.xml": { type: "application/xml", body: withBase("sitemap-2023.xml") },
  "/sitemap-index.xml": { type: "application/xml", body: withBase("sitemap-index.xml") },
  "/sitemap.xml.gz": { type: "application/gzip", body: (base) => gzipSync(withBase("sitemap.xml")(base)) },
  "/broken-index.xml": {
    type: "application/xml",
    body: (base) =>
      `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
      `<sitemap><loc>${base}/gone.xml</loc></sitemap><sitemap><loc>${base}/sitemap.xml</loc></sitemap></sitemapindex>`,
  },
};

export interface TestSite {
  base: string;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts the test site on 127.0.0.1 at a free port. */
export async function startTestSite(): Promise<TestSite> {
  const requests: string[] = [];
  let base = "";
  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", base).pathname;
    requests.push(pathname);
    const route = ROUTES[pathname];
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const headers: Record<string, string> = {};
    if (route.type) headers["content-type"] = route.type;
    if (route.location) headers.location = route.location;
    res.writeHead(route.status ?? 200, headers).end(route.body(base));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The smallest Fetcher: global fetch, following redirects, keeping the exact bytes. */
export const testFetcher: Fetcher = async (url) => {
  const response = await fetch(url);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    requestedUrl: url,
    url: response.url,
    status: response.status,
    headers,
    body: new Uint8Array(await response.arrayBuffer()),
    fetchedAt: new Date().toISOString(),
  };
};
