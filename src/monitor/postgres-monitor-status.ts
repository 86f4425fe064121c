import type { PgExecutor } from "../io/storage/postgres-executor.ts";
import type { MonitorStatus, MonitorStatusStore } from "./monitor-status.ts";
import { liveStatuses, type MonitorStatusRow } from "./monitor-status-rows.ts";

/**
 * The monitors' statuses in PostgreSQL (table: postgres-tables/monitors.ts), where the monitors of every
 * machine sharing the database record theirs. Each process writes only its own row, in one upsert
 * (`ON CONFLICT`), so statuses saved at once, even a process's first, never fail or mix.
 */
export class PostgresMonitorStatus implements MonitorStatusStore {
  constructor(private readonly db: PgExecutor) {}

  async save(status: MonitorStatus): Promise<void> {
    await this.db.query(
      `INSERT INTO monitor_processes (process, started_at, status) VALUES ($1, $2, $3)
        ON CONFLICT (process) DO UPDATE SET started_at = excluded.started_at, status = excluded.status`,
      [status.process, status.startedAt, JSON.stringify(status)],
    );
  }

  async remove(process: string): Promise<void> {
    await this.db.query("DELETE FROM monitor_processes WHERE process = $1", [process]);
  }

  /** Leaves out monitors of this machine whose process is gone, as SQLite's does (see `liveStatuses`). */
  async list(): Promise<MonitorStatus[]> {
    const { rows } = await this.db.query<MonitorStatusRow>("SELECT process, status FROM monitor_processes ORDER BY started_at, process");
    return liveStatuses(rows);
  }
}
