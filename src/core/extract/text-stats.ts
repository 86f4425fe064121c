/** How much text an element holds, and how much of it is link text. */
export interface TextStats {
  /** Non-whitespace characters of its text. */
  chars: number;
  /** Non-whitespace characters inside `<a href>` descendants. */
  linkChars: number;
  /** `<a href>` descendants, itself included. */
  links: number;
}

const EMPTY: TextStats = { chars: 0, linkChars: 0, links: 0 };

/**
 * Text statistics of every element of `elements` (a whole subtree in document order, see `elementsInOrder`),
 * computed in one pass from the leaves up, so that judging many nested elements (table cells within table
 * cells) does not re-read their text each time.
 * Whitespace is not counted: indentation in the markup would otherwise dilute link density.
 */
export function textStats(elements: readonly Element[]): (el: Element) => TextStats {
  const stats = new Map<Element, TextStats>();
  for (let i = elements.length - 1; i >= 0; i--) {
    const el = elements[i]!;
    let chars = 0;
    let linkChars = 0;
    let links = 0;
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        chars += nonWhitespaceLength(child.nodeValue ?? "");
      } else if (child.nodeType === 1) {
        const inner = stats.get(child as Element) ?? EMPTY;
        chars += inner.chars;
        linkChars += inner.linkChars;
        links += inner.links;
      }
    }
    if (el.localName === "a" && el.hasAttribute("href")) {
      linkChars = chars;
      links += 1;
    }
    stats.set(el, { chars, linkChars, links });
  }
  return (el) => stats.get(el) ?? EMPTY;
}

function nonWhitespaceLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Space, tab, CR, LF, form feed and no-break space: what HTML renders as blank.
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 160) count++;
  }
  return count;
}
