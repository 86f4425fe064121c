import { BLOCK_TAGS } from "./blocks.ts";
import { elementsInOrder, pushChildren } from "./elements.ts";
import { isDateLine } from "./date-line.ts";
import { hostOf, isLinkBlock, isSameSite, readLinkList } from "./link-blocks.ts";
import { hasNonArticleName, nonArticleTexts } from "./non-article-names.ts";
import { isCommentsHeading, isRelatedHeading, MAX_HEADING_CHARS, opensWithRelatedHeading } from "./related-headings.ts";
import { smallTexts } from "./small-texts.ts";
import { linksOnlyToSocial } from "./social-links.ts";
import { textStats, type TextStats } from "./text-stats.ts";
import { collapseWhitespace } from "./text.ts";

/** Elements judged whole as a block of links: a list has a rule of its own, a table of data keeps its links. */
const BLOCK_CONTAINERS: ReadonlySet<string> = new Set(["div", "section", "p", "dl", "aside", "footer", "header", "nav", "span"]);
/**
 * Elements that may carry a heading, a date line or a one-line teaser. The inline ones count only where they
 * stand as a line of their own: the cleaner never looks inside a paragraph (`TEXT_BLOCKS`).
 */
const LINE_TAGS: ReadonlySet<string> = new Set(["p", "div", "h2", "h3", "h4", "h5", "h6", "header", "strong", "b", "span", "time", "em", "i", "small", "a"]);
/** Blocks of running text: their links, bold words and dates are the text's own, judged with the block or not at all. */
const TEXT_BLOCKS: ReadonlySet<string> = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "td", "th", "pre", "figcaption", "caption"]);
/** Elements that hold a paragraph of the body. */
const PROSE_TAGS: ReadonlySet<string> = new Set(["p", "li", "blockquote", "pre", "dd", "td"]);
/**
 * A paragraph of the body: 80 characters is a sentence, longer than any headline link or caption line, and
 * links at most 30% of it, which a paragraph citing its sources stays under and a teaser does not.
 */
const PROSE_CHARS = 80;
const PROSE_LINK_SHARE = 0.3;
/**
 * Largest named element taken for furniture without other evidence: an author box, a caption, a
 * subscription prompt are a sentence or two. A longer element with such a name must also be link-dense or
 * after the body.
 */
export const SMALL_BLOCK_CHARS = 500;
/** An element holding this share of the content's text wraps the article, whatever its name says. */
const WRAPPER_SHARE = 0.5;
/**
 * A one-link teaser: a paragraph whose text is a link to the site at this share at least, and no longer
 * than a headline with its rubric.
 */
const TEASER_LINK_SHARE = 0.8;
const TEASER_MAX_CHARS = 200;
/**
 * After the body, a block whose links make half its text or more is a teaser, a source line or a tag list.
 * Less would take a closing sentence that names where to read the document it reports on.
 */
const TRAILING_LINK_SHARE = 0.5;

/** What the cleaner knows of the content it judges. */
interface Content {
  stats: (el: Element) => TextStats;
  totalChars: number;
  siteHost: string | null;
  /** The last paragraph of the body, or null when the content has none. */
  lastProse: Element | null;
  order: ReadonlyMap<Element, number>;
  /** An element's text, whitespace collapsed. */
  text: (el: Element) => string;
  /** The body's paragraphs with their texts: what a pull quote repeats (read only when the page has a quotation). */
  paragraphTexts: () => ReadonlyArray<readonly [Element, string]>;
  /** Texts of the small elements of the original page whose names say they are not the article (`nonArticleTexts`). */
  namedTexts: ReadonlySet<string>;
  documentTitle: string;
  /** The first paragraph of the body: the headline comes before it. */
  firstProse: Element | null;
}

/** What the page said of itself before Readability rewrote it. */
export interface PageFacts {
  /** Where the page was found (or its canonical URL): its host is the site whose other articles are not this one. */
  pageUrl: string | null;
  namedTexts: ReadonlySet<string>;
  /** The document's `<title>`, which holds the headline, often with the site's name. */
  documentTitle: string;
}

/** Reads `PageFacts` from the document; must run before Readability. */
export function readPageFacts(doc: Document, pageUrl: string | null): PageFacts {
  return {
    pageUrl,
    namedTexts: doc.body ? nonArticleTexts(doc.body, SMALL_BLOCK_CHARS) : new Set(),
    documentTitle: collapseWhitespace(doc.querySelector("title")?.textContent ?? ""),
  };
}

