import type { WordSequence } from "../types.ts";
import { hashCodes } from "../fingerprint/hash.ts";
import { EDGE_WORDS, growPairs } from "./grow.ts";
import { oneSeedMayCount, wholeSentenceRule } from "./whole-sentence.ts";

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
 * sentences become separate passages. A gap may cross into the next sentence but never skip a whole one,
 * on either side: a sentence the reuser left out is not counted as reused, and one the reuser wrote between
 * two reused ones is not shown as reused (a passage would otherwise span it).
 * Shared words that seeds cannot anchor are then added where the passage already agrees (see `growPairs`).
 * A passage is reported from `minMatched` aligned words, or when it reuses a whole short sentence of a
 * short source (see `wholeSentenceRule`).
 * Each candidate word explains at most one source word: longer passages claim words first.
 */
export function align(source: WordSequence, candidate: WordSequence, options: AlignOptions): Alignment[] {
  const n = options.seedLength;
  const seedIndex = indexSeeds(source.codes, n, options.maxSeedRepeats);
  const active: Chain[] = [];
  const done: Chain[] = [];
  for (let c = 0; c + n <= candidate.codes.length; c++) {
    const positions = seedIndex.get(hashCodes(candidate.codes, c, n));
    // Chains that can no longer be continued by this or any later seed are finished.
    for (let i = active.length - 1; i >= 0; i--) {
      if (active[i]!.endC + 1 + options.maxGap < c) done.push(...active.splice(i, 1));
    }
    if (!positions) continue;
    for (const s of positions) if (sameWords(source.codes, s, candidate.codes, c, n)) extendOrStart(active, source, candidate, s, c, n, options.maxGap);
  }
  done.push(...active);
  const grown = done.map((chain) => growPairs(chain.pairs, source, candidate));
  const wholeSentence = wholeSentenceRule(grown, source, candidate);
  return claimCandidateTokens(grown, (pairs) => pairs.length >= options.minMatched || wholeSentence(pairs));
}

/** The hashes of a candidate's seed n-grams, computed once and tested against many sources by `mayAlign`. */
export function seedHashes(candidate: WordSequence, seedLength: number): Set<number> {
  const hashes = new Set<number>();
  for (let c = 0; c + seedLength <= candidate.codes.length; c++) hashes.add(hashCodes(candidate.codes, c, seedLength));
  return hashes;
}

/**
 * A cheap necessary condition for `align` to find a passage: every passage starts from a seed, at a source
 * position whose n-gram the candidate holds. One seed grows by at most `EDGE_WORDS` words at each end, so
 * a passage of `minMatched` words takes two seed positions, and two that chain lie at most
 * `maxGap + seedLength` apart; one seed suffices only for a whole short sentence (`oneSeedMayCount`). A
 * check tests this against every candidate source, most of which share only a fingerprint or two with the
 * candidate by chance, far apart, and aligns only those that pass.
 */
export function mayAlign(source: WordSequence, candidateSeeds: ReadonlySet<number>, options: AlignOptions): boolean {
  const n = options.seedLength;
  const oneSeedReaches = options.minMatched <= n + 2 * EDGE_WORDS;
  const reach = options.maxGap + n;
  let last = -Infinity;
  for (let s = 0; s + n <= source.codes.length; s++) {
    if (!candidateSeeds.has(hashCodes(source.codes, s, n))) continue;
    if (oneSeedReaches || s - last <= reach || oneSeedMayCount(source, s, n)) return true;
    last = s;
  }
  return false;
}

function indexSeeds(codes: Uint32Array, n: number, maxRepeats: number): Map<number, number[]> {
  const index = new Map<number, number[]>();
  for (let s = 0; s + n <= codes.length; s++) {
    const h = hashCodes(codes, s, n);
    const list = index.get(h);
    if (list) list.push(s);
    else index.set(h, [s]);
  }
  for (const [h, list] of index) if (list.length > maxRepeats) index.delete(h);
  return index;
}

/** Seeds are looked up by a 32-bit hash; comparing the words rules out the rare collision. */
function sameWords(a: Uint32Array, from: number, b: Uint32Array, at: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a[from + k] !== b[at + k]) return false;
  return true;
}

function extendOrStart(active: Chain[], source: WordSequence, candidate: WordSequence, s: number, c: number, n: number, maxGap: number): void {
  let best: Chain | null = null;
  let bestDistance = Infinity;
  for (const chain of active) {
    // The seed must add words after the chain's end on both sides, within the gap.
    if (s + n - 1 <= chain.endS || c + n - 1 <= chain.endC) continue;
    const gapS = s - chain.endS - 1;
    const gapC = c - chain.endC - 1;
    if (gapS > maxGap || gapC > maxGap) continue;
    if ((gapS > 0 && skipsSentence(source, chain.endS, s)) || (gapC > 0 && skipsSentence(candidate, chain.endC, c))) continue;
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

/** True when the words strictly between `from` and `to` include a whole sentence. */
function skipsSentence(words: WordSequence, from: number, to: number): boolean {
  return words.sentences[to]! - words.sentences[from]! > 1;
}

function claimCandidateTokens(chains: TokenPair[][], reportable: (pairs: readonly TokenPair[]) => boolean): Alignment[] {
  const claimed = new Set<number>();
  const out: Alignment[] = [];
  const bySize = chains.filter(reportable).sort((a, b) => b.length - a.length);
  for (const chain of bySize) {
    const pairs = chain.filter((p) => !claimed.has(p.candidate));
    if (!reportable(pairs)) continue;
    for (const p of pairs) claimed.add(p.candidate);
    out.push({ pairs });
  }
  return out.sort((a, b) => a.pairs[0]!.candidate - b.pairs[0]!.candidate);
}
