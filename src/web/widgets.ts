import type { CaseStatus } from "../cases/case.ts";
import type { ExcludedPassage, LinkFinding, Match, Violation } from "../core/types.ts";
import type { ExcludedMark } from "./highlight.ts";
import { h } from "./dom.ts";
import { ApiFailure } from "./api.ts";
import { percent } from "./format.ts";
import { t } from "./language.ts";
import type { Catalogue } from "./messages/en.ts";

/** A verdict or observation outcome the UI names. */
export type VerdictName = keyof Catalogue["labels"]["verdicts"];

export function statusBadge(status: CaseStatus): HTMLElement {
  return h("span", { class: `badge status-${status}` }, t().labels.statuses[status]);
}

export function verdictBadge(verdict: VerdictName): HTMLElement {
  return h("span", { class: `badge verdict-${verdict}` }, t().labels.verdicts[verdict]);
}

export function violationTags(violations: readonly Violation[]): HTMLElement {
  return h("span", { class: "tags" }, ...violations.map((v) => h("span", { class: `tag violation-${v}` }, t().labels.violations[v])));
}

/**
 * The share taken against the cap: a bar filled to the share (full past 100%) with a line at the cap, red
 * when over it. The numbers are written beside it, so the bar is never the only carrier of the fact.
 */
export function shareBar(share: number, cap: number): HTMLElement {
  const over = share > cap;
  const fill = h("span", { class: `share-fill${over ? " over" : ""}` });
  fill.style.width = `${Math.min(100, share * 100)}%`;
  const marker = h("span", { class: "share-cap", title: t().share.cap(percent(cap)) });
  marker.style.left = `${Math.min(100, cap * 100)}%`;
  return h(
    "div",
    { class: "share", role: "img", "aria-label": t().share.aria(percent(share), percent(cap)) },
    h("span", { class: "share-track" }, fill, marker),
    h("span", { class: "share-label" }, t().share.label(percent(share), percent(cap))),
  );
}

/**
 * "X of Y characters reused", and how many more were reused but excluded and why, so the share on screen can be
 * checked by hand.
 */
export function shareFigures(reused: number, total: number, match: Pick<Match, "excludedChars" | "excluded"> | null): string {
  const words = t().caseDetail;
  const figures = words.figures(reused, total);
  if (!match || match.excludedChars === 0) return figures;
  const reasons = [...new Set(match.excluded.map((e) => e.reason))].map((reason) => t().labels.excludedReasons[reason]);
  return `${figures}${words.excludedFigures(match.excludedChars, reasons.join(", "))}`;
}

/** A match's excluded spans on one side, as highlights that say why they do not count. */
export function excludedMarks(excluded: readonly ExcludedPassage[], side: "source" | "candidate"): ExcludedMark[] {
  const words = t().caseDetail;
  return excluded.map((e) => ({ start: e[side].start, end: e[side].end, reason: e.reason, title: words.excludedMarkTitle(t().labels.excludedReasons[e.reason]) }));
}

/** What the candidate's link back to the source amounts to, in words. */
export function linkSummary(link: LinkFinding): string {
  const words = t().link;
  if (!link.present) return words.none;
  const parts = [link.target === "article" ? words.toArticle : words.toDomain];
  if (link.hidden) parts.push(words.hidden);
  if (link.nofollow) parts.push(words.nofollow);
  if (link.noindex) parts.push(words.noindex);
  return `${parts.join(", ")}.`;
}

export function linkFindings(link: LinkFinding): HTMLElement {
  return h(
    "div",
    { class: "link-finding" },
    h("p", {}, linkSummary(link)),
    link.href ? h("p", { class: "muted" }, t().link.href, h("code", {}, link.href)) : null,
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
  document.title = `${text} — ${t().common.titleSuffix}`;
  return h("div", { class: "page-title" }, h("h1", {}, text), ...extra);
}

export function loading(): HTMLElement {
  return h("p", { class: "muted" }, t().common.loading);
}

export function empty(text: string): HTMLElement {
  return h("p", { class: "empty" }, text);
}
