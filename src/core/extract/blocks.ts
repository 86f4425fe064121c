import { pushChildren } from "./elements.ts";
import { collapseWhitespace } from "./text.ts";

/** Elements that start a new block of text: a paragraph break before and after them. */
export const BLOCK_TAGS = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
  "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
  "tr", "ul",
]);

/** Elements whose content is not text a reader sees. */
const SKIPPED_TAGS = new Set(["script", "style", "template", "noscript", "svg", "math", "head", "title"]);

/**
 * The text blocks of an element, in order, each whitespace-collapsed. A block is a run of text between
 * block boundaries, so a paragraph, a heading, a list item, a quotation, a table cell of text and the bare
 * text of a `<div>` each give one, and a container's text is split around the blocks nested in it.
 * The walk keeps its own stack: table-layout pages can nest unclosed tags deeper than the call stack allows.
 */
export function blockTexts(root: Element): string[] {
  const blocks: string[] = [];
  let run = "";
  const flush = () => {
    const text = collapseWhitespace(run);
    if (text !== "") blocks.push(text);
    run = "";
  };
  /** Nodes still to visit, last first; `null` marks the end of a block element. */
  const stack: Array<Node | null> = [];
  pushChildren(stack, root);
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null) {
      flush();
    } else if (node?.nodeType === 3) {
      run += node.nodeValue ?? "";
    } else if (node?.nodeType === 1) {
      const tag = (node as Element).localName;
      if (SKIPPED_TAGS.has(tag)) continue;
      if (tag === "br") {
        run += " ";
        continue;
      }
      if (BLOCK_TAGS.has(tag)) {
        flush();
        stack.push(null);
      }
      pushChildren(stack, node);
    }
  }
  flush();
  return blocks;
}
