import { spawn } from "node:child_process";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import type { MonitorStatus, MonitorStatusStore } from "../../src/monitor/monitor-status.ts";
import { thisProcess } from "../../src/monitor/monitor-status.ts";
import { SqliteMonitorStatus } from "../../src/monitor/sqlite-monitor-status.ts";
import { PostgresMonitorStatus } from "../../src/monitor/postgres-monitor-status.ts";
import { MONITOR_STATUS_TABLES } from "../../src/io/storage/postgres-tables/monitors.ts";
import { emptySummary } from "../../src/monitor/events.ts";
import { storeBackends } from "./store-backends.ts";

const backends = storeBackends<MonitorStatusStore>("monitor_status", {
  sqlite: (db) => new SqliteMonitorStatus(db),
  postgres: (db) => new PostgresMonitorStatus(db),
  tables: MONITOR_STATUS_TABLES,
});

const idle = (process: string, startedAt: string): MonitorStatus => ({
  process,
  startedAt,
  updatedAt: startedAt,
  state: "idle",
  currentPass: null,
  lastPass: null,
  nextLookAt: null,
  lastError: null,
});

/** The pid of a process of this machine that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

describe.each(backends.map((b) => [b.name, b] as const))("%s monitor statuses: the same semantics", (_name, backend) => {
  it("keeps each monitor's last status whole, lists them oldest first, and forgets a stopped one", async () => {
    const store = (await backend.database()).connect();
    const worker = idle("worker-b.example/41", "2026-03-01T08:00:00.000Z");
    const server = idle("api-a.example/7", "2026-03-01T09:00:00.000Z");
    const twin = idle("Api-a.example/7", "2026-03-01T09:00:00.000Z");
    await store.save(server);
    await store.save(worker);
    await store.save(twin);
    expect(await store.list()).toEqual([worker, twin, server]);
    const running: MonitorStatus = {
      ...worker,
      updatedAt: "2026-03-01T10:00:05.000Z",
      state: "running",
      currentPass: { startedAt: "2026-03-01T10:00:00.000Z", sites: [3, 1] },
      lastPass: { ...emptySummary("2026-03-01T09:00:00.000Z"), finishedAt: "2026-03-01T09:01:00.000Z", casesOpened: 2 },
      nextLookAt: "2026-03-01T11:00:00.000Z",
      lastError: { at: "2026-03-01T10:00:04.000Z", message: "https://gorportal.example/news/1: timeout — 30 s «без ответа»" },
    };
    await store.save(running);
    expect(await store.list()).toEqual([running, twin, server]);
    // A monitor restarted under the same name moves to its new start.
    const restarted = idle(worker.process, "2026-03-01T12:00:00.000Z");
    await store.save(restarted);
    expect(await store.list()).toEqual([twin, server, restarted]);
    await store.remove(server.process);
    await store.remove("never.example/1");
    expect(await store.list()).toEqual([twin, restarted]);
  });

  it("leaves out the monitor of a process of this machine that ended without removing its row", async () => {
    const store = (await backend.database()).connect();
    const pid = await deadPid();
    const dead = idle(`${hostname()}/${pid}`, "2026-03-01T08:00:00.000Z");
    const elsewhere = idle(`another-host.example/${pid}`, "2026-03-01T08:00:01.000Z");
    const self = idle(thisProcess(), "2026-03-01T08:00:02.000Z");
    for (const status of [dead, elsewhere, self]) await store.save(status);
    expect(await store.list()).toEqual([elsewhere, self]);
  });

  it("lists every monitor's last status when monitors on two connections record theirs at once", async () => {
    const database = await backend.database();
    const [a, b] = [database.connect(), database.connect()];
    const updates = (process: string) =>
      Array.from({ length: 20 }, (_, n): MonitorStatus => ({ ...idle(process, "2026-03-01T08:00:00.000Z"), updatedAt: `2026-03-01T08:00:${String(n).padStart(2, "0")}.000Z` }));
    // Each process records its own status over and over; both also record a shared name's first status at once.
    const record = (store: MonitorStatusStore, statuses: MonitorStatus[]) => Promise.all(statuses.map((status) => store.save(status)));
    await Promise.all([record(a, updates("worker-a.example/1")), record(b, updates("worker-b.example/1")), record(a, updates("shared.example/1")), record(b, updates("shared.example/1"))]);
    const listed = await b.list();
    expect(listed.map((s) => s.process)).toEqual(["shared.example/1", "worker-a.example/1", "worker-b.example/1"]);
    for (const status of listed) expect(updates(status.process)).toContainEqual(status);
    expect(await a.list()).toEqual(listed);
  });
});
