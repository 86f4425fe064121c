import { Readability } from "@mozilla/readability";
import { readPageFacts, removeNonArticle } from "./content-cleaning.ts";
import { elementsInOrder } from "./elements.ts";
import { readLead, restoreLead } from "./lead.ts";

/** Attribute naming elements of the original document so they can be recognised in Readability's output. */
const MARK = "data-copyquota-node";

/** Readability's verdict on a document. */
export interface MainContent {
  title: string | null;
  /** The article element Readability built, less what is not the article (`removeNonArticle`), or null when it found none. */
  content: Element | null;
  /** The elements Readability kept, in document order: a link or a date in a block removed afterwards was still on the page. */
  contentElements: Element[];
  /** Whether a watched element of the original document survived into `content`. */
  kept: (el: Element) => boolean;
}

/**
 * Runs Readability on `doc`, which it rewrites: read everything else from the document first.
 * Readability moves, retags and drops nodes, and on a retry re-parses the whole body from HTML, so node
 * identity cannot say what it kept. Each element of `watched` gets a numbered attribute instead, which
 * survives all of that (Readability copies attributes when it retags and strips only presentational ones).
 * `pageUrl` names the page's site, whose other articles a list of links to is no part of this one.
 */
export function readMainContent(doc: Document, watched: Iterable<Element>, pageUrl: string | null): MainContent {
  const numbers = new Map<Element, string>();
  for (const el of watched) {
    if (numbers.has(el)) continue;
    const number = String(numbers.size);
    numbers.set(el, number);
    el.setAttribute(MARK, number);
  }
  const facts = readPageFacts(doc, pageUrl);
  const lead = readLead(doc);
  // Class names are kept: they are one of the signals `removeNonArticle` weighs.
  const article = new Readability(doc, { serializer: (node: Node) => node as Element, keepClasses: true }).parse();
  const content = article?.content ?? null;
  const keptNumbers = new Set<string>();
  const contentElements = content ? elementsInOrder(content) : [];
  for (const el of contentElements) {
    const number = el.getAttribute(MARK);
    if (number !== null) keptNumbers.add(number);
  }
  if (content) {
    // Put back before the cleaning, which judges the lead like any other block.
    restoreLead(content, lead);
    removeNonArticle(content, facts);
  }
  return {
    title: article?.title ?? null,
    content,
    contentElements,
    kept: (el) => keptNumbers.has(numbers.get(el) ?? ""),
  };
}
