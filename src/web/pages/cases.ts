import { CASE_STATUSES } from "../../cases/case.ts";
import type { Case } from "../../cases/case.ts";
import { h, mount } from "../dom.ts";
import { api, query } from "../api.ts";
import { formatTime, percent } from "../format.ts";
import { t } from "../language.ts";
import { navigate } from "../router.ts";
import { empty, loading, pageTitle, statusBadge, violationTags } from "../widgets.ts";
import type { PageContext } from "../router.ts";

/** Cases per page: a screenful, and few enough to render instantly. */
const PAGE_SIZE = 50;

const FILTERS = ["status", "violation", "domain", "from", "until", "q"] as const;

export async function casesPage({ root, query: params }: PageContext): Promise<void> {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ""])) as Record<(typeof FILTERS)[number], string>;
  const offset = Number(params.get("offset") ?? 0) || 0;
  const words = t().cases;
  mount(root, pageTitle(words.title), filterForm(filters), loading());
  const { total, items } = await api.get<{ total: number; items: Case[] }>(`/api/cases${query({ ...filters, limit: PAGE_SIZE, offset })}`);
  const exportQuery = (format: string) => `/api/cases/export${query({ ...filters, format })}`;
  mount(
    root,
    pageTitle(
      words.title,
      h("span", { class: "actions" }, h("a", { class: "button", href: exportQuery("csv"), download: "" }, words.exportCsv), h("a", { class: "button", href: exportQuery("json"), download: "" }, words.exportJson)),
    ),
    filterForm(filters),
    h("p", { class: "muted" }, words.total(total)),
    items.length > 0 ? caseTable(items) : empty(words.noMatch),
    pager(total, offset, filters),
  );
}

function filterForm(filters: Record<string, string>): HTMLElement {
  const words = t().cases;
  const labels = t().labels;
  const select = (name: string, options: [string, string][]) =>
    h("select", { name, id: `filter-${name}` }, h("option", { value: "" }, words.any), ...options.map(([value, label]) => {
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
    h("label", {}, `${words.status} `, select("status", [["open", words.openStatuses], ...CASE_STATUSES.map((status): [string, string] => [status, labels.statuses[status]])])),
    h("label", {}, `${words.violation} `, select("violation", Object.entries(labels.violations))),
    h("label", {}, `${words.domain} `, input("domain", "text", "example.com")),
    h("label", {}, `${words.from} `, input("from", "date")),
    h("label", {}, `${words.until} `, input("until", "date")),
    h("label", {}, `${words.search} `, input("q", "search", words.searchPlaceholder)),
    h("button", { type: "submit" }, words.filter),
  );
  return form;
}

function pager(total: number, offset: number, filters: Record<string, string>): HTMLElement | null {
  if (total <= PAGE_SIZE) return null;
  const link = (to: number, label: string) => h("a", { class: "button", href: `#/cases${query({ ...filters, offset: to })}` }, label);
  return h(
    "p",
    { class: "pager" },
    offset > 0 ? link(Math.max(0, offset - PAGE_SIZE), t().cases.newer) : null,
    t().cases.range(offset + 1, Math.min(total, offset + PAGE_SIZE), total),
    offset + PAGE_SIZE < total ? link(offset + PAGE_SIZE, t().cases.older) : null,
  );
}

/**
 * A table of cases; each row opens the case. Each cell carries its column's name (`data-label`), which a phone's
 * layout shows beside the value when the rows become cards.
 */
export function caseTable(cases: readonly Case[], options: { compact?: boolean } = {}): HTMLElement {
  const words = t().cases;
  return h(
    "table",
    { class: "cases" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", {}, words.numberHeader),
        h("th", {}, words.page),
        options.compact ? null : h("th", {}, words.source),
        h("th", { class: "num" }, words.share),
        h("th", {}, words.violations),
        h("th", {}, words.status),
        options.compact ? null : h("th", {}, words.lastSeen),
      ),
    ),
    h(
      "tbody",
      {},
      ...cases.map((c) =>
        h(
          "tr",
          { "data-case": c.id },
          h("td", { class: "case-id", "data-label": words.id }, h("a", { href: `#/cases/${c.id}` }, words.number(c.id))),
          h("td", { "data-label": words.page }, h("a", { href: `#/cases/${c.id}`, class: "case-link" }, c.candidate.title || c.candidate.url), h("div", { class: "muted small" }, c.candidate.domain)),
          options.compact ? null : h("td", { "data-label": words.source }, c.source.title || c.source.url),
          h("td", { class: `num${c.share > c.maxShare ? " over" : ""}`, "data-label": words.share }, percent(c.share), h("div", { class: "muted small" }, t().share.cap(percent(c.maxShare)))),
          h("td", { "data-label": words.violations }, violationTags(c.violations)),
          h("td", { "data-label": words.status }, statusBadge(c.status)),
          options.compact ? null : h("td", { class: "small", "data-label": words.lastSeen }, formatTime(c.lastSeen)),
        ),
      ),
    ),
  );
}
