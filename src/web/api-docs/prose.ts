import { h } from "../dom.ts";

/**
 * A description from the OpenAPI document as text, its `backticked` spans as code: the route schemas write
 * field names, headers and commands that way. Nothing else of Markdown is used by them, so nothing else is read.
 */
export function prose(text: string): Node[] {
  return text.split("`").map((part, i) => (i % 2 === 1 ? h("code", {}, part) : document.createTextNode(part)));
}
