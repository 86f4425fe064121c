import type { CliContext } from "./context.ts";
import type { MonitorOptions, OpenMonitor } from "../monitor/open-monitor.ts";
import { openMonitorAt } from "../monitor/open-monitor.ts";
import { openForCli } from "./open-storage.ts";

/** The monitor on the database named by the global options; a database that cannot be used is a usage error. */
export function openCliMonitor(context: CliContext, options: MonitorOptions = {}): Promise<OpenMonitor> {
  return openForCli(context, (database) => openMonitorAt(database, options));
}
