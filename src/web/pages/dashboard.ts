import type { Case, CaseStats } from "../../cases/case.ts";
import type { Violation } from "../../core/types.ts";
import { h, mount, svg } from "../dom.ts";
import { api } from "../api.ts";
import { formatAxisDay, formatDay } from "../format.ts";
import { t } from "../language.ts";
import { CASE_STATUSES } from "../../cases/case.ts";
import { caseTable } from "./cases.ts";
import { empty, loading, pageTitle } from "../widgets.ts";
import type { PageContext } from "../router.ts";

type Stats = CaseStats & { sources: number };

export async function dashboardPage({ root }: PageContext): Promise<void> {
  const words = t().dashboard;
  mount(root, pageTitle(words.title), loading());
  const [stats, recent] = await Promise.all([
    api.get<Stats>("/api/stats?days=30"),
    api.get<{ total: number; items: Case[] }>("/api/cases?status=open&limit=8"),
  ]);
  const open = stats.byStatus.new + stats.byStatus.confirmed + stats.byStatus.notified;
  mount(
    root,
    pageTitle(words.title, h("span", { class: "muted", id: "dashboard-summary" }, words.summary(stats.sources, open))),
    stats.sources === 0 ? startGuide() : null,
    h(
      "section",
      { class: "cards", "aria-label": words.byStatus },
      ...CASE_STATUSES.map((status) =>
        h("a", { class: `card stat status-${status}`, href: `#/cases?status=${status}` }, h("span", { class: "stat-number" }, stats.byStatus[status]), h("span", {}, t().labels.statuses[status])),
      ),
    ),
    h(
      "div",
      { class: "grid-2" },
      h("section", { class: "card" }, h("h2", {}, words.newCases), newCasesChart(stats.newPerDay)),
      h("section", { class: "card" }, h("h2", {}, words.byViolation), violationBars(stats.openByViolation)),
    ),
    h(
      "div",
      { class: "grid-2" },
      h("section", { class: "card" }, h("h2", {}, words.topDomains), topDomains(stats.topDomains)),
      h(
        "section",
        { class: "card" },
        h("h2", {}, words.latest),
        recent.items.length > 0 ? caseTable(recent.items, { compact: true }) : empty(words.noOpen),
        h("p", {}, h("a", { href: "#/cases?status=open" }, words.allOpen(recent.total))),
      ),
    ),
  );
}

/** Chart geometry in SVG user units; the SVG scales to its container's width. */
const CHART = { width: 600, height: 180, left: 28, bottom: 22, top: 8 };

/** New cases per day as an inline SVG bar chart, with the busiest day's count as the scale. */
export function newCasesChart(series: readonly { day: string; count: number }[]): Element {
  const max = Math.max(1, ...series.map((d) => d.count));
  const plotWidth = CHART.width - CHART.left;
  const plotHeight = CHART.height - CHART.bottom - CHART.top;
  const step = plotWidth / Math.max(1, series.length);
  const bars = series.map((d, i) => {
    const height = (d.count / max) * plotHeight;
    return svg(
      "rect",
      { x: CHART.left + i * step + 1, y: CHART.top + plotHeight - height, width: Math.max(1, step - 2), height, class: "bar" },
      svg("title", {}, t().dashboard.chartBar(formatDay(d.day), d.count)),
    );
  });
  // A label a week, and the last day's unless it would crowd the previous label (closer than 4 days).
  const last = series.length - 1;
  const labels = series
    .map((d, i) => ({ d, i }))
    .filter(({ i }) => i % 7 === 0 || (i === last && last % 7 >= 4))
    .map(({ d, i }) => svg("text", { x: CHART.left + i * step + step / 2, y: CHART.height - 6, class: "axis", "text-anchor": "middle" }, formatAxisDay(d.day)));
  return svg(
    "svg",
    { viewBox: `0 0 ${CHART.width} ${CHART.height}`, class: "chart", role: "img", "aria-label": t().dashboard.chartAria(max) },
    svg("line", { x1: CHART.left, x2: CHART.width, y1: CHART.top + plotHeight, y2: CHART.top + plotHeight, class: "baseline" }),
    svg("text", { x: CHART.left - 4, y: CHART.top + 8, class: "axis", "text-anchor": "end" }, String(max)),
    svg("text", { x: CHART.left - 4, y: CHART.top + plotHeight, class: "axis", "text-anchor": "end" }, "0"),
    ...bars,
    ...labels,
  );
}

function violationBars(counts: Partial<Record<Violation, number>>): HTMLElement {
  const entries = (Object.entries(counts) as [Violation, number][]).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return empty(t().dashboard.noViolations);
  const max = Math.max(...entries.map(([, n]) => n));
  return h(
    "ul",
    { class: "bars" },
    ...entries.map(([violation, n]) => {
      const fill = h("span", { class: `bar-fill violation-${violation}` });
      fill.style.width = `${(n / max) * 100}%`;
      return h("li", {}, h("a", { href: `#/cases?status=open&violation=${violation}` }, t().labels.violations[violation]), h("span", { class: "bar-track" }, fill), h("span", { class: "count" }, n));
    }),
  );
}

function topDomains(domains: Stats["topDomains"]): HTMLElement {
  const words = t().dashboard;
  if (domains.length === 0) return empty(words.noDomains);
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, h("th", {}, words.domain), h("th", { class: "num" }, words.open), h("th", { class: "num" }, words.allCases))),
    h(
      "tbody",
      {},
      ...domains.map((d) =>
        h("tr", {}, h("td", {}, h("a", { href: `#/cases?domain=${encodeURIComponent(d.domain)}` }, d.domain)), h("td", { class: "num" }, d.open), h("td", { class: "num" }, d.total)),
      ),
    ),
  );
}

/**
 * What a new installation (`serve --no-demo`) shows instead of empty charts: checking needs the publisher's
 * archive first, so the first step is to add it, by upload or, for a large archive, with the CLI.
 */
function startGuide(): HTMLElement {
  const words = t().dashboard;
  return h(
    "section",
    { class: "card start-guide" },
    h("h2", {}, words.startTitle),
    h("p", {}, words.startText),
    h("p", {}, h("a", { class: "button primary", href: "#/sources?upload=1" }, words.startUpload)),
    h("p", {}, words.startCli),
    h("pre", {}, h("code", {}, "npx copyquota --db data/copyquota.db sources add archive.jsonl https://your-site.example/sitemap.xml")),
    h("p", {}, words.startWatch, " ", h("a", { href: "#/watchlist" }, t().nav.watchlist)),
  );
}
