import type { PostgresSize } from "../measure/postgres-size.ts";
import { measurePostgres } from "../measure/postgres-size.ts";
import { openPostgresEngine } from "./engine-under-test.ts";
import type { IndexTiming } from "./index-phase.ts";
import { timeIndexing } from "./index-phase.ts";

export interface PostgresIndexTask {
  phase: "postgres-index";
  repoRoot: string;
  /** An empty database. */
  url: string;
  sources: number;
  seed: number;
  /** Sources generated (untimed) before each timed stretch of indexing. */
  batch: number;
}

export type PostgresIndexResult = IndexTiming & { size: PostgresSize };

/** The indexing phase (index-phase.ts) into PostgreSQL, through the bulk writer `sources add` would use. */
export async function runPostgresIndexPhase(task: PostgresIndexTask): Promise<PostgresIndexResult> {
  const timing = await timeIndexing(task, () => openPostgresEngine(task.url, { bulk: true }));
  return { ...timing, size: await measurePostgres(task.url) };
}
