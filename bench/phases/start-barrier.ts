/**
 * Starts the client processes of a concurrent measurement together: each prepares (generates its candidates,
 * opens its pool, warms up), says it is ready with a file, and waits for the orchestrator's "go" file, written
 * once all are ready. Files, because the workers' only channel to the orchestrator is their result line.
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * How often both sides look for the other's file: a client starts at most this late, against measurements of
 * several seconds.
 */
const POLL_MS = 10;

/** Client side: ready, then waits for the go. */
export async function readyThenWait(dir: string, name: string): Promise<void> {
  writeFileSync(path.join(dir, `ready-${name}`), "");
  while (!existsSync(path.join(dir, "go"))) await sleep(POLL_MS);
}

/**
 * Orchestrator side: writes the go once the clients named `names` are ready. Returns without it when `ended`
 * settles first (a client failed while preparing: the others would wait for ever).
 */
export async function goWhenReady(dir: string, names: readonly string[], ended: Promise<unknown>): Promise<void> {
  let over = false;
  void ended.finally(() => (over = true));
  while (!over && !names.every((name) => existsSync(path.join(dir, `ready-${name}`)))) await sleep(POLL_MS);
  if (!over) writeFileSync(path.join(dir, "go"), "");
}
