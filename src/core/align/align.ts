import type { Token } from "../types.ts";
import { hashKeys } from "../fingerprint/hash.ts";

/** A source token aligned to a candidate token, by their indices. */
export interface TokenPair {
  source: number;
  candidate: number;
}

/** A run of aligned tokens: a passage before it is turned into character spans. */
export interface Alignment {
  /** Aligned pairs, increasing on both sides. */
  pairs: TokenPair[];
}

export interface AlignOptions {
  /** Words per seed: consecutive equal keys that start an alignment. */
  seedLength: number;
  /** Unmatched words tolerated on either side between two seeds of one passage. */
  maxGap: number;
  /** Fewest aligned words a passage must have to be reported. */
  minMatched: number;
  /** Seeds whose n-gram occurs more often than this in the source are ignored (lists, repeated lines). */
  maxSeedRepeats: number;
}

interface Chain {
  pairs: TokenPair[];
  endS: number;
  endC: number;
}

/**
 * Aligns a candidate against one source, tolerating edits: seeds are shared n-grams of stemmed words;
 * seeds are chained while the gap since the chain's last aligned word stays within `maxGap` words on
 * both sides, so a changed, deleted or inserted word does not split a passage, while reordered
 * sentences become separate passages. A gap may cross into the next source sentence but never skip a
 * whole one: a sentence the reuser left out is not counted as reused.
 * Each candidate word explains at most one source word: longer passages claim words first.
 */
export function align(source: readonly Token[], candidate: readonly Token[], options: AlignOptions): Alignment[] {
  const n = options.seedLength;
  const seedIndex = indexSeeds(source, n, options.maxSeedRepeats);
  const candKeys = candidate.map((t) => t.key);
  const active: Chain[] = [];
  const done: Chain[] = [];
  for (let c = 0; c + n <= candidate.length; c++) {
    const positions = seedIndex.get(hashKeys(candKeys, c, n));
    // Chains that can no longer be continued by this or any later seed are finished.
    for (let i = active.length - 1; i >= 0; i--) {
      if (active[i]!.endC + 1 + options.maxGap < c) done.push(...active.splice(i, 1));
    }
    if (!positions) continue;
    for (const s of positions) extendOrStart(active, source, s, c, n, options.maxGap);
  }
  done.push(...active);
  return claimCandidateTokens(done, options.minMatched);
}

function indexSeeds(source: readonly Token[], n: number, maxRepeats: number): Map<number, number[]> {
  const keys = source.map((t) => t.key);
  const index = new Map<number, number[]>();
  for (let s = 0; s + n <= source.length; s++) {
    const h = hashKeys(keys, s, n);
    const list = index.get(h);
    if (list) list.push(s);
    else index.set(h, [s]);
  }
  for (const [h, list] of index) if (list.length > maxRepeats) index.delete(h);
  return index;
}

function extendOrStart(active: Chain[], source: readonly Token[], s: number, c: number, n: number, maxGap: number): void {
  let best: Chain | null = null;
  let bestDistance = Infinity;
  for (const chain of active) {
    // The seed must add words after the chain's end on both sides, within the gap.
    if (s + n - 1 <= chain.endS || c + n - 1 <= chain.endC) continue;
    const gapS = s - chain.endS - 1;
    const gapC = c - chain.endC - 1;
    if (gapS > maxGap || gapC > maxGap) continue;
    if (gapS > 0 && skipsSentence(source, chain.endS, s)) continue;
    // Overlapping seeds continue only on the chain's own diagonal.
    if ((gapS < 0 || gapC < 0) && s - c !== chain.endS - chain.endC) continue;
    const distance = Math.max(gapS, 0) + Math.max(gapC, 0);
    if (distance < bestDistance) {
      best = chain;
      bestDistance = distance;
    }
  }
  const chain = best ?? { pairs: [], endS: s - 1, endC: c - 1 };
  if (!best) active.push(chain);
  for (let k = 0; k < n; k++) {
    if (s + k > chain.endS && c + k > chain.endC) {
      chain.pairs.push({ source: s + k, candidate: c + k });
      chain.endS = s + k;
      chain.endC = c + k;
    }
  }
}

/** True when the source words strictly between `from` and `to` include a whole sentence. */
function skipsSentence(source: readonly Token[], from: number, to: number): boolean {
  return source[to]!.sentence - source[from]!.sentence > 1;
}

function claimCandidateTokens(chains: Chain[], minMatched: number): Alignment[] {
  const claimed = new Set<number>();
  const out: Alignment[] = [];
  const bySize = chains.filter((ch) => ch.pairs.length >= minMatched).sort((a, b) => b.pairs.length - a.pairs.length);
  for (const chain of bySize) {
    const pairs = chain.pairs.filter((p) => !claimed.has(p.candidate));
    if (pairs.length < minMatched) continue;
    for (const p of pairs) claimed.add(p.candidate);
    out.push({ pairs });
  }
  return out.sort((a, b) => a.pairs[0]!.candidate - b.pairs[0]!.candidate);
}
