/**
 * Raw text (whitespace as written) is allowed this many times the collapsed length looked for: markup
 * indentation may triple a short line's length, and a longer element holds more than a line anyway.
 */
const RAW_SLACK = 4;

/**
 * The texts of the elements whose text is short, computed in one pass from the leaves up (`elements` is a
 * whole subtree in document order). `textContent` on every element would read each subtree once per
 * ancestor, which a page of nested furniture turns quadratic; here each child is read once, and a text past
 * the limit stops growing. The texts are raw: the caller collapses whitespace. Null: longer than the limit.
 */
export function smallTexts(elements: readonly Element[], maxChars: number): (el: Element) => string | null {
  const limit = RAW_SLACK * maxChars;
  const texts = new Map<Element, string | null>();
  for (let i = elements.length - 1; i >= 0; i--) {
    const el = elements[i]!;
    let text: string | null = "";
    for (let child = el.firstChild; child && text !== null; child = child.nextSibling) {
      if (child.nodeType === 3) text += child.nodeValue ?? "";
      else if (child.nodeType === 1) {
        const inner: string | null | undefined = texts.get(child as Element);
        text = inner === null ? null : text + (inner ?? "");
      }
      if (text !== null && text.length > limit) text = null;
    }
    texts.set(el, text);
  }
  return (el) => texts.get(el) ?? null;
}
