import type { Site } from "./site-server.ts";
import { HTML, RSS, XML, serve, startSite } from "./site-server.ts";
import { homePage, ownText, republishedPage, rssFeed, sitemap, vestnikArticles } from "./articles.ts";

/** The pages of the well-behaved news site and what checking each must give. */
export interface NewsSite {
  site: Site;
  /** Full copy of the main article, no link: a violation. */
  copy: string;
  /** One paragraph of the main article with a link to it: compliant. */
  excerpt: string;
  /** Full copies of two archive articles (one with a link, one without): violations. */
  archiveCopies: string[];
  /** Its own news: no reuse. */
  own: string;
  /** The copy under another URL: its print edition, naming the copy as canonical — a duplicate. */
  print: string;
  /** The copy's URL with a tracking parameter, listed in the sitemap: the same page, never fetched. */
  tracked: string;
  /** The source URL each violating page reuses. */
  sources: Record<string, string>;
}

/**
 * «Новости Степи»: a well-behaved site republishing «Деловой вестник». Its home page announces an RSS feed,
 * its robots.txt a sitemap; the feed lists some items with dates, the sitemap all of them, plus two other
 * spellings of one page. It answers conditional GETs with 304.
 */
export async function startNewsSite(): Promise<NewsSite> {
  const { main, archive } = vestnikArticles();
  const site = await startSite({});
  const at = (path: string) => site.url(path);
  const copy = at("/news/2024/03/15/eksport-podderzhka");
  const excerpt = at("/news/2024/03/15/eksport-vkratce");
  const archiveCopies = [at("/news/2024/02/06/zerno-kitaj"), at("/news/2024/02/09/mikrokredity")];
  const own = at("/news/2024/03/12/zhilye-almaty");
  const print = at("/print/news/2024/03/15/eksport-podderzhka");
  const tracked = `${copy}?utm_source=sitemap`;

  const page = (title: string, paragraphs: readonly string[], extra: { linkTo?: string; canonical?: string } = {}) =>
    serve(republishedPage({ title, published: "2024-03-15T12:00:00+05:00", paragraphs, ...extra }), HTML);
  site.route("/", serve(homePage("/rss.xml"), HTML));
  site.route("/robots.txt", serve(`User-agent: *\nAllow: /\n\nSitemap: ${at("/sitemap.xml")}\n`, "text/plain"));
  site.route(new URL(copy).pathname, page(main.title, main.paragraphs, { canonical: copy }));
  site.route(new URL(print).pathname, page(`${main.title} (версия для печати)`, main.paragraphs, { canonical: copy }));
  site.route(new URL(excerpt).pathname, page("Экспортерам возместят часть затрат", main.paragraphs.slice(0, 1), { linkTo: main.url }));
  site.route(new URL(archiveCopies[0]!).pathname, page(archive[0]!.title, archive[0]!.paragraphs, { linkTo: archive[0]!.url }));
  site.route(new URL(archiveCopies[1]!).pathname, page(archive[1]!.title, archive[1]!.paragraphs));
  site.route(new URL(own).pathname, page("В Алматы ввели почти 600 тысяч квадратных метров жилья", ownText()));
  site.route(
    "/rss.xml",
    serve(
      rssFeed(at("/"), [
        { url: copy, title: main.title, date: "2024-03-15T07:00:00Z" },
        { url: excerpt, date: "2024-03-15T08:00:00Z" },
        { url: archiveCopies[0]!, date: "2024-02-06T08:00:00Z" },
      ]),
      RSS,
    ),
  );
  site.route(
    "/sitemap.xml",
    serve(sitemap([{ url: copy }, { url: tracked }, { url: print }, { url: excerpt }, { url: archiveCopies[0]! }, { url: archiveCopies[1]!, date: "2024-02-09" }, { url: own }]), XML),
  );
  return {
    site,
    copy,
    excerpt,
    archiveCopies,
    own,
    print,
    tracked,
    sources: { [copy]: main.url, [archiveCopies[0]!]: archive[0]!.url, [archiveCopies[1]!]: archive[1]!.url },
  };
}
