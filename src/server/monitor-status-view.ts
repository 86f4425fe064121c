import type { MonitorStatus, MonitorStatusStore } from "../monitor/monitor-status.ts";
import type { Watchlist } from "../monitor/watchlist.ts";
import { thisProcess } from "../monitor/monitor-status.ts";

/** A monitor's status as the API shows it: whether it is the answering process's own (whose `wake` the routes call). */
export interface MonitorStatusView extends MonitorStatus {
  thisProcess: boolean;
}

/** What `GET /api/monitor` answers: every monitor on the database, and when the next site is due. */
export interface MonitorOverview {
  monitors: MonitorStatusView[];
  nextPassAt: string | null;
}

export async function monitorOverview(statuses: MonitorStatusStore, watchlist: Watchlist): Promise<MonitorOverview> {
  const self = thisProcess();
  const monitors = (await statuses.list()).map((status) => ({ ...status, thisProcess: status.process === self }));
  return { monitors, nextPassAt: await watchlist.nextDue() };
}
