import type { Case, CaseStats, CaseStatus } from "../../cases/case.ts";
import type { Violation } from "../../core/types.ts";
import { h, mount, svg } from "../dom.ts";
import { api } from "../api.ts";
import { formatDay, STATUS_LABELS, VIOLATION_LABELS } from "../format.ts";
import { caseTable } from "./cases.ts";
import { empty, loading, pageTitle } from "../widgets.ts";
import type { PageContext } from "../router.ts";

type Stats = CaseStats & { sources: number };

export async function dashboardPage({ root }: PageContext): Promise<void> {
  mount(root, pageTitle("Dashboard"), loading());
  const [stats, recent] = await Promise.all([
    api.get<Stats>("/api/stats?days=30"),
    api.get<{ total: number; items: Case[] }>("/api/cases?status=open&limit=8"),
  ]);
  const open = stats.byStatus.new + stats.byStatus.confirmed + stats.byStatus.notified;
  mount(
    root,
    pageTitle("Dashboard", h("span", { class: "muted" }, `${stats.sources} sources indexed · ${open} open cases`)),
    h(
      "section",
      { class: "cards", "aria-label": "Cases by status" },
      ...(Object.keys(STATUS_LABELS) as CaseStatus[]).map((status) =>
        h("a", { class: `card stat status-${status}`, href: `#/cases?status=${status}` }, h("span", { class: "stat-number" }, stats.byStatus[status]), h("span", {}, STATUS_LABELS[status])),
      ),
    ),
    h(
      "div",
      { class: "grid-2" },
      h("section", { class: "card" }, h("h2", {}, "New cases, last 30 days"), newCasesChart(stats.newPerDay)),
      h("section", { class: "card" }, h("h2", {}, "Open cases by violation"), violationBars(stats.openByViolation)),
    ),
    h(
      "div",
      { class: "grid-2" },
      h("section", { class: "card" }, h("h2", {}, "Top offending domains"), topDomains(stats.topDomains)),
      h(
        "section",
        { class: "card" },
        h("h2", {}, "Open cases, latest first"),
        recent.items.length > 0 ? caseTable(recent.items, { compact: true }) : empty("No open cases."),
        h("p", {}, h("a", { href: "#/cases?status=open" }, `All ${recent.total} open cases →`)),
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
      svg("title", {}, `${formatDay(d.day)}: ${d.count} new`),
    );
  });
  // A label a week, and the last day's unless it would crowd the previous label (closer than 4 days).
  const last = series.length - 1;
  const labels = series
    .map((d, i) => ({ d, i }))
    .filter(({ i }) => i % 7 === 0 || (i === last && last % 7 >= 4))
    .map(({ d, i }) => svg("text", { x: CHART.left + i * step + step / 2, y: CHART.height - 6, class: "axis", "text-anchor": "middle" }, d.day.slice(5)));
  return svg(
    "svg",
    { viewBox: `0 0 ${CHART.width} ${CHART.height}`, class: "chart", role: "img", "aria-label": `New cases per day; at most ${max} on one day` },
    svg("line", { x1: CHART.left, x2: CHART.width, y1: CHART.top + plotHeight, y2: CHART.top + plotHeight, class: "baseline" }),
    svg("text", { x: CHART.left - 4, y: CHART.top + 8, class: "axis", "text-anchor": "end" }, String(max)),
    svg("text", { x: CHART.left - 4, y: CHART.top + plotHeight, class: "axis", "text-anchor": "end" }, "0"),
    ...bars,
    ...labels,
  );
}

function violationBars(counts: Partial<Record<Violation, number>>): HTMLElement {
  const entries = (Object.entries(counts) as [Violation, number][]).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return empty("No open violations.");
  const max = Math.max(...entries.map(([, n]) => n));
  return h(
    "ul",
    { class: "bars" },
    ...entries.map(([violation, n]) => {
      const fill = h("span", { class: `bar-fill violation-${violation}` });
      fill.style.width = `${(n / max) * 100}%`;
      return h("li", {}, h("a", { href: `#/cases?status=open&violation=${violation}` }, VIOLATION_LABELS[violation]), h("span", { class: "bar-track" }, fill), h("span", { class: "count" }, n));
    }),
  );
}

function topDomains(domains: Stats["topDomains"]): HTMLElement {
  if (domains.length === 0) return empty("No offending domains.");
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, h("th", {}, "Domain"), h("th", { class: "num" }, "Open"), h("th", { class: "num" }, "All cases"))),
    h(
      "tbody",
      {},
      ...domains.map((d) =>
        h("tr", {}, h("td", {}, h("a", { href: `#/cases?domain=${encodeURIComponent(d.domain)}` }, d.domain)), h("td", { class: "num" }, d.open), h("td", { class: "num" }, d.total)),
      ),
    ),
  );
}
