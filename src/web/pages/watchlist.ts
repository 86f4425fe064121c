import type { WatchedSiteView, WatchFailureView } from "../../server/watched-site-view.ts";
import type { MonitorOverview } from "../../server/monitor-status-view.ts";
import { h, mount, externalLink } from "../dom.ts";
import { api, ApiFailure, query } from "../api.ts";
import { formatDay, formatTime } from "../format.ts";
import { empty, errorBox, loading, pageTitle } from "../widgets.ts";
import { t } from "../language.ts";
import type { PageContext } from "../router.ts";
import { monitorPanel } from "./monitor-panel.ts";

/**
 * Failed URLs listed under a site: the latest problems at a glance (a site failing everywhere shows the pattern
 * in a screenful); the API pages through the rest.
 */
const FAILURES_SHOWN = 20;

interface Failures {
  total: number;
  items: WatchFailureView[];
}

export async function watchlistPage({ root }: PageContext): Promise<void> {
  mount(root, pageTitle(t().watchlist.title), loading());
  await render(root, null);
}

/** Loads the watchlist, and the failures of each site that has some, and shows them; `notice` says what was just done. */
async function render(root: HTMLElement, notice: string | null): Promise<void> {
  const words = t().watchlist;
  const [{ items }, overview] = await Promise.all([api.get<{ items: WatchedSiteView[] }>("/api/watchlist"), api.get<MonitorOverview>("/api/monitor")]);
  const reading = new Set(overview.monitors.flatMap((monitor) => monitor.currentPass?.sites ?? []));
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
    pageTitle(words.title, h("span", { class: "muted" }, words.watched(items.length))),
    h("p", { class: "muted" }, words.help),
    notice !== null ? h("p", { class: "ok", role: "status" }, notice) : null,
    monitorPanel(overview),
    items.length > 0
      ? h(
          "table",
          { class: "watchlist" },
          h("thead", {}, h("tr", {}, h("th", {}, words.columnWatched), h("th", {}, words.schedule), h("th", {}, words.lastPass), h("th", {}, words.urls), h("th", {}, ""))),
          h("tbody", {}, ...items.flatMap((site) => siteRows(site, failures.get(site.id) ?? null, reading.has(site.id), root, reload))),
        )
      : empty(words.none),
    h("section", { class: "card" }, h("h2", {}, words.add), watchForm(reload)),
  );
}

/** The site's row (`reading`: a monitor's pass is reading it now), and the row of its failed URLs when it has some. */
function siteRows(site: WatchedSiteView, failures: Failures | null, reading: boolean, root: HTMLElement, reload: (message: string | null) => Promise<void>): HTMLElement[] {
  const words = t().watchlist;
  const row = h(
    "tr",
    { class: "site", "data-site": site.id },
    h(
      "td",
      {},
      externalLink(site.url),
      " ",
      h("span", { class: "tag kind" }, words.kinds[site.kind]),
      site.kind === "site" || site.listings[0] !== site.url
        ? h("ul", { class: "plain small muted listings" }, ...site.listings.map((listing) => h("li", {}, listing)))
        : null,
      site.since ? h("div", { class: "small muted" }, words.since(formatDay(site.since.slice(0, 10)))) : null,
    ),
    h("td", { class: "schedule" }, scheduleForm(site, reload)),
    h(
      "td",
      {},
      site.lastPassAt ? formatTime(site.lastPassAt) : h("span", { class: "muted" }, words.never),
      reading ? h("div", { class: "small ok reading" }, words.readingNow) : null,
    ),
    h("td", { class: "counts" }, urlCounts(site)),
    h("td", { class: "remove" }, checkNowButton(site, root, reload), " ", removeButton(site, root, reload)),
  );
  if (failures === null) return [row];
  return [row, h("tr", { class: "failures", "data-site": site.id }, h("td", { colspan: 5 }, failureList(failures)))];
}

/** How the site's URLs fared, each count with its word: done, failed (some to be retried), queued. */
function urlCounts(site: WatchedSiteView): HTMLElement {
  const words = t().watchlist;
  const { done, failed, queued } = site.counts;
  return h(
    "span",
    {},
    h("span", { class: "count-done" }, words.done(done)),
    " · ",
    h("span", { class: failed > 0 ? "count-failed warning" : "count-failed" }, words.failed(failed)),
    site.urls.retrying > 0 ? h("span", { class: "muted" }, words.retrying(site.urls.retrying)) : null,
    " · ",
    h("span", { class: "count-queued" }, words.queued(queued)),
  );
}

