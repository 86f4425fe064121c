import type { ApiTask } from "./phases/api-phase.ts";
import type { CheckTask } from "./phases/check-phase.ts";
import type { IndexTask } from "./phases/index-phase.ts";
import type { MonitorTask } from "./phases/monitor-phase.ts";
import type { PeerTask } from "./phases/peer-phase.ts";
import type { PostgresCheckTask } from "./phases/postgres-check-phase.ts";
import type { PostgresIndexTask } from "./phases/postgres-index-phase.ts";
import type { PostgresMonitorTask } from "./phases/postgres-monitor-phase.ts";

/** A measured phase, as the orchestrator hands it to a worker process. */
export type Task = IndexTask | CheckTask | PeerTask | ApiTask | MonitorTask | PostgresIndexTask | PostgresCheckTask | PostgresMonitorTask;

/** Marks the worker's result line on stdout, so stray output never parses as a result. */
export const RESULT_PREFIX = "BENCH-RESULT ";
