import iconv from "iconv-lite";
import type { NewsArticle } from "../data/ru-news.ts";
import { Rng } from "./prng.ts";
import { sentencesOf } from "./source-text.ts";
import { chooseSentences } from "./excerpt.ts";
import { embeddedWords, excerptParagraphs, obfuscate, OBFUSCATIONS, sentenceHulls, type Obfuscation } from "./obfuscate.ts";
import { EXPIRED_LICENSE_SITE, LICENSED_SITE, LINK_VARIANTS, renderPage, REUSER_SITES, type LinkVariant, type ReuserSite } from "./page.ts";
import { trueReuse, type CharRange, type TrueReuse } from "./true-share.ts";
import { expectedLink, expectedVerdict, type ExpectedLink, type SourceVerdict } from "./expected.ts";

/**
 * Target shares, dense around the 30% cap where a verdict flips and spread over 0–100% elsewhere.
 * The share actually embedded is measured, not assumed: whole sentences never hit a target exactly.
 */
export const SHARE_TARGETS = [0, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.28, 0.3, 0.32, 0.35, 0.4, 0.5, 0.6, 0.75, 0.9, 1];

/** What else is true of a page besides its share, obfuscation and link. */
export type Scenario = "plain" | "licensed" | "expired_license" | "earlier_date" | "reference";

/** A document to index before checking the pages: a publisher's article or a reference document. */
export interface SuiteSource {
  url: string;
  title: string;
  published: string | null;
  text: string;
  reference: boolean;
}

export interface PageSpec {
  index: number;
  source: NewsArticle;
  host: NewsArticle;
  target: number;
  obfuscation: Obfuscation;
  link: LinkVariant;
  linkPlacement: "lead" | "credit";
  scenario: Scenario;
  site: ReuserSite;
  charset: "utf-8" | "windows-1251";
  url: string;
  published: string;
  /** For the `reference` scenario: the reference document's paragraphs, taken from the source. */
  referenceParagraphs: string[];
}

export interface SuitePlan {
  seed: number;
  /** Publisher's articles and reference documents, in indexing order. */
  sources: SuiteSource[];
  specs: PageSpec[];
}

export interface GeneratedPage {
  spec: PageSpec;
  html: string;
  bytes: Buffer;
  /** The HTTP Content-Type the page would be served with (a charset only sometimes, as on the real web). */
  contentType: string;
  /** The excerpt's paragraphs as embedded (after obfuscation). */
  excerpt: string[];
  /**
   * The truth is the product's definition of the share (README): each embedded sentence counts from its
   * first to its last embedded word, the words the reuser deleted or changed inside it included, and a
   * sentence left out does not count. `embeddedShare` counts only the words embedded (deleted ones not), a
   * secondary reading. `longestSentenceWords`: source words kept in the longest embedded sentence (an
   * aligner with a minimum passage length cannot find an excerpt whose sentences are all shorter, unless
   * they stay adjacent or count as whole sentences).
   */
  truth: TrueReuse & { embeddedShare: number; embeddedWords: number; longestSentenceWords: number };
  expectedLink: ExpectedLink;
  expectedVerdict: SourceVerdict;
}

/** Fraction of articles kept as the publisher's sources; the rest supply the reusers' own text. */
const SOURCE_FRACTION = 0.65;
/** Default number of sources that quote a reference document (a press release the publisher took text from). */
const REFERENCE_SOURCES = 8;
/** Most reuser's own text around the excerpt, in characters: a news page, not a long read. */
const HOST_CHARS = 1200;

export interface PlanOptions {
  seed: number;
  pages: number;
  /** How many sources get a reference document (default 8). */
  referenceSources?: number;
  /** Which articles supply the reusers' own text; by default a seeded 35% of them. */
  isHost?: (article: NewsArticle) => boolean;
}

