import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import type { Site } from "./site-server.ts";
import { HTML, RSS, XML, serve, startSite } from "./site-server.ts";
import { MAX_INDEX_DEPTH } from "../../src/io/sitemap-limits.ts";
import { republishedPage, rssFeed, vestnikArticles } from "./articles.ts";

/** A misbehaving site: the feed to watch, and for each URL the reason its failure must be recorded with. */
export interface HostileSite {
  name: string;
  site: Site;
  feed: string;
  /** URL → reason word its state must carry. */
  failures: Record<string, string>;
  /** URLs on it that must still be checked and open a case (with the source each reuses). */
  cases: Record<string, string>;
}

/** How long the slow site keeps a request waiting: far past the test fetcher's header and body timeouts. */
export const SLOW_MS = 3_000;

/** Sitemap indexes in the endless chain: far more than any pass may follow. */
const CHAIN_LENGTH = 100;

/** Decompressed size of the gzip bomb: past the fetcher's 20 MiB cap on decoded bodies. */
const BOMB_BYTES = 64 * 1024 * 1024;

/**
 * Sites that are slow, huge, failing, looping, lying about their charset, closed by robots.txt, without an
 * article, linking into private networks, malformed, a bomb, or an endless chain of sitemap indexes.
 */
export async function startHostileSites(): Promise<HostileSite[]> {
  const { archive } = vestnikArticles();
  const article = (i: number, charset?: string) =>
    republishedPage({ title: archive[i]!.title, published: "2024-03-20T10:00:00+05:00", paragraphs: archive[i]!.paragraphs, charset });
  const sites: HostileSite[] = [];
  /** A site whose feed lists the given paths; each route is added by `setup`. */
  const add = async (name: string, paths: string[], setup: (site: Site) => Pick<HostileSite, "failures" | "cases">) => {
    const site = await startSite({});
    site.route("/feed.xml", serve(rssFeed(site.url("/"), paths.map((path) => ({ url: site.url(path) }))), RSS));
    sites.push({ name, site, feed: site.url("/feed.xml"), ...setup(site) });
  };

  await add("slow", ["/news/stalled", "/news/dripping"], (site) => {
    site.route("/news/stalled", (_request, response) => void setTimeout(() => response.writeHead(200, { "content-type": HTML }).end(article(2)), SLOW_MS));
    site.route("/news/dripping", (_request, response) => {
      response.writeHead(200, { "content-type": HTML });
      response.write("<!doctype html><html><body><p>");
      const drip = setInterval(() => response.write("Медленно. "), 100);
      setTimeout(() => (clearInterval(drip), response.end("</p></body></html>")), SLOW_MS);
      response.on("close", () => clearInterval(drip));
    });
    return { failures: { [site.url("/news/stalled")]: "timeout", [site.url("/news/dripping")]: "timeout" }, cases: {} };
  });

  await add("huge", ["/news/huge"], (site) => {
    const filler = `<p>${"Очень длинная страница. ".repeat(40)}</p>\n`;
    site.route("/news/huge", serve(`<!doctype html><html><body>${filler.repeat(Math.ceil((6 * 1024 * 1024) / Buffer.byteLength(filler)))}</body></html>`, HTML));
    return { failures: { [site.url("/news/huge")]: "too_large" }, cases: {} };
  });

  await add("failing", ["/news/down", "/news/ok"], (site) => {
    site.route("/news/down", (_request, response) => void response.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error"));
    site.route("/news/ok", serve(article(3), HTML));
    return { failures: { [site.url("/news/down")]: "http_status" }, cases: { [site.url("/news/ok")]: archive[3]!.url } };
  });

  await add("looping", ["/news/loop"], (site) => {
    site.route("/news/loop", (_request, response) => void response.writeHead(302, { location: "/news/loop-back" }).end());
    site.route("/news/loop-back", (_request, response) => void response.writeHead(301, { location: "/news/loop" }).end());
    return { failures: { [site.url("/news/loop")]: "redirect_loop" }, cases: {} };
  });

  await add("lying charset", ["/news/cp1251-said-utf8", "/news/utf8-said-cp1251"], (site) => {
    // The server's default header says UTF-8; the page is windows-1251 and says so in its <meta>.
    site.route("/news/cp1251-said-utf8", serve(iconv.encode(article(4, "windows-1251"), "windows-1251"), HTML));
    // The header says windows-1251; the page is UTF-8.
    site.route("/news/utf8-said-cp1251", serve(article(5), "text/html; charset=windows-1251"));
    return { failures: {}, cases: { [site.url("/news/cp1251-said-utf8")]: archive[4]!.url, [site.url("/news/utf8-said-cp1251")]: archive[5]!.url } };
  });

  await add("robots", ["/news/closed"], (site) => {
    site.route("/robots.txt", serve("User-agent: *\nDisallow: /news/\n", "text/plain"));
    site.route("/news/closed", serve(article(6), HTML));
    return { failures: { [site.url("/news/closed")]: "robots_disallowed" }, cases: {} };
  });

  await add("bomb", ["/news/bomb"], (site) => {
    const bomb = gzipSync(Buffer.alloc(BOMB_BYTES, 0x20));
    site.route("/news/bomb", (_request, response) => void response.writeHead(200, { "content-type": HTML, "content-encoding": "gzip" }).end(bomb));
    return { failures: { [site.url("/news/bomb")]: "decompression_bomb" }, cases: {} };
  });

  await add("no article", ["/news/menu-only", "/news/picture"], (site) => {
    site.route("/news/menu-only", serve(`<!doctype html><html><body><nav><a href="/">Главная</a> <a href="/news">Новости</a></nav></body></html>`, HTML));
    // A PNG served as HTML: the bytes, not the header, say what it is.
    site.route("/news/picture", serve(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 7)]), HTML));
    return { failures: { [site.url("/news/menu-only")]: "no_text", [site.url("/news/picture")]: "not_a_page" }, cases: {} };
  });

  await add("private links", [], (site) => {
    // Items pointing into private networks: a feed can name any address; the fetcher must refuse them.
    site.route("/feed.xml", serve(rssFeed(site.url("/"), [{ url: "http://10.0.0.1/news/internal" }, { url: `http://127.0.0.2:${new URL(site.origin).port}/news/x` }]), RSS));
    return { failures: { "http://10.0.0.1/news/internal": "private_address", [`http://127.0.0.2:${new URL(site.origin).port}/news/x`]: "private_address" }, cases: {} };
  });

  {
    const site = await startSite({});
    const broken = `<?xml version="1.0"?><rss version="2.0"><channel><title>Лента</title><item><link>${site.url("/news/1")}</link></item><item><link>${site.url("/news/2")}</lin`;
    site.route("/feed.xml", serve(broken, RSS));
    sites.push({ name: "malformed XML", site, feed: site.url("/feed.xml"), failures: { [site.url("/feed.xml")]: "malformed_xml" }, cases: {} });
  }
  {
    // A stray "&" in a URL: not well-formed, but every item can still be read.
    const site = await startSite({});
    const sloppy = `<?xml version="1.0"?><rss version="2.0"><channel><title>Лента</title><item><link>${site.url("/news/item?id=7&from=rss")}</link></item></channel></rss>`;
    site.route("/feed.xml", serve(sloppy, RSS));
    site.route("/news/item", serve(article(7), HTML));
    sites.push({ name: "sloppy XML", site, feed: site.url("/feed.xml"), failures: {}, cases: { [site.url("/news/item?id=7&from=rss")]: archive[7]!.url } });
  }
  {
    // Each index names the next (`/idx/N.xml → /idx/N+1.xml`): followed without a cap, it kept a pass going for good.
    const site = await startSite({});
    for (let n = 0; n < CHAIN_LENGTH; n++) {
      site.route(`/idx/${n}.xml`, serve(`<?xml version="1.0"?><sitemapindex><sitemap><loc>${site.url(`/idx/${n + 1}.xml`)}</loc></sitemap></sitemapindex>`, XML));
    }
    const tooDeep = site.url(`/idx/${MAX_INDEX_DEPTH + 1}.xml`);
    sites.push({ name: "endless sitemap index", site, feed: site.url("/idx/0.xml"), failures: { [tooDeep]: "sitemap_too_deep" }, cases: {} });
  }
  return sites;
}
