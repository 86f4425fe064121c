import type { Agent } from "undici";
import { request } from "undici";
import { median, now, quantile } from "../measure/stats.ts";

/** One batch of `POST /api/check` requests: how fast they were answered, and how long each took. */
export interface LoadStats {
  requests: number;
  clients: number;
  seconds: number;
  /** Checks answered per second over the batch's wall time. */
  rate: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Candidates the server found in violation (each opened or updated a case). */
  violations: number;
}

/** A batch's figures from each check's latency and the batch's wall time. */
export function latencyStats(latenciesMs: readonly number[], clients: number, seconds: number, violations: number): LoadStats {
  return {
    requests: latenciesMs.length,
    clients,
    seconds,
    rate: latenciesMs.length / seconds,
    p50Ms: median(latenciesMs),
    p95Ms: quantile(latenciesMs, 0.95),
    p99Ms: quantile(latenciesMs, 0.99),
    violations,
  };
}

/**
 * Sends every body once to `POST /api/check`, from `clients` loops sharing one queue (a client sends its next
 * request when its last was answered, as a newsroom's tools would); each request is timed alone, response
 * body read and parsed included.
 * @throws on the first answer that is not 200, with its status and the start of its body: a failing API
 *   has no speed to report.
 */
export async function sendChecks(url: string, key: string, agent: Agent, bodies: readonly string[], clients: number): Promise<LoadStats> {
  let next = 0;
  let violations = 0;
  const latenciesMs: number[] = [];
  const started = now();
  await Promise.all(
    Array.from({ length: Math.min(clients, bodies.length) }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const t0 = now();
        const response = await request(`${url}/api/check`, {
          method: "POST",
          dispatcher: agent,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body,
        });
        const text = await response.body.text();
        if (response.statusCode !== 200) throw new Error(`POST ${url}/api/check answered ${response.statusCode}: ${text.slice(0, 300)}`);
        const verdict = (JSON.parse(text) as { verdict: string }).verdict;
        latenciesMs.push(now() - t0);
        if (verdict === "violation") violations++;
      }
    }),
  );
  return latencyStats(latenciesMs, clients, (now() - started) / 1000, violations);
}
