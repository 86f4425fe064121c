import type Database from "better-sqlite3";
import type { MonitorStatus, MonitorStatusStore } from "./monitor-status.ts";
import { liveStatuses, type MonitorStatusRow } from "./monitor-status-rows.ts";

/**
 * The monitors' statuses in the CopyQuota SQLite database: one row per monitor process, its status as JSON
 * (written a few times a pass, read only to be shown, never queried by field).
 */
export class SqliteMonitorStatus implements MonitorStatusStore {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      upsert: db.prepare(`INSERT INTO monitor_processes (process, started_at, status) VALUES (@process, @startedAt, @status)
        ON CONFLICT (process) DO UPDATE SET started_at = excluded.started_at, status = excluded.status`),
      delete: db.prepare("DELETE FROM monitor_processes WHERE process = ?"),
      all: db.prepare("SELECT process, status FROM monitor_processes ORDER BY started_at, process"),
    };
  }

  async save(status: MonitorStatus): Promise<void> {
    this.stmts.upsert.run({ process: status.process, startedAt: status.startedAt, status: JSON.stringify(status) });
  }

  async remove(process: string): Promise<void> {
    this.stmts.delete.run(process);
  }

  /** Leaves out monitors of this machine whose process is gone (see `liveStatuses`). */
  async list(): Promise<MonitorStatus[]> {
    return liveStatuses(this.stmts.all.all() as MonitorStatusRow[]);
  }
}
