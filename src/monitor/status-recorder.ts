import type { MonitorEvent, PassSummary } from "./events.ts";
import type { MonitorStatus } from "./monitor-status.ts";
import type { Storage } from "../io/storage/storage.ts";
import type { WatchedSite } from "./watchlist.ts";
import { thisProcess } from "./monitor-status.ts";

/**
 * Keeps a running monitor's status and records it in the database at each turn of its loop: a pass started
 * (with its sites), a pass finished or failed. URL failures are noted as they come and recorded with the pass.
 * Recording is best effort: the status is only shown, and a busy database must not fail a pass over it. Each
 * write is a unit of work of its own: on SQLite the monitor's repositories share one connection, where a plain
 * write made while a unit of work of the pass is open (its workers and lease heartbeats run beside the status
 * writes) would join that transaction and roll back with it.
 */
export class StatusRecorder {
  private status: MonitorStatus;

  constructor(
    private readonly storage: Pick<Storage, "transaction">,
    private readonly now: () => number,
  ) {
    const at = this.at();
    this.status = { process: thisProcess(), startedAt: at, updatedAt: at, state: "idle", currentPass: null, lastPass: null, nextLookAt: null, lastError: null };
  }

  passStarted(startedAt: string, sites: readonly WatchedSite[]): void {
    this.save({ state: "running", currentPass: { startedAt, sites: sites.map((site) => site.id) } });
  }

  noteEvent(event: MonitorEvent): void {
    if (event.type === "failed") this.status = { ...this.status, lastError: { at: this.at(), message: event.message } };
  }

  passFinished(summary: PassSummary, nextLookAt: Date): void {
    this.save({ state: "idle", currentPass: null, lastPass: summary, nextLookAt: nextLookAt.toISOString() });
  }

  passFailed(error: unknown, nextLookAt: Date): void {
    const message = `the pass failed: ${error instanceof Error ? error.message : String(error)}`;
    this.save({ state: "idle", currentPass: null, nextLookAt: nextLookAt.toISOString(), lastError: { at: this.at(), message } });
  }

  /** Removes the monitor's row: it stopped. */
  async forget(): Promise<void> {
    await this.storage.transaction((tx) => tx.monitors.remove(this.status.process)).catch(() => undefined);
  }

  private save(change: Partial<MonitorStatus>): void {
    this.status = { ...this.status, ...change, updatedAt: this.at() };
    const status = this.status;
    void this.storage.transaction((tx) => tx.monitors.save(status)).catch(() => undefined);
  }

  private at(): string {
    return new Date(this.now()).toISOString();
  }
}
