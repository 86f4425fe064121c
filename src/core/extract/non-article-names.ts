import { attribute, elementsInOrder } from "./elements.ts";
import { smallTexts } from "./small-texts.ts";
import { collapseWhitespace } from "./text.ts";

/**
 * Words of class, id, role and itemprop values that name a part of a news page which is not the article's
 * text: related and most-read lists, tags, share and subscription prompts, captions and credits, author
 * boxes, comments and the date-and-views line. A name is one signal: the cleaner also asks for the element
 * to be small, link-dense or after the body (`content-cleaning.ts`), because `class="author-text"` may wrap
 * a column and `class="tags-and-body"` a whole article.
 */
const NON_ARTICLE_WORDS: ReadonlySet<string> = new Set([
  "related", "similar", "seealso", "readmore", "readalso", "morenews", "recommended", "recommend", "teaser",
  "teasers", "mostread", "popular", "trending", "tags", "tag", "taglist", "keywords", "topics", "rubrics",
  "share", "sharing", "social", "socials", "subscribe", "subscription", "newsletter", "author", "authors",
  "byline", "comments", "comment", "discussion", "promo", "caption", "credit", "credits", "photo", "rating",
  "meta", "dateline", "date", "views", "counter", "signoff", "donate", "paywall", "partners", "copyright", "info",
]);

/**
 * Words that name an appeal for readers' support only in a class. An id is often made from a heading's
 * text (Wikipedia's `Leiber_and_Stoller_collaboration_and_draft_notice`), and a section on support or
 * contributions is an article's own.
 */
const CLASS_ONLY_WORDS: ReadonlySet<string> = new Set(["support", "contributions"]);

/**
 * Any of the words anywhere in the names, separators dropped: a quick test that most names ("container",
 * "col-8") fail, before they are split into words, which costs more and is done for every element of a page.
 */
const NON_ARTICLE_HINT = new RegExp([...NON_ARTICLE_WORDS, ...CLASS_ONLY_WORDS].join("|"), "i");

/** Word boundaries within a name: separators, and the lower-to-upper step of camelCase. */
const NAME_BREAK = /[\s_\-:.]+|(?<=[a-z])(?=[A-Z])/;

/** Whether an element's class, id, role or itemprop names a part of a page that is not the article. */
export function hasNonArticleName(el: Element): boolean {
  if (!el.hasAttributes()) return false;
  const className = attribute(el, "class") ?? "";
  const names = [className, ...["id", "role", "itemprop"].map((name) => attribute(el, name) ?? "")].join(" ");
  if (!NON_ARTICLE_HINT.test(names.replace(/[\s_\-:.]/g, ""))) return false;
  return namesOneOf(names, NON_ARTICLE_WORDS) || namesOneOf(className, CLASS_ONLY_WORDS);
}

/** Whether names hold one of `words`, compounds written as one word or two ("readmore", "read-more", "readMore"). */
function namesOneOf(names: string, words: ReadonlySet<string>): boolean {
  const parts = names.split(NAME_BREAK).map((word) => word.toLowerCase());
  return parts.some((word, i) => words.has(word) || words.has(word + (parts[i + 1] ?? "")));
}

/**
 * The texts, up to `maxChars` long, of the elements of `root` whose names say they are not the article. Read
 * before Readability runs: it replaces a `<div>` holding only text with a new `<p>` that has none of the
 * div's attributes, so a credit or a prompt in such a div can only be recognised again by its text.
 */
export function nonArticleTexts(root: Element, maxChars: number): Set<string> {
  const elements = elementsInOrder(root);
  const named = elements.filter(hasNonArticleName);
  const texts = new Set<string>();
  if (named.length === 0) return texts;
  const textOf = smallTexts(elements, maxChars);
  for (const el of named) {
    const raw = textOf(el);
    const text = raw === null ? "" : collapseWhitespace(raw);
    if (text !== "" && text.length <= maxChars) texts.add(text);
  }
  return texts;
}
