import type { WatchedSiteView, WatchFailureView } from "../../server/watched-site-view.ts";
import { h, mount, externalLink } from "../dom.ts";
import { api, ApiFailure, query } from "../api.ts";
import { formatNumber, formatTime } from "../format.ts";
import { empty, errorBox, loading, pageTitle } from "../widgets.ts";
import type { PageContext } from "../router.ts";

/**
 * Failed URLs listed under a site: the latest problems at a glance (a site failing everywhere shows the pattern
 * in a screenful); the API pages through the rest.
 */
const FAILURES_SHOWN = 20;

const KIND_LABELS: Record<WatchedSiteView["kind"], string> = { site: "site", feed: "feed", sitemap: "sitemap" };

interface Failures {
  total: number;
  items: WatchFailureView[];
}

export async function watchlistPage({ root }: PageContext): Promise<void> {
  mount(root, pageTitle("Watchlist"), loading());
  await render(root, null);
}

/** Loads the watchlist, and the failures of each site that has some, and shows them; `notice` says what was just done. */
async function render(root: HTMLElement, notice: string | null): Promise<void> {
  const { items } = await api.get<{ items: WatchedSiteView[] }>("/api/watchlist");
  const failures = new Map(
    await Promise.all(
      items
        .filter((site) => site.counts.failed > 0)
        .map(async (site) => [site.id, await api.get<Failures>(`/api/watchlist/${site.id}/failures${query({ limit: FAILURES_SHOWN })}`)] as const),
    ),
  );
  const reload = (message: string | null) => render(root, message);
  mount(
    root,
    pageTitle("Watchlist", h("span", { class: "muted" }, `${formatNumber(items.length)} watched`)),
    h(
      "p",
      { class: "muted" },
      "Sites, feeds and sitemaps the monitor reads on their schedule: every page they list is fetched and checked, and a page that breaks the policy opens a case. " +
        "For a site, its feeds come from its home page and its sitemaps from its robots.txt.",
    ),
    notice !== null ? h("p", { class: "ok", role: "status" }, notice) : null,
    items.length > 0
      ? h(
          "table",
          { class: "watchlist" },
          h("thead", {}, h("tr", {}, h("th", {}, "Watched"), h("th", {}, "Schedule"), h("th", {}, "Last pass"), h("th", {}, "URLs"), h("th", {}, ""))),
          h("tbody", {}, ...items.flatMap((site) => siteRows(site, failures.get(site.id) ?? null, root, reload))),
        )
      : empty("Nothing is watched yet: add a site, a feed or a sitemap below."),
    h("section", { class: "card" }, h("h2", {}, "Watch a site, feed or sitemap"), watchForm(reload)),
  );
}

function siteRows(site: WatchedSiteView, failures: Failures | null, root: HTMLElement, reload: (message: string | null) => Promise<void>): HTMLElement[] {
  const row = h(
    "tr",
    { class: "site", "data-site": site.id },
    h(
      "td",
      {},
      externalLink(site.url),
      " ",
      h("span", { class: "tag kind" }, KIND_LABELS[site.kind]),
      site.kind === "site" || site.listings[0] !== site.url
        ? h("ul", { class: "plain small muted listings" }, ...site.listings.map((listing) => h("li", {}, listing)))
        : null,
      site.since ? h("div", { class: "small muted" }, `Items since ${site.since.slice(0, 10)}`) : null,
    ),
    h("td", { class: "schedule" }, scheduleForm(site, reload)),
    h("td", {}, site.lastPassAt ? formatTime(site.lastPassAt) : h("span", { class: "muted" }, "never")),
    h("td", { class: "counts" }, urlCounts(site)),
    h("td", { class: "remove" }, removeButton(site, root, reload)),
  );
  if (failures === null) return [row];
  return [row, h("tr", { class: "failures", "data-site": site.id }, h("td", { colspan: 5 }, failureList(failures)))];
}

/** How the site's URLs fared, each count with its word: done, failed (some to be retried), queued. */
function urlCounts(site: WatchedSiteView): HTMLElement {
  const { done, failed, queued } = site.counts;
  return h(
    "span",
    {},
    h("span", { class: "count-done" }, `${formatNumber(done)} done`),
    " · ",
    h("span", { class: failed > 0 ? "count-failed warning" : "count-failed" }, `${formatNumber(failed)} failed`),
    site.urls.retrying > 0 ? h("span", { class: "muted" }, ` (${formatNumber(site.urls.retrying)} to retry)`) : null,
    " · ",
    h("span", { class: "count-queued" }, `${formatNumber(queued)} queued`),
  );
}

/** The URLs that failed, each with its reason: the reason word as a tag, the message beside it. */
function failureList(failures: Failures): HTMLElement {
  const more = failures.total - failures.items.length;
  return h(
    "details",
    { class: "failure-list", open: true },
    h("summary", {}, `${formatNumber(failures.total)} URL${failures.total === 1 ? "" : "s"} failed`),
    h(
      "table",
      { class: "failures" },
      h("thead", {}, h("tr", {}, h("th", {}, "URL"), h("th", {}, "Reason"), h("th", {}, "When"))),
      h(
        "tbody",
        {},
        ...failures.items.map((failure) => {
          const [word, detail] = splitReason(failure.reason);
          return h(
            "tr",
            {},
            h("td", {}, externalLink(failure.url), failure.role !== "page" ? h("span", { class: "muted small" }, ` (${failure.role})`) : null),
            h(
              "td",
              { class: "reason" },
              h("span", { class: "tag" }, word),
              failure.status === "retrying" ? h("span", { class: "muted small" }, " will retry") : null,
              detail ? h("div", { class: "small" }, detail) : null,
            ),
            h("td", { class: "small" }, formatTime(failure.updatedAt)),
          );
        }),
      ),
    ),
    more > 0 ? h("p", { class: "muted small" }, `and ${formatNumber(more)} more (see GET /api/watchlist/{id}/failures)`) : null,
  );
}

