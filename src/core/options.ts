import type { AlignOptions } from "./align/align.ts";

/** Tunable constants of detection. Each default is justified where it is set; see docs/EVALUATION.md. */
export interface DetectionOptions extends AlignOptions {
  /** Words per fingerprinted n-gram. */
  fingerprintWords: number;
  /** Winnowing window, in n-grams. */
  winnowWindow: number;
  /** A fingerprint held by more sources than this is a stock phrase or boilerplate and is not looked up. */
  maxDocumentFrequency: number;
  /** Fewest shared fingerprints that make a source worth aligning. */
  minSharedFingerprints: number;
  /** Most sources aligned per candidate, best-sharing first. */
  maxCandidateSources: number;
}

export const DEFAULT_DETECTION_OPTIONS: Readonly<DetectionOptions> = Object.freeze({
  // Stemmed word trigrams: long enough to be rare between unrelated news, short enough that light
  // rewording (one word in four changed) still leaves shared trigrams.
  fingerprintWords: 3,
  // With k = 3 and w = 6 any run of w + k - 1 = 8 shared words is guaranteed a shared fingerprint, below
  // the minimum passage (minMatched), at a density of about 2 / (w + 1) ≈ 0.29 fingerprints per word.
  winnowWindow: 6,
  // Thirty articles sharing one stemmed trigram means a formula ("об этом сообщает пресс-служба"), not
  // a copy; the cap also bounds the rows one lookup reads, which keeps checks fast on a 100k index.
  maxDocumentFrequency: 30,
  // One shared fingerprint is enough to align: a reused sentence of 10-15 words often shares only one
  // winnowed trigram with its source, and requiring two lost 3.3 pp of detection recall and hid reference
  // documents in the republication suite (docs/EVALUATION.md). Chance matches cost an alignment, not a
  // false report: the aligner's minimum passage filters them.
  minSharedFingerprints: 1,
  // A page rarely reuses more than a handful of one publisher's articles; 30 leaves ample room.
  maxCandidateSources: 30,
  seedLength: 3,
  // text-matcher heals matches within 8 words; the same bound keeps one edited word (or a short inserted
  // clause) from splitting a passage without bridging unrelated sentences.
  maxGap: 8,
  // Stock phrases that unrelated news share run up to ~7 words; see docs/EVALUATION.md ("False matches").
  minMatched: 8,
  // A trigram seen more than 8 times in one source is a refrain or a list, not a passage anchor.
  maxSeedRepeats: 8,
});

/** Merges overrides into the defaults, rejecting values that would break detection. */
export function detectionOptions(overrides: Partial<DetectionOptions> = {}): Readonly<DetectionOptions> {
  const options = { ...DEFAULT_DETECTION_OPTIONS, ...overrides };
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`detection option ${name}: must be a positive integer (got ${value})`);
  }
  if (options.minMatched < options.seedLength) throw new RangeError("detection option minMatched: must be at least seedLength");
  return Object.freeze(options);
}