/** The URLs that failed, each with its reason: the reason word as a tag, the message beside it. */
function failureList(failures: Failures): HTMLElement {
  const words = t().watchlist;
  const more = failures.total - failures.items.length;
  return h(
    "details",
    { class: "failure-list", open: true },
    h("summary", {}, words.failedUrls(failures.total)),
    h(
      "table",
      { class: "failures" },
      h("thead", {}, h("tr", {}, h("th", {}, words.url), h("th", {}, words.reason), h("th", {}, words.when))),
      h(
        "tbody",
        {},
        ...failures.items.map((failure) => {
          const [word, detail] = splitReason(failure.reason);
          return h(
            "tr",
            {},
            h("td", {}, externalLink(failure.url), failure.role !== "page" ? h("span", { class: "muted small" }, ` (${words.roles[failure.role]})`) : null),
            h(
              "td",
              { class: "reason" },
              h("span", { class: "tag" }, word),
              failure.status === "retrying" ? h("span", { class: "muted small" }, words.willRetry) : null,
              detail ? h("div", { class: "small" }, detail) : null,
            ),
            h("td", { class: "small" }, formatTime(failure.updatedAt)),
          );
        }),
      ),
    ),
    more > 0 ? h("p", { class: "muted small" }, words.more(more)) : null,
  );
}

/** A stored reason is a word, a colon, then the detail (see the monitor's `recordFailure`). */
function splitReason(reason: string | null): [string, string] {
  if (reason === null) return ["failed", ""];
  const colon = reason.indexOf(": ");
  return colon > 0 ? [reason.slice(0, colon), reason.slice(colon + 2)] : [reason, ""];
}

function scheduleForm(site: WatchedSiteView, reload: (message: string | null) => Promise<void>): HTMLElement {
  const words = t().watchlist;
  const interval = h("input", { name: "interval", value: site.interval, size: 5, "aria-label": words.intervalAria(site.url) });
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
          await reload(words.rescheduled(updated.url, updated.interval));
        } catch (failure) {
          error.textContent = failure instanceof ApiFailure && failure.issues.length > 0 ? failure.issues.map((i) => i.message).join("; ") : (failure as Error).message;
        }
      },
    },
    h("span", { class: "row" }, h("span", {}, words.every), interval, h("button", { type: "submit" }, t().common.save)),
    h("div", { class: "small muted" }, words.next(formatTime(site.nextPassAt))),
    error,
  );
  return form;
}

/** Makes the site due now and wakes the monitor; the page then shows it due (and, reloaded, read). */
function checkNowButton(site: WatchedSiteView, root: HTMLElement, reload: (message: string | null) => Promise<void>): HTMLElement {
  const words = t().watchlist;
  return h(
    "button",
    {
      type: "button",
      class: "check-now",
      "aria-label": words.checkNowAria(site.url),
      onclick: async () => {
        try {
          const checked = await api.post<WatchedSiteView>(`/api/watchlist/${site.id}/check`);
          await reload(words.checkQueued(checked.url));
        } catch (error) {
          root.prepend(errorBox(error));
        }
      },
    },
    words.checkNow,
  );
}

function removeButton(site: WatchedSiteView, root: HTMLElement, reload: (message: string | null) => Promise<void>): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      class: "danger",
      onclick: async () => {
        if (!window.confirm(t().watchlist.confirmRemove(site.url))) return;
        try {
          const removed = await api.delete<{ url: string }>(`/api/watchlist/${site.id}`);
          await reload(t().watchlist.removed(removed.url));
        } catch (error) {
          root.prepend(errorBox(error));
        }
      },
    },
    t().common.remove,
  );
}

function watchForm(reload: (message: string | null) => Promise<void>): HTMLElement {
  const words = t().watchlist;
  const field = (name: string, label: string, input: HTMLElement, help: string) =>
    h("div", { class: "field", "data-field": name }, h("label", { for: `watch-${name}` }, label), input, h("p", { class: "muted small" }, help), h("p", { class: "field-error" }));
  const url = h("input", { id: "watch-url", name: "url", type: "url", required: true, placeholder: "https://reposter.example/" });
  const interval = h("input", { id: "watch-interval", name: "interval", placeholder: "1h", size: 6 });
  const since = h("input", { id: "watch-since", name: "since", type: "date" });
  const submit = h("button", { type: "submit", class: "primary" }, words.watch);
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
        mount(message, h("p", { class: "muted" }, words.fetching));
        submit.disabled = true;
        const body = { url: url.value, interval: interval.value.trim() || undefined, since: since.value || null };
        try {
          const { site, replaced } = await api.post<{ site: WatchedSiteView; replaced: boolean }>("/api/watchlist", body);
          const listings = site.kind === "site" ? words.listings(site.listings.length) : "";
          await reload(words.added(replaced, site.url, words.kinds[site.kind], site.interval, listings));
        } catch (error) {
          mount(message, errorBox(error));
          if (error instanceof ApiFailure) showFieldErrors(form, error.issues);
        } finally {
          submit.disabled = false;
        }
      },
    },
    field("url", words.url, url, words.urlHelp),
    h(
      "div",
      { class: "row" },
      field("interval", words.interval, interval, words.intervalHelp),
      field("since", words.sinceLabel, since, words.sinceHelp),
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