/** Splits the articles, makes reference documents and page specs. Deterministic in `seed`. */
export function planSuite(articles: readonly NewsArticle[], options: PlanOptions): SuitePlan {
  const rng = new Rng(options.seed);
  const shuffled = rng.shuffle(articles);
  const cut = Math.round(shuffled.length * SOURCE_FRACTION);
  const isHost = options.isHost;
  const sources = isHost ? shuffled.filter((a) => !isHost(a)) : shuffled.slice(0, cut);
  const hosts = isHost ? shuffled.filter(isHost) : shuffled.slice(cut);
  const referenceCount = options.referenceSources ?? REFERENCE_SOURCES;
  if (sources.length < referenceCount + 2 || hosts.length < 2) throw new Error(`republication suite: ${sources.length} sources and ${hosts.length} hosts are too few`);

  // Sources with several paragraphs can plausibly have taken their first half from a press release. Only
  // sources sharing no text with another article qualify: the release would otherwise cover that one too.
  const referenced = sources
    .filter((a) => paragraphsOf(a.text).length >= 4 && !articles.some((b) => b !== a && sharesText(a, b)))
    .slice(0, referenceCount);
  const plain = sources.filter((a) => !referenced.includes(a));
  const references = new Map(referenced.map((a) => [a.url, paragraphsOf(a.text).slice(0, Math.ceil(paragraphsOf(a.text).length / 2))]));

  const suiteSources: SuiteSource[] = [
    ...sources.map((a) => ({ url: a.url, title: a.title, published: a.published, text: a.text, reference: false })),
    ...referenced.map((a) => ({
      url: `https://press-sluzhba.example/releases/${a.id}`,
      title: `Пресс-релиз: ${a.title}`,
      published: a.published ? shiftHours(a.published, -24) : null,
      text: references.get(a.url)!.join("\n\n"),
      reference: true,
    })),
  ];

  const specs: PageSpec[] = [];
  for (let i = 0; i < options.pages; i++) {
    // Cycles of coprime lengths (18 targets, 7 obfuscations, 7 link variants taken every 7 pages) cover every
    // combination of target × obfuscation × link evenly.
    const target = SHARE_TARGETS[i % SHARE_TARGETS.length]!;
    const obfuscation = OBFUSCATIONS[i % OBFUSCATIONS.length]!;
    const link = LINK_VARIANTS[Math.floor(i / OBFUSCATIONS.length) % LINK_VARIANTS.length]!;
    let scenario: Scenario = "plain";
    let source = rng.pick(plain);
    if (i % 10 === 9 && referenced.length > 0) {
      scenario = "reference";
      source = rng.pick(referenced);
    } else if (i % 10 === 3) scenario = "licensed";
    else if (i % 20 === 7) scenario = "expired_license";
    else if (i % 10 === 5 && source.published) scenario = "earlier_date";
    const site = scenario === "licensed" ? LICENSED_SITE : scenario === "expired_license" ? EXPIRED_LICENSE_SITE : rng.pick(REUSER_SITES);
    const host = pickHost(hosts, source, rng);
    const published = source.published
      ? shiftHours(source.published, scenario === "earlier_date" ? -24 * rng.between(1, 10) : rng.between(1, 72))
      : shiftHours("2020-06-15T09:00:00.000Z", i);
    specs.push({
      index: i,
      source,
      host,
      target,
      obfuscation,
      link,
      linkPlacement: rng.chance(0.5) ? "lead" : "credit",
      scenario,
      site,
      charset: rng.chance(0.25) ? "windows-1251" : "utf-8",
      url: `https://${site.domain}/news/${published.slice(0, 10)}/${i + 1}.html`,
      published,
      referenceParagraphs: references.get(source.url) ?? [],
    });
  }
  return { seed: options.seed, sources: suiteSources, specs };
}

/**
 * Builds each page from its spec and the source's protected text as the engine stored it (the excerpt
 * must come from what the share is measured against), and derives the truth from what was embedded.
 */
