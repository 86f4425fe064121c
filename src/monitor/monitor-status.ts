import { hostname } from "node:os";
import type { PassSummary } from "./events.ts";

/**
 * What the background monitor of a server process (its scheduler) is doing, as it last recorded it in the
 * database: readable by every process sharing the database, each monitor in a row of its own.
 */
export interface MonitorStatus {
  /** `host/pid`: which process on which machine (the prefix of its lease holders' names). */
  process: string;
  /** When this monitor started. */
  startedAt: string;
  /** When it last recorded its status. */
  updatedAt: string;
  /** Reading (a pass in progress) or waiting for the next one. */
  state: "running" | "idle";
  /** The pass in progress: when it started and the ids of the watched sites it is reading; null when idle. */
  currentPass: { startedAt: string; sites: number[] } | null;
  /** The last pass finished, with its counts (pages checked, URLs failed, cases opened); null before the first. */
  lastPass: PassSummary | null;
  /** When it looks at the schedule again (sooner when a site is added or checked now in its own process). */
  nextLookAt: string | null;
  /** The last failure it met: a URL that failed in a pass, or a whole pass that failed; null when none yet. */
  lastError: { at: string; message: string } | null;
}

/** The monitors' statuses in the database. SQLite implements it; PostgreSQL can implement the same methods. */
export interface MonitorStatusStore {
  /** Records a monitor's status, replacing what it recorded before. */
  save(status: MonitorStatus): Promise<void>;
  /** Forgets a monitor (it stopped). */
  remove(process: string): Promise<void>;
  /** Every monitor's status, oldest first. */
  list(): Promise<MonitorStatus[]>;
}

/** The name this process records its monitor under. */
export function thisProcess(): string {
  return `${hostname()}/${process.pid}`;
}
