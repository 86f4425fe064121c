import type { Case, CaseStatus } from "../../cases/case.ts";
import type { Violation } from "../../core/types.ts";
import { h, mount } from "../dom.ts";
import { api, query } from "../api.ts";
import { formatTime, percent, STATUS_LABELS, VIOLATION_LABELS } from "../format.ts";
import { navigate } from "../router.ts";
import { empty, loading, pageTitle, statusBadge, violationTags } from "../widgets.ts";
import type { PageContext } from "../router.ts";

/** Cases per page: a screenful, and few enough to render instantly. */
const PAGE_SIZE = 50;

const FILTERS = ["status", "violation", "domain", "from", "until", "q"] as const;

export async function casesPage({ root, query: params }: PageContext): Promise<void> {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ""])) as Record<(typeof FILTERS)[number], string>;
  const offset = Number(params.get("offset") ?? 0) || 0;
  mount(root, pageTitle("Cases"), filterForm(filters), loading());
  const { total, items } = await api.get<{ total: number; items: Case[] }>(`/api/cases${query({ ...filters, limit: PAGE_SIZE, offset })}`);
  const exportQuery = (format: string) => `/api/cases/export${query({ ...filters, format })}`;
  mount(
    root,
    pageTitle(
      "Cases",
      h("span", { class: "actions" }, h("a", { class: "button", href: exportQuery("csv"), download: "" }, "Export CSV"), h("a", { class: "button", href: exportQuery("json"), download: "" }, "Export JSON")),
    ),
    filterForm(filters),
    h("p", { class: "muted" }, `${total} case${total === 1 ? "" : "s"}`),
    items.length > 0 ? caseTable(items) : empty("No case matches these filters."),
    pager(total, offset, filters),
  );
}

function filterForm(filters: Record<string, string>): HTMLElement {
  const select = (name: string, options: [string, string][]) =>
    h("select", { name, id: `filter-${name}` }, h("option", { value: "" }, "any"), ...options.map(([value, label]) => {
      const option = h("option", { value }, label);
      option.selected = filters[name] === value;
      return option;
    }));
  const input = (name: string, type: string, placeholder = "") => h("input", { name, id: `filter-${name}`, type, value: filters[name] ?? "", placeholder });
  const form = h(
    "form",
    {
      class: "filters",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const data = new FormData(form);
        const values = Object.fromEntries(FILTERS.map((name) => [name, String(data.get(name) ?? "")]));
        navigate(`/cases${query(values)}`);
      },
    },
    h("label", {}, "Status ", select("status", [["open", "open (new, confirmed, notified)"], ...(Object.entries(STATUS_LABELS) as [CaseStatus, string][])])),
    h("label", {}, "Violation ", select("violation", Object.entries(VIOLATION_LABELS) as [Violation, string][])),
    h("label", {}, "Domain ", input("domain", "text", "example.com")),
    h("label", {}, "First seen from ", input("from", "date")),
    h("label", {}, "until ", input("until", "date")),
    h("label", {}, "Search ", input("q", "search", "URL or title")),
    h("button", { type: "submit" }, "Filter"),
  );
  return form;
}

function pager(total: number, offset: number, filters: Record<string, string>): HTMLElement | null {
  if (total <= PAGE_SIZE) return null;
  const link = (to: number, label: string) => h("a", { class: "button", href: `#/cases${query({ ...filters, offset: to })}` }, label);
  return h(
    "p",
    { class: "pager" },
    offset > 0 ? link(Math.max(0, offset - PAGE_SIZE), "← Newer") : null,
    ` ${offset + 1}–${Math.min(total, offset + PAGE_SIZE)} of ${total} `,
    offset + PAGE_SIZE < total ? link(offset + PAGE_SIZE, "Older →") : null,
  );
}

/** A table of cases; each row opens the case. */
export function caseTable(cases: readonly Case[], options: { compact?: boolean } = {}): HTMLElement {
  return h(
    "table",
    { class: "cases" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", {}, "#"),
        h("th", {}, "Page"),
        options.compact ? null : h("th", {}, "Source"),
        h("th", { class: "num" }, "Share"),
        h("th", {}, "Violations"),
        h("th", {}, "Status"),
        options.compact ? null : h("th", {}, "Last seen"),
      ),
    ),
    h(
      "tbody",
      {},
      ...cases.map((c) =>
        h(
          "tr",
          { "data-case": c.id },
          h("td", {}, h("a", { href: `#/cases/${c.id}` }, String(c.id))),
          h("td", {}, h("a", { href: `#/cases/${c.id}`, class: "case-link" }, c.candidate.title || c.candidate.url), h("div", { class: "muted small" }, c.candidate.domain)),
          options.compact ? null : h("td", {}, c.source.title || c.source.url),
          h("td", { class: `num${c.share > c.maxShare ? " over" : ""}` }, percent(c.share), h("div", { class: "muted small" }, `cap ${percent(c.maxShare)}`)),
          h("td", {}, violationTags(c.violations)),
          h("td", {}, statusBadge(c.status)),
          options.compact ? null : h("td", { class: "small" }, formatTime(c.lastSeen)),
        ),
      ),
    ),
  );
}
