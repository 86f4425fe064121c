import { BLOCK_TAGS } from "./blocks.ts";
import { hasNonArticleName } from "./non-article-names.ts";
import { collapseWhitespace } from "./text.ts";

/**
 * Shortest lead: a sentence. What else may sit right under a headline (a rubric, a byline, a date line, a
 * photo credit) is shorter.
 */
const MIN_LEAD_CHARS = 80;

/** Elements a lead is printed in. */
const LEAD_TAGS: ReadonlySet<string> = new Set(["p", "div"]);

/**
 * The lead printed under the headline, read before Readability runs: the element right after the `<h1>`
 * that the document's `<title>` holds, when it is a line of plain text (no link, no block inside, not named
 * as furniture) a sentence long. Readability drops such a lead when it shares a header block with the
 * headline apart from the body's block, and the article then loses its first sentence.
 */
export function readLead(doc: Document): string | null {
  const title = collapseWhitespace(doc.querySelector("title")?.textContent ?? "").toLowerCase();
  const heading = [...doc.querySelectorAll("h1")].find((h1) => {
    const text = collapseWhitespace(h1.textContent ?? "").toLowerCase();
    return text !== "" && title.includes(text);
  });
  const next = heading?.nextElementSibling;
  if (!next || !LEAD_TAGS.has(next.localName.toLowerCase()) || hasNonArticleName(next) || next.querySelector("a[href]") !== null) return null;
  if ([...next.children].some((child) => BLOCK_TAGS.has(child.localName.toLowerCase()))) return null;
  const text = collapseWhitespace(next.textContent ?? "");
  return text.length >= MIN_LEAD_CHARS ? text : null;
}

/** Puts the lead (`readLead`) back at the top of Readability's content when it was left out. */
export function restoreLead(content: Element, lead: string | null): void {
  if (lead === null || collapseWhitespace(content.textContent ?? "").includes(lead)) return;
  const paragraph = content.ownerDocument.createElement("p");
  paragraph.textContent = lead;
  content.prepend(paragraph);
}