/** A stored reason is a word, a colon, then the detail (see the monitor's `recordFailure`). */
function splitReason(reason: string | null): [string, string] {
  if (reason === null) return ["failed", ""];
  const colon = reason.indexOf(": ");
  return colon > 0 ? [reason.slice(0, colon), reason.slice(colon + 2)] : [reason, ""];
}

function scheduleForm(site: WatchedSiteView, reload: (message: string | null) => Promise<void>): HTMLElement {
  const interval = h("input", { name: "interval", value: site.interval, size: 5, "aria-label": `Time between passes over ${site.url}` });
  const error = h("p", { class: "field-error" });
  const form = h(
    "form",
    {
      class: "schedule-form",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.textContent = "";
        try {
          const updated = await api.put<WatchedSiteView>(`/api/watchlist/${site.id}/schedule`, { interval: interval.value.trim() });
          await reload(`${updated.url} is now read every ${updated.interval}.`);
        } catch (failure) {
          error.textContent = failure instanceof ApiFailure && failure.issues.length > 0 ? failure.issues.map((i) => i.message).join("; ") : (failure as Error).message;
        }
      },
    },
    h("span", { class: "row" }, h("span", {}, "every"), interval, h("button", { type: "submit" }, "Save")),
    h("div", { class: "small muted" }, `next ${formatTime(site.nextPassAt)}`),
    error,
  );
  return form;
}

function removeButton(site: WatchedSiteView, root: HTMLElement, reload: (message: string | null) => Promise<void>): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      class: "danger",
      onclick: async () => {
        if (!window.confirm(`Stop watching ${site.url}? Its queued pages are dropped; the cases it opened stay.`)) return;
        try {
          const removed = await api.delete<{ url: string }>(`/api/watchlist/${site.id}`);
          await reload(`Stopped watching ${removed.url}.`);
        } catch (error) {
          root.prepend(errorBox(error));
        }
      },
    },
    "Remove",
  );
}

function watchForm(reload: (message: string | null) => Promise<void>): HTMLElement {
  const field = (name: string, label: string, input: HTMLElement, help: string) =>
    h("div", { class: "field", "data-field": name }, h("label", { for: `watch-${name}` }, label), input, h("p", { class: "muted small" }, help), h("p", { class: "field-error" }));
  const url = h("input", { id: "watch-url", name: "url", type: "url", required: true, placeholder: "https://reposter.example/" });
  const interval = h("input", { id: "watch-interval", name: "interval", placeholder: "1h", size: 6 });
  const since = h("input", { id: "watch-since", name: "since", type: "date" });
  const submit = h("button", { type: "submit", class: "primary" }, "Watch");
  const message = h("div", {});
  const form: HTMLFormElement = h(
    "form",
    {
      class: "watch-form",
      // The browser's own URL check would stop a bad URL before the server could say what is wrong with it.
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        form.querySelectorAll(".field-error").forEach((slot) => (slot.textContent = ""));
        mount(message, h("p", { class: "muted" }, "Fetching it and looking for its feeds and sitemaps…"));
        submit.disabled = true;
        const body = { url: url.value, interval: interval.value.trim() || undefined, since: since.value || null };
        try {
          const { site, replaced } = await api.post<{ site: WatchedSiteView; replaced: boolean }>("/api/watchlist", body);
          const count = site.listings.length;
          const listings = site.kind === "site" ? `, reading ${count} feed${count === 1 ? "" : "s"} and sitemap${count === 1 ? "" : "s"} it announces` : "";
          await reload(`${replaced ? "Updated" : "Watching"} ${site.url} (${KIND_LABELS[site.kind]}, every ${site.interval})${listings}. The monitor reads it at its next look.`);
        } catch (error) {
          mount(message, errorBox(error));
          if (error instanceof ApiFailure) showFieldErrors(form, error.issues);
        } finally {
          submit.disabled = false;
        }
      },
    },
    field("url", "URL", url, "A site's home page (its feeds and sitemaps are found), an RSS/Atom feed or a sitemap."),
    h(
      "div",
      { class: "row" },
      field("interval", "Every", interval, "30m, 6h, 1d… (1h when empty)"),
      field("since", "Items since", since, "Empty: every item listed, however old."),
    ),
    submit,
    message,
  );
  return form;
}

/** Puts each issue the server reported next to the field it names (`body.url` → the URL field). */
function showFieldErrors(form: HTMLElement, issues: readonly { path: string; message: string }[]): void {
  for (const issue of issues) {
    const name = issue.path.replace(/^body\./, "");
    const slot = [...form.querySelectorAll<HTMLElement>(".field")].find((f) => f.dataset.field === name)?.querySelector(".field-error");
    if (slot) slot.textContent = issue.message;
  }
}
