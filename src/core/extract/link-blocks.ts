import type { TextStats } from "./text-stats.ts";

/**
 * Share of an element's text that links must make for it to be a block of links rather than text with links
 * in it. In a related list, a tag cloud or a most-read widget the links are nearly all the text (a date or a
 * view count beside each headline leaves them well over half); in a paragraph of prose that cites its
 * sources they are a tenth or two.
 */
export const LINK_BLOCK_SHARE = 0.5;
/**
 * Share of a list item's text its link must make for the item to be a headline link. Higher than a block's
 * because an item is one headline, with at most a date or a rubric beside it.
 */
const LINK_ITEM_SHARE = 0.6;
/** Share of a list's items that must be headline links: one item of plain text does not make it content. */
const LINK_ITEMS_SHARE = 2 / 3;

/** Whether `href` leads to the site the page belongs to: relative links do, absolute ones on its host or a subdomain. */
export function isSameSite(href: string, siteHost: string | null): boolean {
  const absolute = href.startsWith("//") ? `https:${href}` : href;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(absolute)) return true;
  const host = hostOf(absolute);
  if (host === null || siteHost === null) return false;
  return host === siteHost || host.endsWith(`.${siteHost}`) || siteHost.endsWith(`.${host}`);
}

/** A URL's host without a leading `www.`, or null when it is not a URL. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** Whether at least `minLinks` links make at least `LINK_BLOCK_SHARE` of a block's text. */
export function isLinkBlock(stats: TextStats, minLinks: number): boolean {
  return stats.links >= minLinks && stats.linkChars >= LINK_BLOCK_SHARE * stats.chars;
}

/** What a list is made of, for deciding whether it is a list of other articles. */
export interface LinkList {
  /** Whether most of its items are a headline link each. */
  headlines: boolean;
  /** Whether most of those links lead to the page's own site. */
  sameSite: boolean;
}

/** Reads a `<ul>`/`<ol>` whose items' statistics and links are given. */
export function readLinkList(items: readonly Element[], stats: (el: Element) => TextStats, siteHost: string | null): LinkList {
  const linked = items.filter((item) => {
    const s = stats(item);
    return s.links >= 1 && s.links <= 2 && s.linkChars >= LINK_ITEM_SHARE * s.chars;
  });
  const headlines = items.length >= 2 && linked.length >= LINK_ITEMS_SHARE * items.length;
  const sameSite = linked.filter((item) => {
    const href = item.querySelector("a[href]")?.getAttribute("href") ?? "";
    return isSameSite(href, siteHost);
  });
  return { headlines, sameSite: headlines && sameSite.length * 2 > linked.length };
}
