import { readFileSync } from "node:fs";

/** Highest resident set size this process has reached so far, in bytes (getrusage's ru_maxrss). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Bytes this process has passed to write(2) so far (`wchar` of /proc/self/io), or null off Linux.
 * SQLite's WAL and checkpoint writes land here, so it shows a store's write amplification even when the
 * page cache absorbs them before the disk does.
 */
export function bytesWritten(): number | null {
  try {
    const match = /^wchar:\s*(\d+)$/m.exec(readFileSync("/proc/self/io", "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Millions of characters per second that a fixed loop of plain JavaScript (FNV-1a over the texts) runs at:
 * an engine-independent gauge of how fast the machine was during a phase, to tell a slow engine from a
 * busy machine.
 */
export function cpuGauge(texts: readonly string[]): number {
  const start = performance.now();
  let h = 0x811c9dc5;
  let chars = 0;
  for (let round = 0; round < 3; round++) {
    for (const text of texts) {
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      chars += text.length;
    }
  }
  const ms = performance.now() - start;
  // The hash is returned through a side channel so the loop cannot be optimised away.
  gaugeSink = h;
  return chars / ms / 1000;
}

export let gaugeSink = 0;
