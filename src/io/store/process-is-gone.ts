/**
 * Whether no process of id `pid` runs on this machine: signal 0 checks without signalling. EPERM means it runs
 * as another user. A pid the system gave again to an unrelated process reads as running, which only delays
 * what waits for the first one's end.
 */
export function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
