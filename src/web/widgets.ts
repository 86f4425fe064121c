import type { CaseStatus } from "../cases/case.ts";
import type { LinkFinding, Violation } from "../core/types.ts";
import { h } from "./dom.ts";
import { ApiFailure } from "./api.ts";
import { percent, STATUS_LABELS, VERDICT_LABELS, VIOLATION_LABELS } from "./format.ts";

export function statusBadge(status: CaseStatus): HTMLElement {
  return h("span", { class: `badge status-${status}` }, STATUS_LABELS[status]);
}

export function verdictBadge(verdict: string): HTMLElement {
  return h("span", { class: `badge verdict-${verdict}` }, VERDICT_LABELS[verdict] ?? verdict);
}

export function violationTags(violations: readonly Violation[]): HTMLElement {
  return h("span", { class: "tags" }, ...violations.map((v) => h("span", { class: `tag violation-${v}` }, VIOLATION_LABELS[v])));
}

/**
 * The share taken against the cap: a bar filled to the share (full past 100%) with a line at the cap, red
 * when over it. The numbers are written beside it, so the bar is never the only carrier of the fact.
 */
export function shareBar(share: number, cap: number): HTMLElement {
  const over = share > cap;
  const fill = h("span", { class: `share-fill${over ? " over" : ""}` });
  fill.style.width = `${Math.min(100, share * 100)}%`;
  const marker = h("span", { class: "share-cap", title: `cap ${percent(cap)}` });
  marker.style.left = `${Math.min(100, cap * 100)}%`;
  return h(
    "div",
    { class: "share", role: "img", "aria-label": `${percent(share)} reused, cap ${percent(cap)}` },
    h("span", { class: "share-track" }, fill, marker),
    h("span", { class: "share-label" }, `${percent(share)} reused · cap ${percent(cap)}`),
  );
}

/** What the candidate's link back to the source amounts to, in words. */
export function linkSummary(link: LinkFinding): string {
  if (!link.present) return "No link to the source or its site in the page's main content.";
  const parts = [link.target === "article" ? "Links to the article" : "Links only to another page of the publisher's site"];
  if (link.hidden) parts.push("hidden from readers");
  if (link.nofollow) parts.push('rel="nofollow" (or ugc/sponsored)');
  if (link.noindex) parts.push("inside <noindex>");
  return `${parts.join(", ")}.`;
}

export function linkFindings(link: LinkFinding): HTMLElement {
  return h(
    "div",
    { class: "link-finding" },
    h("p", {}, linkSummary(link)),
    link.href ? h("p", { class: "muted" }, "Link: ", h("code", {}, link.href)) : null,
  );
}

/** An error message box; field issues, when the server named fields, are listed under it. */
export function errorBox(error: unknown): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  const issues = error instanceof ApiFailure ? error.issues : [];
  return h(
    "div",
    { class: "error", role: "alert" },
    h("p", {}, message),
    issues.length > 1 ? h("ul", {}, ...issues.map((i) => h("li", {}, i.path ? `${i.path}: ${i.message}` : i.message))) : null,
  );
}

export function pageTitle(text: string, ...extra: (Node | string | null)[]): HTMLElement {
  document.title = `${text} — CopyQuota`;
  return h("div", { class: "page-title" }, h("h1", {}, text), ...extra);
}

export function loading(): HTMLElement {
  return h("p", { class: "muted" }, "Loading…");
}

export function empty(text: string): HTMLElement {
  return h("p", { class: "empty" }, text);
}
