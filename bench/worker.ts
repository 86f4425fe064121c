/**
 * One measured phase in a process of its own, so that each phase's peak RSS is its own and one phase's
 * heap does not slow the next. Reads the task as JSON from argv, writes the result as one line prefixed
 * with RESULT_PREFIX on stdout; progress goes to stderr.
 */
import { runApiPhase } from "./phases/api-phase.ts";
import { runCheckPhase } from "./phases/check-phase.ts";
import { runIndexPhase } from "./phases/index-phase.ts";
import { runMonitorPhase } from "./phases/monitor-phase.ts";
import { runPeerPhase } from "./phases/peer-phase.ts";
import { runPostgresCheckPhase } from "./phases/postgres-check-phase.ts";
import { runPostgresIndexPhase } from "./phases/postgres-index-phase.ts";
import { runPostgresMonitorPhase } from "./phases/postgres-monitor-phase.ts";
import type { Task } from "./task.ts";
import { RESULT_PREFIX } from "./task.ts";

async function main(): Promise<void> {
  const raw = process.argv[2];
  if (!raw) throw new Error("bench worker: expected the task as a JSON argument");
  const task = JSON.parse(raw) as Task;
  const result = await runTask(task);
  process.stdout.write(RESULT_PREFIX + JSON.stringify(result) + "\n");
}

function runTask(task: Task): Promise<unknown> {
  switch (task.phase) {
    case "index":
      return runIndexPhase(task);
    case "check":
      return runCheckPhase(task);
    case "api":
      return runApiPhase(task);
    case "monitor":
      return runMonitorPhase(task);
    case "dolos":
    case "copyquota":
      return runPeerPhase(task);
    case "postgres-index":
      return runPostgresIndexPhase(task);
    case "postgres-check":
      return runPostgresCheckPhase(task);
    case "postgres-monitor":
      return runPostgresMonitorPhase(task);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
