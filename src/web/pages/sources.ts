import { h, mount } from "../dom.ts";
import { api, query } from "../api.ts";
import { formatDay, formatNumber } from "../format.ts";
import { navigate } from "../router.ts";
import { empty, errorBox, loading, pageTitle } from "../widgets.ts";
import { t } from "../language.ts";
import type { PageContext } from "../router.ts";
import type { z } from "zod";
import type { SourceSummary as SourceSummarySchema } from "../../server/schemas/sources.ts";

/** A source as `GET /api/sources` lists it. */
type SourceSummary = z.infer<typeof SourceSummarySchema>;

const PAGE_SIZE = 50;

export async function sourcesPage(context: PageContext): Promise<void> {
  await render(context, null);
}

/** The list and the upload form; `notice` is what the last upload did, shown by the form it was made with. */
async function render(context: PageContext, notice: HTMLElement | null): Promise<void> {
  const { root, query: params } = context;
  const words = t().sources;
  const q = params.get("q") ?? "";
  const offset = Number(params.get("offset") ?? 0) || 0;
  if (notice === null) mount(root, pageTitle(words.title), loading());
  const { total, hasMore, items } = await api.get<{ total: number; hasMore: boolean; items: SourceSummary[] }>(`/api/sources${query({ q, limit: PAGE_SIZE, offset })}`);
  const search = h("input", { type: "search", name: "q", value: q, placeholder: words.searchPlaceholder, "aria-label": words.searchLabel });
  const form = uploadForm((result) => render(context, result), notice);
  mount(
    root,
    pageTitle(words.title, h("span", { class: "muted", id: "sources-total" }, words.indexed(total))),
    h(
      "form",
      { class: "filters", onsubmit: (event: Event) => (event.preventDefault(), navigate(`/sources${query({ q: search.value })}`)) },
      search,
      h("button", { type: "submit" }, words.search),
    ),
    items.length > 0
      ? h(
          "table",
          { class: "sources" },
          h("thead", {}, h("tr", {}, h("th", {}, words.sourceTitle), h("th", {}, words.published), h("th", { class: "num" }, words.characters), h("th", {}, words.kind))),
          h(
            "tbody",
            {},
            ...items.map((s) =>
              h(
                "tr",
                {},
                h("td", { "data-label": words.sourceTitle }, h("a", { href: `#/sources/${s.id}` }, s.title || s.url), h("div", { class: "muted small url" }, s.url)),
                h("td", { "data-label": words.published }, formatDay(s.published)),
                h("td", { class: "num", "data-label": words.characters }, formatNumber(s.chars)),
                h("td", { "data-label": words.kind }, s.reference ? h("span", { class: "tag" }, words.reference) : words.own),
              ),
            ),
          ),
        )
      : empty(q ? words.noMatch : words.noneYet),
    h(
      "p",
      { class: "pager" },
      offset > 0 ? h("a", { class: "button", href: `#/sources${query({ q, offset: Math.max(0, offset - PAGE_SIZE) })}` }, words.previous) : null,
      hasMore ? h("a", { class: "button", href: `#/sources${query({ q, offset: offset + PAGE_SIZE })}` }, words.next) : null,
    ),
    form,
  );
  // The dashboard's guide links here to add the archive: the form comes into view, ready for a file.
  if (params.has("upload") && notice === null) {
    form.scrollIntoView({ block: "start" });
    form.querySelector<HTMLInputElement>("#upload-file")?.focus();
  }
}

/**
 * The upload form. A single page or text may be given its URL, title and publication date (a text file has none);
 * after an upload the page is drawn again, so the count and the list include what was added.
 */
function uploadForm(uploaded: (result: HTMLElement) => Promise<void>, notice: HTMLElement | null): HTMLElement {
  const words = t().upload;
  const file = h("input", { type: "file", id: "upload-file", accept: ".html,.htm,.txt,.jsonl,.ndjson,.xml,.rss,.atom", required: true });
  const url = h("input", { type: "url", id: "upload-url", placeholder: words.urlPlaceholder });
  const headline = h("input", { id: "upload-title", placeholder: words.headlinePlaceholder });
  const published = h("input", { type: "date", id: "upload-published" });
  const reference = h("input", { type: "checkbox", id: "upload-reference" });
  const result = h("div", { id: "upload-result", role: "status" }, notice);
  return h(
    "form",
    {
      class: "card upload-form",
      id: "upload",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const chosen = file.files?.[0];
        if (!chosen) return;
        mount(result, loading());
        try {
          const response = await api.upload<{ added: { url: string; title: string; replaced: boolean }[]; errors: { input: string; message: string }[]; warnings: string[] }>(
            `/api/sources/upload${query({ filename: chosen.name, url: url.value, title: headline.value, published: published.value, reference: String(reference.checked) })}`,
            chosen,
          );
          await uploaded(
            h(
              "div",
              {},
              h("p", { class: "ok" }, words.added(response.added.length, response.added.filter((a) => a.replaced).length)),
              response.errors.length > 0 ? h("ul", { class: "error" }, ...response.errors.map((e) => h("li", {}, e.message))) : null,
              ...response.warnings.map((warning) => h("p", { class: "muted" }, warning)),
            ),
          );
        } catch (error) {
          mount(result, errorBox(error));
        }
      },
    },
    h("h2", {}, words.title),
    h("p", { class: "muted small" }, words.help),
    h("label", { for: "upload-file" }, words.file),
    file,
    h("label", { for: "upload-url" }, words.url),
    url,
    h("label", { for: "upload-title" }, words.headline),
    headline,
    h("label", { for: "upload-published" }, words.published),
    published,
    h("p", { class: "muted small" }, words.publishedHelp),
    h("label", { class: "inline" }, reference, words.reference),
    h("button", { type: "submit", class: "primary" }, words.submit),
    result,
  );
}