export function buildPage(spec: PageSpec, protectedText: string, seed: number): GeneratedPage {
  const rng = new Rng(seed * 100_003 + spec.index);
  const sentences = sentencesOf(protectedText);
  const chosen = chooseSentences(sentences, protectedText.length, spec.target, rng);
  const embedded = obfuscate(protectedText, chosen, spec.obfuscation, rng);
  const words = embeddedWords(embedded);
  const referenceRanges = locate(protectedText, spec.referenceParagraphs);
  const truth = trueReuse(protectedText, sentenceHulls(embedded), referenceRanges);
  const embeddedShare = trueReuse(protectedText, words, referenceRanges).share;

  const hostParagraphs = trimTo(paragraphsOf(spec.host.text), HOST_CHARS);
  const split = Math.min(hostParagraphs.length, rng.between(1, 2));
  const title = spec.target >= 0.6 ? spec.source.title : spec.host.title;
  const content = {
    site: spec.site,
    url: spec.url,
    title: title || spec.host.title || spec.site.name,
    published: spec.published,
    before: hostParagraphs.slice(0, split),
    excerpt: excerptParagraphs(embedded),
    after: hostParagraphs.slice(split),
    link: spec.link,
    linkPlacement: spec.linkPlacement,
    sourceUrl: spec.source.url,
    sourceName: new URL(spec.source.url).hostname.replace(/^www\./, ""),
  };
  let charset = spec.charset;
  let html = renderPage(content, charset);
  let bytes: Buffer;
  if (charset === "windows-1251" && iconv.decode(iconv.encode(html, "win1251"), "win1251") === html) bytes = iconv.encode(html, "win1251");
  else {
    // A text windows-1251 cannot hold is served as UTF-8, as its site would have to.
    charset = "utf-8";
    html = renderPage(content, charset);
    bytes = Buffer.from(html, "utf8");
  }
  const link = expectedLink(spec.link);
  return {
    spec: { ...spec, charset },
    html,
    bytes,
    contentType: spec.index % 2 === 0 ? `text/html; charset=${charset}` : "text/html",
    excerpt: content.excerpt,
    truth: { ...truth, embeddedShare, embeddedWords: words.length, longestSentenceWords: Math.max(0, ...embedded.map((e) => e.pieces.filter((p) => p.word).length)) },
    expectedLink: link,
    expectedVerdict: expectedVerdict({
      share: truth.share,
      reusedChars: truth.reusedChars,
      link,
      predates: spec.scenario === "earlier_date",
      capLicensed: spec.scenario === "licensed",
    }),
  };
}

export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

function trimTo(paragraphs: string[], chars: number): string[] {
  const out: string[] = [];
  let total = 0;
  for (const p of paragraphs) {
    if (out.length > 0 && total + p.length > chars) break;
    out.push(p);
    total += p.length;
  }
  return out;
}

/** Where the reference document's paragraphs sit in the source's protected text. */
function locate(text: string, paragraphs: readonly string[]): CharRange[] {
  return paragraphs.flatMap((p) => {
    const at = text.indexOf(p);
    return at < 0 ? [] : [{ start: at, end: at + p.length }];
  });
}

/**
 * A host article that shares no five-word sequence with the source, so that nothing of the source reaches
 * the page except the excerpt (some news samples cover the same story and share quotations).
 */
function pickHost(hosts: readonly NewsArticle[], source: NewsArticle, rng: Rng): NewsArticle {
  const fit = hosts.filter((h) => h.outlet !== source.outlet && !sharesText(h, source));
  if (fit.length === 0) throw new Error(`republication suite: no host article is unrelated to source ${source.id}`);
  return rng.pick(fit);
}

/** Whether two articles share a five-word sequence (case and ё folded). */
function sharesText(a: NewsArticle, b: NewsArticle): boolean {
  const grams = new Set(wordGrams(a.text));
  return wordGrams(b.text).some((g) => grams.has(g));
}

const gramCache = new Map<string, string[]>();
function wordGrams(text: string): string[] {
  let grams = gramCache.get(text);
  if (!grams) {
    const words = text.toLowerCase().replace(/ё/g, "е").match(/[\p{L}\p{N}]+/gu) ?? [];
    grams = [];
    for (let i = 0; i + 5 <= words.length; i++) grams.push(words.slice(i, i + 5).join(" "));
    gramCache.set(text, grams);
  }
  return grams;
}

function shiftHours(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
}
