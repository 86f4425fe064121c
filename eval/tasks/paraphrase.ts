import type { Token } from "../../src/core/types.ts";
import { tokenize, wordSequence } from "../../src/core/text/tokenize.ts";
import { keyCode } from "../../src/core/fingerprint/hash.ts";
import { align } from "../../src/core/align/align.ts";
import { DEFAULT_DETECTION_OPTIONS } from "../../src/core/options.ts";
import type { SentencePair } from "../data/paraphrase.ts";
import { accuracyAt, bestThreshold, rocAuc, type Scored } from "../measures/roc.ts";

/**
 * Sentence-pair similarity from the engine's own machinery: its tokenizer (case/ё/quote folding, Snowball
 * stems) and its aligner run at sentence scale (seeds of one or two words, every aligned word counted).
 *
 *   coverage = aligned words ÷ words of the shorter sentence (how much of it the aligner explains, in order)
 *   dice     = 2·|shared keys| ÷ (|keys of a| + |keys of b|) (multisets)
 *   score    = α·coverage + (1 − α)·dice
 *
 * Keys may be cut to their first `prefix` letters: Russian derivation changes more than the ending
 * Snowball strips (полицейским / полиции), and a shared five-letter prefix catches most of it.
 * α, the seed length and the prefix are chosen on the tuning half only.
 */
export interface ScoreParams {
  /** Letters of each stem kept; Infinity keeps whole stems. */
  prefix: number;
  seedLength: 1 | 2;
  alpha: number;
}

const PREFIXES = [Infinity, 7, 6, 5, 4];
const SEEDS: ReadonlyArray<1 | 2> = [1, 2];
const ALPHAS = [0, 0.25, 0.5, 0.75, 1];

export interface Evaluation {
  /** ROC AUC on the tuning half, the held-out half, and all pairs. */
  aucTune: number;
  aucTest: number;
  aucAll: number;
  /** Threshold chosen for accuracy on the tuning half, and the accuracy it gives on each part. */
  threshold: number;
  accTune: number;
  accTest: number;
  accAll: number;
  /** Accuracy at the best threshold for all pairs (an optimistic ceiling, reported for comparison). */
  accAllBest: number;
}

export interface ParaphraseMethod {
  name: string;
  description: string;
  eval: Evaluation;
  /** Mean score per class label (ParaPhraser: 1, 0, -1; MSRP: 1, 0). */
  meanByClass: Record<string, number>;
}

export interface ParaphraseReport {
  corpus: string;
  pairs: number;
  tunePairs: number;
  testPairs: number;
  positives: number;
  majorityAccuracyTest: number;
  chosen: ScoreParams;
  methods: ParaphraseMethod[];
}

interface Prepared {
  pair: SentencePair;
  cls: string;
  a: Token[];
  b: Token[];
}

/** Scores every pair with the tuned engine score, the Jaccard baseline and the default aligner. */
export function evaluateParaphrase(corpus: string, pairs: readonly SentencePair[], classOf: (p: SentencePair) => string): ParaphraseReport {
  const prepared: Prepared[] = pairs.map((pair) => ({ pair, cls: classOf(pair), a: tokenize(pair.a), b: tokenize(pair.b) }));
  const tune = prepared.filter((p) => p.pair.split === "tune");

  // Tune: coverage and dice per (prefix, seed) once; α is a cheap blend of the two.
  let chosen: ScoreParams = { prefix: Infinity, seedLength: 1, alpha: 0 };
  let bestAuc = -1;
  for (const prefix of PREFIXES) {
    for (const seedLength of SEEDS) {
      const parts = tune.map((p) => components(p.a, p.b, prefix, seedLength));
      for (const alpha of ALPHAS) {
        const auc = rocAuc(tune.map((p, i) => ({ score: blend(parts[i]!, alpha), positive: p.pair.paraphrase })));
        if (auc > bestAuc + 1e-12) {
          bestAuc = auc;
          chosen = { prefix, seedLength, alpha };
        }
      }
    }
  }

  const engineScore = (p: Prepared) => blend(components(p.a, p.b, chosen.prefix, chosen.seedLength), chosen.alpha);
  const defaultAligner = (p: Prepared) => alignedShare(p.a, p.b, DEFAULT_DETECTION_OPTIONS);
  const methods: ParaphraseMethod[] = [
    method(
      "engine score (tuned)",
      `α=${chosen.alpha}, seed ${chosen.seedLength} word(s), stems cut to ${chosen.prefix === Infinity ? "whole" : `${chosen.prefix} letters`}`,
      prepared,
      engineScore,
    ),
    method("baseline: Jaccard of stemmed words", "|A∩B| / |A∪B| over sets of the engine's stemmed keys", prepared, (p) => jaccard(p.a, p.b)),
    method(
      "engine aligner, default options",
      `share of the shorter sentence's words in passages of ≥ ${DEFAULT_DETECTION_OPTIONS.minMatched} words (the production setting)`,
      prepared,
      defaultAligner,
    ),
  ];
  const test = prepared.filter((p) => p.pair.split === "test");
  const testPositives = test.filter((p) => p.pair.paraphrase).length;
  return {
    corpus,
    pairs: prepared.length,
    tunePairs: tune.length,
    testPairs: test.length,
    positives: prepared.filter((p) => p.pair.paraphrase).length,
    majorityAccuracyTest: Math.max(testPositives, test.length - testPositives) / test.length,
    chosen,
    methods,
  };
}