/**
 * Removes from Readability's `content` what is not the article: captions and credits, lists and blocks of
 * links to other articles with their headings, tag lists, author boxes, prompts, comments and date lines.
 * Decided from the DOM: link density, whether lists are of headline links to the site (`pageUrl`'s host),
 * headings that introduce link blocks, class and id names as one signal among others, and position after
 * the last paragraph of the body. `facts` are read from the page before Readability (`readPageFacts`). Links and lists inside the body's paragraphs stay.
 */
export function removeNonArticle(content: Element, facts: PageFacts): void {
  const elements = elementsInOrder(content);
  const stats = textStats(elements);
  const totalChars = stats(content).chars;
  const order = new Map(elements.map((el, i) => [el, i]));
  const siteHost = facts.pageUrl ? hostOf(facts.pageUrl) : null;
  const small = smallTexts(elements, SMALL_BLOCK_CHARS);
  const text = (el: Element) => collapseWhitespace(small(el) ?? el.textContent ?? "");
  const prose = elements.filter((el) => isProse(el, stats(el)));
  // A paragraph whose element, or whose text on the original page, is named as furniture is not the body's.
  const bodyProse = prose.filter((el) => !hasNamedAncestor(el, content) && !facts.namedTexts.has(text(el)));
  const lastProse = lastBodyParagraph(bodyProse, stats);
  let paragraphs: Array<readonly [Element, string]> | null = null;
  const paragraphTexts = () => (paragraphs ??= prose.map((el) => [el, quoteless(text(el))] as const));
  const firstProse = prose[0] ?? null;
  const { namedTexts, documentTitle } = facts;
  const context: Content = { stats, text, totalChars, siteHost, lastProse, order, paragraphTexts, namedTexts, documentTitle, firstProse };

  const doomed = new Set<Element>();
  const stack: Element[] = [...childElements(content)].reverse();
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (doomed.has(el)) continue;
    if (LINE_TAGS.has(tagOf(el)) && stats(el).chars <= MAX_HEADING_CHARS && isCommentsHeading(text(el))) {
      for (let next: Element | null = el; next; next = next.nextElementSibling) doomed.add(next);
      continue;
    }
    if (isNonArticle(el, context)) {
      doomed.add(el);
      continue;
    }
    const children = childElements(el);
    // A table-layout page's cell, or a list item, may hold the blocks of a page rather than a line of text.
    if (!TEXT_BLOCKS.has(tagOf(el)) || children.some((child) => BLOCK_TAGS.has(tagOf(child)))) stack.push(...children.reverse());
  }
  for (const el of doomed) el.remove();
}

function isNonArticle(el: Element, content: Content): boolean {
  const { stats } = content;
  const tag = tagOf(el);
  const s = stats(el);
  if (s.chars === 0) return false;
  if (tag === "figcaption") return true;
  if (QUOTE_TAGS.has(tag) && isPullQuote(el, content)) return true;
  // A figure's own text is its caption, unless the figure holds a table, a quotation or a listing.
  if (tag === "figure") return el.querySelector("table, blockquote, pre, ol, ul") === null;
  const afterBody = isAfterBody(el, content);
  if (afterBody && s.chars <= CLOSING_NOTE_CHARS && isEmphasized(el, stats)) return true;
  // Inside the body's block such a line may be the article's closing sentence citing a post; outside, a prompt.
  if (afterBody && s.chars <= SMALL_BLOCK_CHARS && !isInBodyBlock(el, content) && linksOnlyToSocial(el)) return true;
  if (BLOCK_CONTAINERS.has(tag) && (isUnnamedFigure(el, content) || isBylineBlock(el, content))) return true;
  const small = s.chars <= SMALL_BLOCK_CHARS || isLinkBlock(s, 1) || afterBody;
  const named = hasNonArticleName(el) || (s.chars <= SMALL_BLOCK_CHARS && content.namedTexts.size > 0 && content.namedTexts.has(content.text(el)));
  if (named && s.chars < WRAPPER_SHARE * content.totalChars && small) return true;
  if (tag === "ul" || tag === "ol") {
    const list = readLinkList(childElements(el).filter((item) => tagOf(item) === "li"), stats, content.siteHost);
    return list.headlines && (list.sameSite || afterBody || isRelatedHeadingElement(el.previousElementSibling, content));
  }
  if (BLOCK_CONTAINERS.has(tag) && isLinkBlock(s, 2)) return true;
  if (afterBody && BLOCK_CONTAINERS.has(tag) && s.links > 0 && s.linkChars >= TRAILING_LINK_SHARE * s.chars) return true;
  // Headings, teasers and date lines are short: longer text is not read again.
  if (!LINE_TAGS.has(tag) || s.chars > TEASER_MAX_CHARS) return false;
  const line = content.text(el);
  if (!isAfterBody(el, content) && isHeadline(el, line, content)) return true;
  // A date line may carry the rubric or the author as a link.
  if (isDateLine(line) || (s.links > 0 && isDateLine(textOutsideLinks(el)))) return true;
  if (isRelatedHeading(line)) return afterBody || introducesLinks(el.nextElementSibling, content);
  if (s.links === 0) return false;
  if (opensWithRelatedHeading(line) && s.linkChars >= LINK_LINE_SHARE * s.chars) return true;
  return s.links === 1 && s.linkChars >= TEASER_LINK_SHARE * s.chars && linksToSite(el, content);
}

