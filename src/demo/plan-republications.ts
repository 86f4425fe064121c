import type { DemoLink, DemoPage } from "./republication-page.ts";
import { rewrite, sentencesOf } from "./republication-page.ts";

/** A source article the demo republishes, as the index keeps it. */
export interface DemoArticle {
  url: string;
  title: string;
  /** The protected text's blocks (paragraphs), boilerplate already removed. */
  paragraphs: string[];
}

/** The ways the demo's re-publishers reuse an article. */
export type ReuseKind =
  | "full_copy_linked"
  | "full_copy_unlinked"
  | "excerpt_linked"
  | "excerpt_nofollow"
  | "excerpt_domain_link"
  | "quote_linked"
  | "quote_unlinked"
  | "rewrite_unlinked"
  | "licensed_copy";

/**
 * The order kinds are handed out in: every article gets two, so that a small archive already shows each
 * kind, and violations outnumber compliant reuse as they do in a publisher's real monitoring.
 */
const KINDS: readonly ReuseKind[] = [
  "full_copy_unlinked",
  "quote_linked",
  "excerpt_linked",
  "rewrite_unlinked",
  "licensed_copy",
  "quote_unlinked",
  "excerpt_nofollow",
  "full_copy_linked",
  "excerpt_domain_link",
];

/** Fictional re-publishers (the `.example` domain can never be a real site). */
export const OUTLETS: readonly { domain: string; name: string }[] = Object.freeze([
  { domain: "novosti-dnya.example", name: "Новости дня" },
  { domain: "biznes-lenta.example", name: "Бизнес-лента" },
  { domain: "kopilka-news.example", name: "Копилка новостей" },
  { domain: "stepnoy-kurier.example", name: "Степной курьер" },
  { domain: "agregator24.example", name: "Агрегатор 24" },
]);

/** The licensed partner: it may take whole articles. */
export const PARTNER = Object.freeze({ domain: "partner-media.example", name: "Партнер Медиа" });

/** The re-publishers' own words around what they took. */
const OWN_WORDS = [
  "Эксперты рынка пока воздерживаются от прогнозов, но ожидают, что тенденция сохранится до конца года.",
  "Редакция продолжит следить за развитием событий.",
  "Напомним, ранее аналитики предупреждали о возможных изменениях в отрасли.",
];

/** Days over which the demo's checks are spread: the dashboard's chart shows the last 30. */
const SPREAD_DAYS = 28;

/** A quotation may take at most a quarter of the article, comfortably under the default 30% cap. */
const QUOTE_SHARE = 0.25;

export interface PlannedRepublication {
  kind: ReuseKind;
  page: DemoPage;
  /** How many days before now the page is checked (and published). */
  daysAgo: number;
}

/**
 * Two demo republications per article, kinds and outlets rotating (starting at `offset`, so two calls give
 * different mixes), each checked on a different day of the last four weeks. Deterministic: the same
 * articles always give the same pages.
 */
export function planRepublications(articles: readonly DemoArticle[], now: Date, offset = 0): PlannedRepublication[] {
  const planned: PlannedRepublication[] = [];
  articles.forEach((article, i) => {
    for (let j = 0; j < 2; j++) {
      const n = offset + i * 2 + j;
      const kind = KINDS[n % KINDS.length]!;
      const outlet = kind === "licensed_copy" ? PARTNER : OUTLETS[n % OUTLETS.length]!;
      const daysAgo = ((n * 11) % SPREAD_DAYS) + 1;
      const published = new Date(now.getTime() - daysAgo * 86_400_000 - ((n * 37) % 600) * 60_000).toISOString();
      planned.push({
        kind,
        daysAgo,
        page: {
          url: `https://${outlet.domain}/news/${slugOf(article.url)}-${n}`,
          title: article.title,
          published,
          paragraphs: reusedParagraphs(article, kind, n),
          link: linkFor(kind, article.url),
          sourceUrl: article.url,
          outlet: outlet.name,
        },
      });
    }
  });
  return planned;
}

/** What a page of this kind takes from the article, with the re-publisher's own words added. */
export function reusedParagraphs(article: DemoArticle, kind: ReuseKind, n = 0): string[] {
  const own = OWN_WORDS[n % OWN_WORDS.length]!;
  const paragraphs = article.paragraphs;
  switch (kind) {
    case "full_copy_linked":
    case "full_copy_unlinked":
    case "licensed_copy":
      return [...paragraphs];
    case "excerpt_linked":
    case "excerpt_nofollow":
    case "excerpt_domain_link":
      return [...paragraphs.slice(0, Math.max(1, Math.ceil(paragraphs.length / 2))), own];
    case "quote_linked":
    case "quote_unlinked":
      return [`Как пишут коллеги, ${lowerFirst(quoteOf(paragraphs))}`, own];
    case "rewrite_unlinked":
      return [...rewrite(paragraphs), own];
  }
}

function linkFor(kind: ReuseKind, sourceUrl: string): DemoLink {
  switch (kind) {
    case "full_copy_linked":
    case "excerpt_linked":
    case "quote_linked":
    case "licensed_copy":
      return { kind: "article" };
    case "excerpt_nofollow":
      return { kind: "article", rel: "nofollow" };
    case "excerpt_domain_link":
      return { kind: "domain", href: new URL("/", sourceUrl).href };
    default:
      return { kind: "none" };
  }
}

/** The longest sentence that stays under a quarter of the article (the first sentence if none does). */
function quoteOf(paragraphs: readonly string[]): string {
  const total = paragraphs.join("\n\n").length;
  const sentences = paragraphs.flatMap(sentencesOf);
  const fitting = sentences.filter((s) => s.length <= total * QUOTE_SHARE);
  return fitting.reduce((best, s) => (s.length > best.length ? s : best), fitting[0] ?? sentences[0] ?? "");
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function slugOf(url: string): string {
  const last = new URL(url).pathname.split("/").filter(Boolean).pop() ?? "article";
  return last.replace(/\.[a-z]+$/i, "").replace(/[^a-z0-9-]+/gi, "-").slice(0, 60) || "article";
}
