/** How many elements a page's HTML makes and how deep they nest, as the HTML parser will build them. */
export interface PageShape {
  elements: number;
  depth: number;
}

/**
 * Measures a page's shape from its tag tokens alone, in one pass and without a DOM, so that a page can be
 * refused before the parser and Readability, whose cost grows with depth faster than linearly, ever see it.
 * It follows the rules of htmlparser2 (what linkedom parses with) that change the shape of the tree: void
 * elements, tags that close open ones (`<p>`, `<li>`, `<td>`…), end tags that close everything above their
 * element or are ignored, `/>` honoured only in SVG and MathML (less their HTML islands), short comments
 * (`<!-->`), and the raw text of `<script>`, `<style>`, `<title>`, `<textarea>` and `<xmp>`. Its figures are
 * never below the tree's and at most one above (a tag left unfinished), whatever the page is made of: the
 * tests compare the two on random token soup.
 */
export function measurePageShape(html: string): PageShape {
  const stack: string[] = [];
  /** How many elements of each name are on the stack: an end tag with none open is ignored without a search. */
  const open = new Map<string, number>();
  /** htmlparser2's `foreignContext`, innermost last: whether `/>` closes the element it ends. */
  const foreign: boolean[] = [false];
  let elements = 0;
  let depth = 0;

  const push = (name: string): void => {
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
  };
  const pop = (): string => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
    return name;
  };

  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf("<", at);
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 1);
    if (next === SLASH && isLetter(html.charCodeAt(lt + 2))) {
      const tag = readTag(html, lt + 2);
      at = tag.end;
      // As in htmlparser2, whether or not the element is open.
      if (FOREIGN.has(tag.name) || INTEGRATION.has(tag.name)) foreign.pop();
      if ((open.get(tag.name) ?? 0) > 0) {
        while (pop() !== tag.name);
      } else if (tag.name === "p" || tag.name === "br") {
        // htmlparser2 makes an element of a stray </p> or </br>.
        elements++;
        depth = Math.max(depth, stack.length + 1);
      }
    } else if (isLetter(next)) {
      const tag = readTag(html, lt + 1);
      at = tag.end;
      elements++;
      const closes = IMPLIED_CLOSES.get(tag.name);
      if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1]!)) pop();
      // Void, self-closed and raw-text elements nest one level below the open ones too.
      depth = Math.max(depth, stack.length + 1);
      if (VOID.has(tag.name)) continue;
      // The context is pushed before `/>` is read, and not popped when `/>` closes the element (htmlparser2's way).
      if (FOREIGN.has(tag.name)) foreign.push(true);
      else if (INTEGRATION.has(tag.name)) foreign.push(false);
      if (tag.selfClosing && foreign[foreign.length - 1] === true) continue;
      if (RAW_TEXT.has(tag.name) && !tag.selfClosing) {
        at = endOfRawText(html, tag.name, at);
        continue;
      }
      push(tag.name);
    } else if (html.startsWith("<!--", lt)) {
      // From the comment's own dashes: `<!-->` and `<!--->` are whole comments.
      const close = html.indexOf("-->", lt + 2);
      at = close < 0 ? html.length : close + 3;
    } else if (next === BANG || next === QUESTION || next === SLASH) {
      const close = html.indexOf(">", lt + 2);
      at = close < 0 ? html.length : close + 1;
    } else {
      at = lt + 1;
    }
  }
  return { elements, depth };
}

const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** A start or end tag's lower-cased name, whether it ends in `/>`, and the index after its `>`. */
function readTag(html: string, nameStart: number): { name: string; selfClosing: boolean; end: number } {
  let at = nameStart;
  while (at < html.length && !NAME_END.has(html.charCodeAt(at))) at++;
  const name = html.slice(nameStart, at).toLowerCase();
  let previous = 0;
  while (at < html.length) {
    const code = html.charCodeAt(at);
    if (code === GT) return { name, selfClosing: previous === SLASH, end: at + 1 };
    if (code === EQUALS) {
      // A quoted attribute value may hold `>`.
      let value = at + 1;
      while (value < html.length && isSpace(html.charCodeAt(value))) value++;
      const quote = html.charCodeAt(value);
      if (quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE) {
        const close = html.indexOf(html[value]!, value + 1);
        at = close < 0 ? html.length : close + 1;
        previous = quote;
        continue;
      }
    }
    if (!isSpace(code)) previous = code;
    at++;
  }
  return { name, selfClosing: false, end: html.length };
}

const GT = 0x3e;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const NAME_END = new Set([0x20, 0x09, 0x0a, 0x0c, 0x0d, SLASH, GT]);

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

/** The index after the end tag that closes a raw-text element, or the end of the page when none does. */
function endOfRawText(html: string, name: string, from: number): number {
  const end = new RegExp(`</${name}[\\s/>]`, "gi");
  end.lastIndex = from;
  const found = end.exec(html);
  if (found === null) return html.length;
  const close = html.indexOf(">", found.index);
  return close < 0 ? html.length : close + 1;
}

/** Elements with no content and no end tag. */
const VOID: ReadonlySet<string> = new Set([
  "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex", "keygen",
  "link", "meta", "param", "source", "track", "wbr",
]);

/** Elements whose content is text up to their end tag, never markup (in SVG too, as htmlparser2 reads it). */
const RAW_TEXT: ReadonlySet<string> = new Set(["script", "style", "title", "textarea", "xmp"]);

/** Elements in which `/>` closes the element it ends. */
const FOREIGN: ReadonlySet<string> = new Set(["svg", "math"]);

/** Elements of SVG and MathML whose content is HTML again, where `/>` is ignored. */
const INTEGRATION: ReadonlySet<string> = new Set(["mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc", "title"]);

const P: ReadonlySet<string> = new Set(["p"]);
const FORM: ReadonlySet<string> = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);

/** For a start tag, the open elements it closes while they are the innermost (htmlparser2's `openImpliesClose`). */
const IMPLIED_CLOSES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])],
  ["li", new Set(["li"])],
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["dd", new Set(["dd", "dt"])],
  ["dt", new Set(["dd", "dt"])],
  ["rt", new Set(["rt", "rp"])],
  ["rp", new Set(["rt", "rp"])],
  ["tbody", new Set(["thead", "tbody"])],
  ["tfoot", new Set(["thead", "tbody"])],
  ...["select", "input", "output", "button", "datalist", "textarea"].map((name) => [name, FORM] as const),
  ...[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "pre", "section", "table", "ul",
  ].map((name) => [name, P] as const),
]);
