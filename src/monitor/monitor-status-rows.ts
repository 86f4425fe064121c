import type { MonitorStatus } from "./monitor-status.ts";
import { isDeadLocalOwner } from "./lease-owner.ts";

/** A `monitor_processes` row as both databases give it: the status is JSON text, written and read whole. */
export interface MonitorStatusRow {
  process: string;
  status: string;
}

/**
 * The statuses of monitors that may still run, leaving out those of this machine whose process is gone
 * (killed, crashed): they never removed their row.
 */
export function liveStatuses(rows: readonly MonitorStatusRow[]): MonitorStatus[] {
  return rows.filter((row) => !isDeadLocalOwner(row.process)).map((row) => JSON.parse(row.status) as MonitorStatus);
}
