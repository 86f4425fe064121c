import type { MonitorOverview, MonitorStatusView } from "../../server/monitor-status-view.ts";
import { h } from "../dom.ts";
import { formatTime } from "../format.ts";
import { t } from "../language.ts";

/**
 * The background monitors above the watchlist: whether one runs at all (else nothing is read), what each is
 * reading, its last pass, its next look at the schedule and the last error it met.
 */
export function monitorPanel(overview: MonitorOverview): HTMLElement {
  const words = t().watchlist;
  return h(
    "section",
    { class: "card monitor-status" },
    h("h2", {}, words.monitorTitle),
    ...(overview.monitors.length === 0 ? [h("p", { class: "warning" }, words.monitorNone)] : overview.monitors.map(monitorState)),
  );
}

function monitorState(monitor: MonitorStatusView): HTMLElement {
  const words = t().watchlist;
  const { currentPass, lastPass, lastError } = monitor;
  return h(
    "div",
    { class: "monitor", "data-state": monitor.state },
    h(
      "p",
      {},
      h("strong", {}, words.monitorProcess(monitor.process, monitor.thisProcess)),
      " · ",
      currentPass !== null
        ? h("span", { class: "ok running" }, words.monitorRunning(currentPass.sites.length, formatTime(currentPass.startedAt)))
        : h("span", { class: "muted" }, words.monitorIdle),
    ),
    h(
      "p",
      { class: "small last-pass" },
      lastPass !== null ? words.monitorLastPass(formatTime(lastPass.finishedAt), lastPass.events.checked, lastPass.events.failed, lastPass.casesOpened) : words.monitorNoPass,
      currentPass === null && monitor.nextLookAt !== null ? ` · ${words.monitorNextLook(formatTime(monitor.nextLookAt))}` : null,
    ),
    lastError !== null ? h("p", { class: "small warning last-error url" }, words.monitorLastError(formatTime(lastError.at), lastError.message)) : null,
  );
}
