import { h } from "../dom.ts";
import type { Child } from "../dom.ts";

/**
 * A collapsed `<details>` whose content is built the first time it is opened: the document's schemas refer to
 * one another (a case holds a check result, which holds matches), so building every one ahead would draw the
 * whole tree under each response, and a schema that refers to itself would never end.
 */
export function lazyDetails(className: string, summary: readonly Child[], content: () => Node): HTMLDetailsElement {
  const details = h("details", { class: className }, h("summary", {}, ...summary));
  let built = false;
  details.addEventListener("toggle", () => {
    if (!details.open || built) return;
    built = true;
    details.append(content());
  });
  return details;
}
