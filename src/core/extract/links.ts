import type { PageLink } from "../types.ts";
import { BLOCK_TAGS } from "./blocks.ts";
import { chromeJudge, isArticleScope } from "./chrome.ts";
import type { ChromeJudge } from "./chrome.ts";
import { attribute, pushChildren } from "./elements.ts";
import { resolveHttpUrl } from "./metadata.ts";
import { collapseWhitespace } from "./text.ts";

/** A link of the original document with what its ancestors say about it; main content is judged later. */
export interface FoundLink {
  link: Omit<PageLink, "mainContent">;
  /** Inside site-wide chrome (see `chrome.ts`). */
  chrome: boolean;
  anchor: Element;
  /** Nearest block ancestor that is not hidden: what Readability keeps when it drops a hidden link. */
  block: Element | null;
}

/** The links of a page and the navigation among its chrome. */
export interface PageSurvey {
  links: FoundLink[];
  /**
   * Outermost chrome elements made mostly of links (menus, breadcrumbs, the link column of a table layout).
   * They are no part of the main text.
   */
  navigation: Element[];
}

interface Context {
  hidden: boolean;
  noindex: boolean;
  inArticle: boolean;
  chrome: boolean;
  block: Element | null;
}

const INLINE_HIDING = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;
const NOT_FOLLOWED = new Set(["nofollow", "ugc", "sponsored"]);
const NOINDEX_OPEN = /^\s*noindex\s*$/i;
const NOINDEX_CLOSE = /^\s*\/noindex\s*$/i;

/**
 * Every `<a href>` of the document that names an http(s) page, in document order, resolved against `base`
 * (without a base only absolute links resolve). Fragment-only, `javascript:` and `mailto:` links name no page.
 * `elements` are the document's elements in order (see `elementsInOrder`).
 * Must run before Readability, which rewrites the document.
 */
export function surveyPage(doc: Document, elements: readonly Element[], base: string | undefined): PageSurvey {
  const judge = chromeJudge(doc, elements);
  const found: FoundLink[] = [];
  const navigation: Element[] = [];
  // `<!--noindex-->` … `<!--/noindex-->` comments may open in one element and close in another,
  // so their state follows document order rather than the tree.
  let inNoindexComments = false;
  const root: Context = { hidden: false, noindex: false, inArticle: false, chrome: false, block: null };
  const stack: Array<Node | Context> = [];
  pushChildren(stack, doc);
  let context = root;
  // Each element's context is pushed below its children, so popping it restores the parent's context.
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (!("nodeType" in item)) {
      context = item;
      continue;
    }
    if (item.nodeType === 8) {
      const data = (item as Comment).data;
      if (NOINDEX_OPEN.test(data)) inNoindexComments = true;
      else if (NOINDEX_CLOSE.test(data)) inNoindexComments = false;
      continue;
    }
    if (item.nodeType !== 1) continue;
    const el = item as Element;
    if (el.localName === "template") continue;
    const inner = enter(el, context, judge);
    if (inner.chrome && !context.chrome && judge.isLinkDense(el, 1)) navigation.push(el);
    if (el.localName === "a") {
      const link = readAnchor(el, base, inner, inNoindexComments);
      if (link) found.push({ link, chrome: inner.chrome, anchor: el, block: inner.block });
    }
    if (el.firstChild) {
      stack.push(context);
      pushChildren(stack, el);
      context = inner;
    }
  }
  return { links: found, navigation };
}

function enter(el: Element, parent: Context, judge: ChromeJudge): Context {
  const hidden = parent.hidden || el.hasAttribute("hidden") || INLINE_HIDING.test(attribute(el, "style") ?? "");
  return {
    hidden,
    noindex: parent.noindex || el.localName === "noindex",
    chrome: parent.chrome || judge.isChrome(el, parent.inArticle),
    inArticle: parent.inArticle || isArticleScope(el),
    block: BLOCK_TAGS.has(el.localName) && !hidden ? el : parent.block,
  };
}

function readAnchor(
  anchor: Element,
  base: string | undefined,
  context: Context,
  inNoindexComments: boolean,
): Omit<PageLink, "mainContent"> | null {
  const raw = anchor.getAttribute("href")?.trim() ?? "";
  if (raw === "" || raw.startsWith("#")) return null;
  const href = resolveHttpUrl(raw, base);
  if (!href) return null;
  const rel = (anchor.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
  return {
    href,
    text: anchorText(anchor),
    nofollow: rel.some((token) => NOT_FOLLOWED.has(token)),
    noindex: context.noindex || inNoindexComments,
    hidden: context.hidden,
  };
}

/** The visible words of a link, else what an image link or a `title` says it is. */
function anchorText(anchor: Element): string {
  const text = collapseWhitespace(anchor.textContent ?? "");
  if (text !== "") return text;
  const alt = anchor.querySelector("img[alt]")?.getAttribute("alt");
  return collapseWhitespace(alt ?? anchor.getAttribute("title") ?? "");
}
