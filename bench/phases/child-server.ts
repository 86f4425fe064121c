/**
 * A server a phase runs in a child process of its own (the API under test, the monitor's fixture site), so
 * that it does not share an event loop with the side that measures it. Parent and child talk over Node's IPC
 * channel: the child says where it listens, the parent asks it to stop, the child answers with its peak RSS.
 * When the parent dies the channel closes and the child exits with it: no server outlives its phase.
 */
import { spawn } from "node:child_process";
import { peakRssBytes } from "../measure/process-stats.ts";

/** What a stopped child reports. */
export interface ChildReport {
  /** Peak resident set size of the child process, in bytes. */
  peakRss: number;
}

export interface ChildServer {
  /** Origin the child listens on, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Closes the server, then the process; resolves with the child's report. */
  stop(): Promise<ChildReport>;
}

/**
 * A child that has not closed its server this long after "stop" is hung: it is killed, so that a phase never
 * waits for ever. Closing waits for open requests, and none of the phases' requests takes a minute.
 */
const STOP_TIMEOUT_MS = 60_000;

type ChildMessage = { type: "listening"; url: string } | ({ type: "stopped" } & ChildReport);

/**
 * Runs `entry` (a TypeScript module calling `serveUntilStopped`) in a fresh Node process through tsx, in this
 * process's working directory (the code snapshot the phase runs), and resolves once it listens.
 */
export function startChildServer(entry: string, args: readonly string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    const onEarlyExit = (code: number | null, signal: string | null) => reject(new Error(`${entry} exited (${signal ?? code}) before it listened`));
    child.once("exit", onEarlyExit);
    child.once("message", (message: ChildMessage) => {
      if (message.type !== "listening") return;
      child.off("exit", onEarlyExit);
      resolve({
        url: message.url,
        stop: () =>
          new Promise<ChildReport>((done, fail) => {
            if (child.exitCode !== null || child.signalCode !== null) {
              fail(new Error(`${entry} had exited (${child.signalCode ?? child.exitCode}) before it was stopped`));
              return;
            }
            let report: ChildReport | null = null;
            const kill = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
            child.on("message", (m: ChildMessage) => {
              if (m.type === "stopped") report = { peakRss: m.peakRss };
            });
            child.once("exit", (code, signal) => {
              clearTimeout(kill);
              if (report) done(report);
              else fail(new Error(`${entry} exited (${signal ?? code}) without its report`));
            });
            child.send("stop");
          }),
      });
    });
  });
}

/**
 * The child's side: starts the server, tells the parent where it listens, and on "stop" (or when the parent
 * is gone) closes it and exits, reporting its peak RSS to a parent that is still there.
 */
export async function serveUntilStopped(listen: () => Promise<{ url: string; close(): Promise<void> }>): Promise<void> {
  if (!process.send) throw new Error("this module is a bench child server: start it through startChildServer (it needs the IPC channel)");
  const server = await listen();
  process.on("disconnect", () => void server.close().finally(() => process.exit(0)));
  process.on("message", (message) => {
    if (message !== "stop") return;
    void server.close().then(() => {
      const report: ChildMessage = { type: "stopped", peakRss: peakRssBytes() };
      process.send!(report, undefined, {}, () => process.exit(0));
    });
  });
  const ready: ChildMessage = { type: "listening", url: server.url };
  process.send(ready);
}