function method(name: string, description: string, prepared: readonly Prepared[], score: (p: Prepared) => number): ParaphraseMethod {
  const scored = prepared.map((p) => ({ p, s: { score: score(p), positive: p.pair.paraphrase } as Scored }));
  const part = (split: "tune" | "test" | null) => scored.filter((x) => split === null || x.p.pair.split === split).map((x) => x.s);
  const { threshold } = bestThreshold(part("tune"));
  const byClass = new Map<string, number[]>();
  for (const x of scored) byClass.set(x.p.cls, [...(byClass.get(x.p.cls) ?? []), x.s.score]);
  return {
    name,
    description,
    eval: {
      aucTune: rocAuc(part("tune")),
      aucTest: rocAuc(part("test")),
      aucAll: rocAuc(part(null)),
      threshold,
      accTune: accuracyAt(part("tune"), threshold),
      accTest: accuracyAt(part("test"), threshold),
      accAll: accuracyAt(part(null), threshold),
      accAllBest: bestThreshold(part(null)).accuracy,
    },
    meanByClass: Object.fromEntries([...byClass].map(([cls, scores]) => [cls, scores.reduce((a, b) => a + b, 0) / scores.length])),
  };
}

interface Components {
  coverage: number;
  dice: number;
}

function blend(c: Components, alpha: number): number {
  return alpha * c.coverage + (1 - alpha) * c.dice;
}

function cut(tokens: readonly Token[], prefix: number): Token[] {
  return prefix === Infinity ? [...tokens] : tokens.map((t) => {
        const key = t.key.slice(0, prefix);
        return { ...t, key, code: keyCode(key) };
      });
}

function components(a: readonly Token[], b: readonly Token[], prefix: number, seedLength: 1 | 2): Components {
  const ta = cut(a, prefix);
  const tb = cut(b, prefix);
  const shorter = Math.min(ta.length, tb.length);
  if (shorter === 0) return { coverage: 0, dice: 0 };
  const aligned = align(wordSequence(ta), wordSequence(tb), { seedLength, maxGap: DEFAULT_DETECTION_OPTIONS.maxGap, minMatched: seedLength, maxSeedRepeats: DEFAULT_DETECTION_OPTIONS.maxSeedRepeats });
  const pairs = aligned.reduce((n, x) => n + x.pairs.length, 0);
  const counts = new Map<string, number>();
  for (const t of ta) counts.set(t.key, (counts.get(t.key) ?? 0) + 1);
  let shared = 0;
  for (const t of tb) {
    const n = counts.get(t.key) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(t.key, n - 1);
    }
  }
  return { coverage: pairs / shorter, dice: (2 * shared) / (ta.length + tb.length) };
}

function alignedShare(a: readonly Token[], b: readonly Token[], options: typeof DEFAULT_DETECTION_OPTIONS): number {
  const shorter = Math.min(a.length, b.length);
  if (shorter === 0) return 0;
  return align(wordSequence(a), wordSequence(b), options).reduce((n, x) => n + x.pairs.length, 0) / shorter;
}

export function jaccard(a: readonly Token[], b: readonly Token[]): number {
  const A = new Set(a.map((t) => t.key));
  const B = new Set(b.map((t) => t.key));
  let inter = 0;
  for (const k of A) if (B.has(k)) inter++;
  const union = A.size + B.size - inter;
  return union === 0 ? 0 : inter / union;
}
