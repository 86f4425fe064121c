import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/core/extract/html.ts";
import { assertPageBounds, MAX_PAGE_DEPTH, MAX_PAGE_ELEMENTS } from "../../src/core/extract/page-bounds.ts";
import { PageRefusedError } from "../../src/core/extract/page-refused.ts";
import { measurePageShape } from "../../src/core/extract/page-shape.ts";
import { parseDocument } from "../../src/core/extract/parse-document.ts";

const pagesDir = path.resolve(import.meta.dirname, "../fixtures/pages");
const articlesDir = path.resolve(import.meta.dirname, "../fixtures/articles");
const fixtures = [
  ...readdirSync(pagesDir).filter((name) => name.endsWith(".html")).map((name) => path.join(pagesDir, name)),
  path.join(articlesDir, "vestnik-main.html"),
];

/** The elements and depth of the tree linkedom builds, `<html>` counting as depth 1. */
function treeShape(html: string): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  const stack: Array<[Element, number]> = [[parseDocument(html).documentElement, 1]];
  while (stack.length > 0) {
    const [element, level] = stack.pop()!;
    elements++;
    depth = Math.max(depth, level);
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) stack.push([child, level + 1]);
  }
  return { elements, depth };
}

/** A page whose paragraph sits inside `divs` nested `<div>`s: `<html>`, `<body>` and `<p>` make it 3 deeper. */
function nested(divs: number): string {
  return `<html><body>${"<div>".repeat(divs)}<p>Текст статьи.</p>${"</div>".repeat(divs)}</body></html>`;
}

function refusal(html: string): PageRefusedError {
  try {
    assertPageBounds(html);
  } catch (error) {
    if (error instanceof PageRefusedError) return error;
    throw error;
  }
  throw new Error("the page was not refused");
}

describe("measurePageShape", () => {
  it.each(fixtures.map((file) => [path.basename(file), file]))("gives the element count and depth of the tree linkedom builds for %s", (_name, file) => {
    const html = readFileSync(file, "utf8");
    expect(measurePageShape(html)).toEqual(treeShape(html));
  });

  it("follows the parser's rules: implied ends, void elements, raw text, comments, /> only in SVG, stray end tags", () => {
    const html = [
      "<!doctype html><html><head><title>a <div> in a title</title><script>if (a <b) document.write('<div><div>')</script>",
      "<style>div > p { color: red }</style></head><body><!-- <div><div><div> -->",
      "<ul><li>one<li>two<li>three</ul><p>para<p>para<div><img src=x><br><input></div>",
      '<table><tr><td>1<td>2<tr><td>3</table><a title="a > b" href="/x">link</a></span></em>',
      '<svg><path d="M0"/><circle r="1"/></svg><div/><span>inside the div</span></body></html>',
    ].join("");
    expect(measurePageShape(html)).toEqual(treeShape(html));
  });

  it("is not fooled where the parser reads markup that looks hidden, or hides markup that looks read", () => {
    const html = [
      "<html><body><!--><div><div><!---><div><xmp><div><div></xmp><script/><div><div></script>",
      `<math>${"<mi/>".repeat(20)}</math><svg><desc>${"<div/>".repeat(20)}</desc>${"<g/>".repeat(20)}</svg></body></html>`,
    ].join("");
    expect(measurePageShape(html)).toEqual(treeShape(html));
  });

  it("never counts fewer elements or levels than the parser builds, and at most one more, on random token soup", () => {
    const tokens = [
      "<div>", "</div>", "<p>", "</p>", "<li>", "<ul>", "</ul>", "<svg>", "</svg>", "<math>", "<mi/>", "<g/>", "<div/>", "<!--", "-->",
      "<!-->", "<script>", "</script>", "<style>", "</style>", "<title>", "</title>", "<xmp>", "<br/>", "</br>", "<td>", "<tr>", "<table>",
      "</table>", "text", '"', "'", '<a href="', '">', ">", "<", "</", "<!x>", "<?x>", "<desc>", "</desc>", "<b>", "</i>", "<textarea>",
      "</textarea>", "<select>", "<option>", "<h1>", "<SCRIPT>", "</Script >",
    ];
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % below;
    };
    for (let page = 0; page < 1_000; page++) {
      const soup = Array.from({ length: 5 + random(60) }, () => tokens[random(tokens.length)]).join("");
      const html = `<html><body>${soup}</body></html>`;
      const measured = measurePageShape(html);
      const built = treeShape(html);
      expect.soft([measured.elements - built.elements, measured.depth - built.depth].every((over) => over === 0 || over === 1), html).toBe(true);
    }
  });

  it("counts the chains hostile pages are made of, deep or long", () => {
    expect(measurePageShape(nested(100_000)).depth).toBe(100_003);
    expect(measurePageShape("<b>".repeat(50_000)).depth).toBe(50_000);
    expect(measurePageShape("<div/>".repeat(1_000)).depth).toBe(1_000);
    expect(measurePageShape(`<body>${"<i></i>".repeat(60_000)}</body>`).elements).toBe(60_001);
    expect(measurePageShape(`<div>${"</span>".repeat(100_000)}</div>`)).toEqual({ elements: 1, depth: 1 });
  });
});

describe("assertPageBounds", () => {
  it("lets every real page of the fixtures through, and extraction then reads it", () => {
    for (const file of fixtures) {
      const html = readFileSync(file, "utf8");
      expect(() => assertPageBounds(html)).not.toThrow();
    }
    expect(() => assertPageBounds(nested(MAX_PAGE_DEPTH - 3))).not.toThrow();
    expect(extractPage(nested(MAX_PAGE_DEPTH - 3)).text).toBe("Текст статьи.");
  });

  it.each([2_000, 10_000, 100_000])("refuses a page of %i nested <div>s, naming the depth and the limit", (divs) => {
    const error = refusal(nested(divs));
    expect(error.reason).toBe("too_deep");
    expect(error.message).toBe(`nesting depth ${(divs + 3).toLocaleString("en-US")} exceeds the limit of ${MAX_PAGE_DEPTH}`);
  });

  it("refuses a page of too many elements, naming the count and the limit", () => {
    const error = refusal(`<html><body>${"<p><b>слово</b></p>".repeat(MAX_PAGE_ELEMENTS)}</body></html>`);
    expect(error.reason).toBe("too_many_elements");
    expect(error.message).toBe(`element count ${(2 * MAX_PAGE_ELEMENTS + 2).toLocaleString("en-US")} exceeds the limit of 50,000`);
  });

  it("is what extractPage does first: a page past a cap never reaches the parser", () => {
    expect(() => extractPage(nested(2_000))).toThrow(PageRefusedError);
  });
});
