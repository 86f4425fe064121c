import { h, mount } from "../dom.ts";
import { api, query } from "../api.ts";
import { formatDay, formatNumber } from "../format.ts";
import { navigate } from "../router.ts";
import { empty, errorBox, loading, pageTitle } from "../widgets.ts";
import type { PageContext } from "../router.ts";
import type { z } from "zod";
import type { SourceSummary as SourceSummarySchema } from "../../server/api-schemas.ts";

/** A source as `GET /api/sources` lists it. */
type SourceSummary = z.infer<typeof SourceSummarySchema>;

const PAGE_SIZE = 50;

export async function sourcesPage({ root, query: params }: PageContext): Promise<void> {
  const q = params.get("q") ?? "";
  const offset = Number(params.get("offset") ?? 0) || 0;
  mount(root, pageTitle("Sources"), loading());
  const { total, hasMore, items } = await api.get<{ total: number; hasMore: boolean; items: SourceSummary[] }>(`/api/sources${query({ q, limit: PAGE_SIZE, offset })}`);
  const search = h("input", { type: "search", name: "q", value: q, placeholder: "Title or URL", "aria-label": "Search sources" });
  mount(
    root,
    pageTitle("Sources", h("span", { class: "muted" }, `${formatNumber(total)} indexed`)),
    h(
      "form",
      { class: "filters", onsubmit: (event: Event) => (event.preventDefault(), navigate(`/sources${query({ q: search.value })}`)) },
      search,
      h("button", { type: "submit" }, "Search"),
    ),
    items.length > 0
      ? h(
          "table",
          { class: "sources" },
          h("thead", {}, h("tr", {}, h("th", {}, "Title"), h("th", {}, "Published"), h("th", { class: "num" }, "Characters"), h("th", {}, "Kind"))),
          h(
            "tbody",
            {},
            ...items.map((s) =>
              h(
                "tr",
                {},
                h("td", {}, h("a", { href: `#/sources/${s.id}` }, s.title || s.url), h("div", { class: "muted small" }, s.url)),
                h("td", {}, formatDay(s.published)),
                h("td", { class: "num" }, formatNumber(s.chars)),
                h("td", {}, s.reference ? h("span", { class: "tag" }, "reference") : "own"),
              ),
            ),
          ),
        )
      : empty(q ? "No source matches." : "No sources yet: add some below."),
    h(
      "p",
      { class: "pager" },
      offset > 0 ? h("a", { class: "button", href: `#/sources${query({ q, offset: Math.max(0, offset - PAGE_SIZE) })}` }, "← Previous") : null,
      hasMore ? h("a", { class: "button", href: `#/sources${query({ q, offset: offset + PAGE_SIZE })}` }, "Next →") : null,
    ),
    uploadForm(),
  );
}

function uploadForm(): HTMLElement {
  const file = h("input", { type: "file", id: "upload-file", accept: ".html,.htm,.txt,.jsonl,.ndjson,.xml,.rss,.atom", required: true });
  const url = h("input", { type: "url", id: "upload-url", placeholder: "https://… (needed for a .txt file)" });
  const reference = h("input", { type: "checkbox", id: "upload-reference" });
  const result = h("div", {});
  return h(
    "form",
    {
      class: "card",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const chosen = file.files?.[0];
        if (!chosen) return;
        mount(result, loading());
        try {
          const response = await api.upload<{ added: { url: string; title: string; replaced: boolean }[]; errors: { input: string; message: string }[] }>(
            `/api/sources/upload${query({ filename: chosen.name, url: url.value, reference: String(reference.checked) })}`,
            chosen,
          );
          mount(
            result,
            h("p", { class: "ok" }, `Added ${response.added.length} source${response.added.length === 1 ? "" : "s"} (${response.added.filter((a) => a.replaced).length} replaced).`),
            response.errors.length > 0 ? h("ul", { class: "error" }, ...response.errors.map((e) => h("li", {}, e.message))) : null,
          );
        } catch (error) {
          mount(result, errorBox(error));
        }
      },
    },
    h("h2", {}, "Add sources"),
    h("p", { class: "muted small" }, "An HTML page, a plain text, a JSONL archive ({\"url\",\"title\",\"text\"|\"html\",\"published\"} per line) or an RSS/Atom feed."),
    h("label", { for: "upload-file" }, "File"),
    file,
    h("label", { for: "upload-url" }, "URL (single page or text)"),
    url,
    h("label", { class: "inline" }, reference, " Reference document (press release, agency wire): not our own text"),
    h("button", { type: "submit", class: "primary" }, "Upload"),
    result,
  );
}
