import type { ApiTask } from "./phases/api-phase.ts";
import type { CheckTask } from "./phases/check-phase.ts";
import type { IndexTask } from "./phases/index-phase.ts";
import type { MonitorTask } from "./phases/monitor-phase.ts";
import type { PeerTask } from "./phases/peer-phase.ts";

/** A measured phase, as the orchestrator hands it to a worker process. */
export type Task = IndexTask | CheckTask | PeerTask | ApiTask | MonitorTask;

/** Marks the worker's result line on stdout, so stray output never parses as a result. */
export const RESULT_PREFIX = "BENCH-RESULT ";
