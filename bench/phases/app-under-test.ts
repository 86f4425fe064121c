/**
 * Where the API and monitor phases touch the product (as engine-under-test.ts is for the engine phases): the
 * server as `npm start` builds it, and the monitor as `copyquota monitor` runs it. An interface change in
 * either is one edit here.
 */
export { openAppStores } from "../../src/server/app-stores.ts";
export { buildServer } from "../../src/server/app.ts";
export { ensureAdminKey } from "../../src/server/auth/admin-key.ts";
export { openMonitor, openMonitorAt } from "../../src/monitor/open-monitor.ts";
export { addWatch } from "../../src/monitor/manage-watchlist.ts";
export { DEFAULT_LEASE_MS, runPass } from "../../src/monitor/run-pass.ts";
export { DEFAULT_RECHECK_AFTER_MS } from "../../src/monitor/scheduler.ts";
export { analyzeWith } from "../../src/monitor/analyze-page.ts";
export { UnreadablePageError } from "../../src/io/page-reader/unreadable-page.ts";
export type { PassSummary } from "../../src/monitor/events.ts";
