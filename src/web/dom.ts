/**
 * Building the UI's DOM without markup strings. Every piece of text becomes a Text node (or `textContent`),
 * never HTML: titles, URLs and texts of checked pages are hostile input, and this is the only way the UI
 * puts them on screen. Nothing in the UI assigns `innerHTML`.
 */

export type Child = Node | string | number | null | undefined | false;

type Props = Record<string, string | number | boolean | null | undefined | EventListener>;

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

function apply(el: Element, props: Props): void {
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, ""), value);
    else if (name === "href" && el instanceof HTMLAnchorElement) {
      const href = safeHref(String(value));
      if (href !== null) el.setAttribute("href", href);
    } else el.setAttribute(name, value === true ? "" : String(value));
  }
}

/** An HTML element with attributes (`onclick` etc. become listeners) and children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, props);
  append(el, children);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element, for the dashboard's charts. */
export function svg(tag: string, attributes: Record<string, string | number> = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
  append(el, children);
  return el;
}

/** Replaces an element's content. */
export function mount(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * An href a page may link to: our own routes (`#/…`, `/api/…`) and http(s) URLs. Anything else — a
 * `javascript:` or `data:` URL a hostile page put in its canonical link — is refused (null).
 */
export function safeHref(href: string): string | null {
  if (href.startsWith("#") || (href.startsWith("/") && !href.startsWith("//"))) return href;
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A link to an external page, opened in a new tab without giving it our window or our address. */
export function externalLink(href: string, text?: string): HTMLElement {
  const safe = safeHref(href);
  if (safe === null) return h("span", { class: "url" }, text ?? href);
  return h("a", { href: safe, target: "_blank", rel: "noopener noreferrer nofollow", class: "url" }, text ?? href);
}
