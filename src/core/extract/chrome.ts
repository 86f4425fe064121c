import { attribute } from "./elements.ts";
import { textStats } from "./text-stats.ts";

/** Landmarks that hold site-wide chrome wherever they sit. */
const CHROME_TAGS = new Set(["nav", "aside"]);
/** ARIA roles of site-wide regions; `banner` and `contentinfo` are by definition the page's, not an article's. */
const CHROME_ROLES = new Set(["navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search"]);
/**
 * Class or id names of menus, sidebars and breadcrumbs. `nav` must start a name or follow a separator or a
 * common prefix so that words merely containing it ("unavailable") do not match.
 */
const CHROME_NAME = /menu|sidebar|breadcrumb|(?:^|[\s_-]|sub|top|main|site)nav/i;
/** Header and footer, as tags or names, are chrome only outside an article (where they are its own). */
const PAGE_SECTION_TAGS = new Set(["header", "footer"]);
const PAGE_SECTION_NAME = /header|footer/i;
/**
 * A class name is only a hint: `<body class="has-sidebar">` or `<div class="page-with-sidebar">` wraps the
 * article. Chrome is a minority of a page's text, so an element holding at least half of it is a wrapper.
 */
const WRAPPER_TEXT_SHARE = 0.5;
/**
 * A table cell made mostly of links is the navigation column of a table-layout page.
 * Three links at least, because a cell of text may well carry one or two; link text at least half the
 * cell's text, because in a menu the links are nearly all of it while in an article they are a small part.
 */
const MIN_NAVIGATION_LINKS = 3;
const MIN_LINK_TEXT_SHARE = 0.5;

/** Judgements about the regions of one document. */
export interface ChromeJudge {
  /** Whether an element is site-wide chrome; `inArticle` says whether an ancestor is an article scope. */
  isChrome(el: Element, inArticle: boolean): boolean;
  /** Whether at least `minLinks` links make up at least half the element's text (or all of it: image links). */
  isLinkDense(el: Element, minLinks: number): boolean;
}

/** Elements that scope an article: inside them a header or footer belongs to the article. */
export function isArticleScope(el: Element): boolean {
  const role = attribute(el, "role");
  return el.localName === "article" || el.localName === "main" || role === "main" || role === "article";
}

/** `elements`: the document's elements in order (see `elementsInOrder`). */
export function chromeJudge(doc: Document, elements: readonly Element[]): ChromeJudge {
  const stats = textStats(elements);
  const pageChars = doc.body ? stats(doc.body).chars : 0;
  const isLinkDense = (el: Element, minLinks: number) => {
    const { chars, linkChars, links } = stats(el);
    return links >= Math.max(minLinks, 1) && linkChars >= MIN_LINK_TEXT_SHARE * chars;
  };
  const isChrome = (el: Element, inArticle: boolean) => {
    const tag = el.localName;
    if (tag === "body" || tag === "html") return false;
    if (CHROME_TAGS.has(tag) || CHROME_ROLES.has(attribute(el, "role") ?? "")) return true;
    if (!inArticle && PAGE_SECTION_TAGS.has(tag)) return true;
    if ((tag === "td" || tag === "th") && isLinkDense(el, MIN_NAVIGATION_LINKS)) return true;
    const names = `${attribute(el, "class") ?? ""} ${attribute(el, "id") ?? ""}`;
    const named = CHROME_NAME.test(names) || (!inArticle && PAGE_SECTION_NAME.test(names));
    return named && stats(el).chars < WRAPPER_TEXT_SHARE * pageChars;
  };
  return { isChrome, isLinkDense };
}
