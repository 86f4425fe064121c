import type { MonitorEvent, PassSummary } from "./events.ts";

/** One line describing an event, for the terminal and for logs. */
export function formatEvent(event: MonitorEvent): string {
  switch (event.type) {
    case "discovered":
      return `discovered ${event.url}: ${event.listings.length} listing(s) ${event.listings.join(" ")}`;
    case "listed": {
      const extra = [
        event.skipped > 0 ? `${event.skipped} before the cut-off` : "",
        event.malformed !== null ? `malformed XML, entries recovered (${event.malformed})` : "",
      ].filter(Boolean);
      return `listed ${event.url} (${event.kind}): ${event.entries} entries, ${event.queued} queued${extra.length ? `; ${extra.join("; ")}` : ""}`;
    }
    case "checked": {
      const cases = [
        event.opened > 0 ? `${event.opened} case(s) opened` : "",
        event.reopened > 0 ? `${event.reopened} reopened` : "",
        event.resolved > 0 ? `${event.resolved} resolved` : "",
      ].filter(Boolean);
      return `checked ${event.url}: ${event.verdict}${cases.length ? `; ${cases.join(", ")}` : ""}`;
    }
    case "unchanged":
      return `unchanged ${event.url}`;
    case "duplicate":
      return `duplicate ${event.url} of ${event.of}`;
    case "gone":
      return `gone ${event.url} (HTTP ${event.status})${event.resolved > 0 ? `; ${event.resolved} case(s) resolved` : ""}`;
    case "failed":
      return `failed ${event.url} [${event.reason}]${event.retryAt ? ` (retry at ${event.retryAt})` : ""}: ${event.message}`;
  }
}

/** Whether an event deserves its own line on a terminal (the rest only advance the progress line). */
export function isNotable(event: MonitorEvent): boolean {
  switch (event.type) {
    case "checked":
      return event.verdict === "violation" || event.opened + event.resolved + event.reopened > 0;
    case "failed":
    case "gone":
    case "listed":
    case "discovered":
      return true;
    default:
      return false;
  }
}

/** The closing line of a pass. */
export function formatSummary(summary: PassSummary): string {
  const seconds = (Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) / 1000;
  const e = summary.events;
  return (
    `pass done in ${seconds.toFixed(1)}s: ${summary.sitesDue} site(s) due, ${summary.rechecksQueued} re-check(s) queued; ` +
    `${e.listed} listing(s) read, ${e.checked} page(s) checked, ${e.unchanged} unchanged, ${e.duplicate} duplicate(s), ${e.gone} gone, ` +
    `${e.failed} failed (${summary.retrying} to retry); cases: ${summary.casesOpened} opened, ${summary.casesResolved} resolved`
  );
}