/** Fewest words of a line taken for the headline because the `<title>` holds it: "Главная" or a rubric is in many titles. */
const MIN_HEADLINE_WORDS = 3;

/**
 * The headline printed above the body, as plain text where the page has no `<h1>` (table layouts print it
 * in `<font>` or `<b>`): a line before the first paragraph that the document's title contains.
 */
function isHeadline(el: Element, line: string, content: Content): boolean {
  const { firstProse, order, documentTitle } = content;
  if (firstProse === null || (order.get(el) ?? 0) > (order.get(firstProse) ?? 0)) return false;
  return line.split(" ").length >= MIN_HEADLINE_WORDS && documentTitle.toLowerCase().includes(line.toLowerCase());
}

/** A line opening with "Читайте также" is a teaser when its links are this share of it (the heading is the rest). */
const LINK_LINE_SHARE = 0.4;

/** Elements that set a quotation apart, which a pull quote is made of. */
const QUOTE_TAGS: ReadonlySet<string> = new Set(["blockquote", "figure", "aside"]);
/** Shortest pull quote recognised: a shorter repeat (a name, a figure) may well be quoted in the body twice. */
const MIN_PULL_QUOTE_CHARS = 40;

/** A quotation that repeats words of a paragraph elsewhere in the body, set apart to catch the eye: said once already. */
function isPullQuote(el: Element, content: Content): boolean {
  const quote = quoteless(content.text(el));
  if (quote.length < MIN_PULL_QUOTE_CHARS) return false;
  return content.paragraphTexts().some(([paragraph, words]) => !el.contains(paragraph) && words.includes(quote));
}

