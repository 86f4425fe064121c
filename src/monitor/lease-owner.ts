import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/**
 * Lease holders are named `host/pid/nonce/worker`: unique per worker of a pass, and telling which process on
 * which machine holds a lease, so that a process can release at once the leases of a dead process on its
 * own machine instead of waiting for them to expire.
 */
export function leaseOwners(count: number): string[] {
  const nonce = randomBytes(4).toString("hex");
  return Array.from({ length: count }, (_, worker) => `${hostname()}/${process.pid}/${nonce}/${worker}`);
}

/**
 * Whether a lease holder was a process of this machine that no longer runs (killed, crashed). Holders on
 * other machines, and this process's own, are never judged dead here: only their lease's expiry frees them.
 */
export function isDeadLocalOwner(owner: string): boolean {
  const [host, pidText] = owner.split("/");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    // Signal 0 delivers nothing; it only asks whether the process exists.
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
