import { setTimeout as sleep } from "node:timers/promises";

interface HostSlot {
  /** Settles when the last request queued for the host has finished. */
  tail: Promise<void>;
  /** `performance.now()` when the host's latest request finished. */
  lastDone: number;
}

/**
 * Serializes requests per host: one at a time, each starting at least `delayMs` after the previous one to
 * the same host ended, so a site never sees more than one of our connections busy at once. The delay is
 * waited before the next request rather than after the last, so an idle fetcher keeps no process alive.
 * With `delayMs` 0 requests run at once, unqueued (benchmarks against a local server).
 */
export class HostQueue {
  private readonly slots = new Map<string, HostSlot>();

  constructor(private readonly delayMs: number) {}

  /** Runs `task` when `host` is free and rested; its result or error passes through. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    if (this.delayMs === 0) return task();
    const slot = this.slots.get(host) ?? { tail: Promise.resolve(), lastDone: -Infinity };
    this.slots.set(host, slot);
    const previous = slot.tail;
    let release = (): void => {};
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    slot.tail = tail;
    await previous;
    try {
      const rest = slot.lastDone + this.delayMs - performance.now();
      if (rest > 0) await sleep(rest);
      return await task();
    } finally {
      slot.lastDone = performance.now();
      release();
      this.forgetWhenRested(host, slot, tail);
    }
  }

  /** Drops a host's slot once its delay has passed with nothing queued, so a long crawl of many hosts does not accumulate them. */
  private forgetWhenRested(host: string, slot: HostSlot, tail: Promise<void>): void {
    setTimeout(() => {
      if (slot.tail === tail && this.slots.get(host) === slot) this.slots.delete(host);
    }, this.delayMs).unref();
  }
}