/** A text without quotation marks and the punctuation closing it, as a pull quote may add or drop them. */
function quoteless(line: string): string {
  return line.replace(/["«»“”„'‘’]/g, "").replace(/[\s.,;:!?…—–-]+$/u, "");
}

/**
 * Longest closing note, in characters other than whitespace: a sign-off under the body set apart in
 * italics (the author's one-line biography, "Беседовала …", a call to send the newsroom photos) is a
 * sentence of 20 to 120. A paragraph of background in italics ("Напомним, …") longer than this stays; a
 * one-sentence one is taken for a note, which the golden pages' notes are worth.
 */
const CLOSING_NOTE_CHARS = 200;
/** Elements that set a line in italics. */
const EMPHASIS_TAGS: ReadonlySet<string> = new Set(["em", "i"]);

/** Whether all of an element's text is in one italic element (or it is one). */
function isEmphasized(el: Element, stats: Content["stats"]): boolean {
  const chars = stats(el).chars;
  if (chars === 0) return false;
  if (EMPHASIS_TAGS.has(tagOf(el))) return true;
  for (const inner of el.querySelectorAll("em, i")) if (stats(inner).chars === chars) return true;
  return false;
}

/**
 * The body's last paragraph: the last of `paragraphs`, unless the last ones are short closing notes in
 * italics under paragraphs in roman, which are not the article (`CLOSING_NOTE_CHARS`). A body set in
 * italics throughout has no such note.
 */
function lastBodyParagraph(paragraphs: readonly Element[], stats: Content["stats"]): Element | null {
  const lastRoman = paragraphs.findLastIndex((el) => !isEmphasized(el, stats));
  if (lastRoman < 0) return paragraphs.at(-1) ?? null;
  const notes = paragraphs.slice(lastRoman + 1);
  return notes.every((el) => stats(el).chars <= CLOSING_NOTE_CHARS) ? paragraphs[lastRoman]! : paragraphs.at(-1)!;
}

/**
 * A figure in all but its tag: a block holding a `<figcaption>` (a video player's, in a `<div>`) with no
 * more than a line besides, its player's labels, and no table, quotation or listing.
 */
function isUnnamedFigure(el: Element, content: Content): boolean {
  const caption = childElements(el).find((child) => tagOf(child) === "figcaption");
  if (caption === undefined || el.querySelector("table, blockquote, pre, ol, ul") !== null) return false;
  return content.stats(el).chars - content.stats(caption).chars < PROSE_CHARS;
}

/**
 * The byline block above the body: before its first paragraph, two or more lines no longer than a heading,
 * one of which dates the article (a `<time>` or a date line). The date line alone goes anyway; the lines
 * beside it, the author's name and role, go with it.
 */
function isBylineBlock(el: Element, content: Content): boolean {
  const { firstProse, order, stats } = content;
  if (firstProse === null || el.contains(firstProse) || (order.get(el) ?? 0) > (order.get(firstProse) ?? 0)) return false;
  const lines = childElements(el);
  if (lines.length < 2 || stats(el).chars > TEASER_MAX_CHARS || lines.some((line) => stats(line).chars > MAX_HEADING_CHARS)) return false;
  return lines.some((line) => tagOf(line) === "time" || line.querySelector("time") !== null || isDateLine(content.text(line)));
}

function isProse(el: Element, s: TextStats): boolean {
  if (!PROSE_TAGS.has(tagOf(el)) || s.chars < PROSE_CHARS || s.linkChars >= PROSE_LINK_SHARE * s.chars) return false;
  // A table-layout cell holding the paragraphs is the page, not one of its paragraphs.
  return !childElements(el).some((child) => BLOCK_TAGS.has(tagOf(child)));
}

/** Whether an element comes after the last paragraph of the body (and is not inside it). */
function isAfterBody(el: Element, content: Content): boolean {
  const { lastProse, order } = content;
  if (lastProse === null) return false;
  return (order.get(el) ?? 0) > (order.get(lastProse) ?? 0) && !lastProse.contains(el);
}

/** Whether an element is inside the block that holds the body's last paragraph. */
function isInBodyBlock(el: Element, content: Content): boolean {
  return content.lastProse?.parentElement?.contains(el) ?? false;
}

function hasNamedAncestor(el: Element, root: Element): boolean {
  for (let at = el.parentElement; at && at !== root; at = at.parentElement) if (hasNonArticleName(at)) return true;
  return false;
}

/** Whether a heading's next sibling is a block or a list of links, which the heading then introduces. */
function introducesLinks(next: Element | null, content: Content): boolean {
  if (next === null) return false;
  const s = content.stats(next);
  if (tagOf(next) === "ul" || tagOf(next) === "ol") return readLinkList(childElements(next), content.stats, content.siteHost).headlines;
  return isLinkBlock(s, 1);
}

function isRelatedHeadingElement(el: Element | null, content: Content): boolean {
  return el !== null && LINE_TAGS.has(tagOf(el)) && content.stats(el).chars <= MAX_HEADING_CHARS && isRelatedHeading(content.text(el));
}

function linksToSite(el: Element, content: Content): boolean {
  const href = tagOf(el) === "a" ? el.getAttribute("href") : el.querySelector("a[href]")?.getAttribute("href");
  return href != null && isSameSite(href, content.siteHost);
}

function childElements(el: Element): Element[] {
  const children: Element[] = [];
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) children.push(child);
  return children;
}

/** The text of an element less that of its links. */
function textOutsideLinks(el: Element): string {
  let out = "";
  const stack: Node[] = [el];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3) out += node.nodeValue ?? "";
    else if (node.nodeType === 1 && !((node as Element).localName === "a" && (node as Element).hasAttribute("href"))) pushChildren(stack, node);
  }
  return collapseWhitespace(out);
}

/** An element's tag in lower case: Readability retags elements it creates in upper case ("DIV", "SPAN"), which linkedom keeps. */
function tagOf(el: Element): string {
  return el.localName.toLowerCase();
}

