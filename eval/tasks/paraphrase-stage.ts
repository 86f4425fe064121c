import type { ParaphrasePassage, Span } from "../../src/core/types.ts";
import { tokenize, wordSequence } from "../../src/core/text/tokenize.ts";
import { winnow } from "../../src/core/fingerprint/winnow.ts";
import { DEFAULT_DETECTION_OPTIONS } from "../../src/core/options.ts";
import { compareSentences, type ComparedSentence } from "../../src/core/paraphrase/sentence-words.ts";
import { indexSource, paraphrasePairs } from "../../src/core/paraphrase/paraphrase-pairs.ts";
import { DEFAULT_PARAPHRASE_OPTIONS, type ParaphraseOptions, type ParaphraseSources } from "../../src/core/paraphrase/paraphrase-options.ts";
import type { Thesaurus } from "../../src/core/paraphrase/thesaurus.ts";
import type { SourceStore } from "../../src/io/store/source-store.ts";
import { reportedPairs, type ParaphraseStage } from "../../src/core/paraphrase/find-paraphrases.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import { DEFAULT_POLICY } from "../../src/core/policy/schema.ts";
import { fragmentFound, type Annotation } from "../measures/pan.ts";
import { openTempStore } from "../engine-harness.ts";
import { coveredChars, GROUPS, labelRow, overall, type EssayRun, type IndexedEssay } from "./essays.ts";
import { groupPairs, readCorpus, toDocument, type CorpusDoc, type CrossMatch, type CrossPassage, quotedShare } from "./false-matches.ts";

/** Both retrievals the sweep tries: essay 1 cannot tell them apart (all its sources align). */
const SOURCES: readonly ParaphraseSources[] = ["aligned", "retrieved"];

/** Source ids the engine retrieves for a text (its default options: one shared fingerprint enough). */
async function retrievedSources(store: SourceStore, text: string): Promise<Array<{ id: number; url: string }>> {
  const words = wordSequence(tokenize(text));
  const fingerprints = winnow(words.codes, DEFAULT_DETECTION_OPTIONS.fingerprintWords, DEFAULT_DETECTION_OPTIONS.winnowWindow).map((f) => f.hash);
  const found = await store.candidates(fingerprints, {
    maxDf: DEFAULT_DETECTION_OPTIONS.maxDocumentFrequency,
    minShared: DEFAULT_DETECTION_OPTIONS.minSharedFingerprints,
    limit: DEFAULT_DETECTION_OPTIONS.maxCandidateSources,
  });
  return store.getSources(found.map((f) => f.sourceId));
}

/** An essay's texts split into compared sentences once per stem prefix and thesaurus: the sweep reuses them. */
export interface EssaySentences {
  candidate: ComparedSentence[];
  /** By source file. */
  sources: Map<string, ComparedSentence[]>;
  /** Source files the index retrieves for the essay. */
  retrieved: ReadonlySet<string>;
}

export async function essaySentences(indexed: IndexedEssay, stemPrefix: number, thesaurus: Thesaurus | null): Promise<EssaySentences> {
  const sources = new Map<string, ComparedSentence[]>();
  for (const page of indexed.pages) sources.set(page.file, compareSentences(tokenize(page.protectedText), stemPrefix, thesaurus));
  const fileOf = new Map(indexed.pages.map((p) => [p.url, p.file]));
  const retrieved = new Set((await retrievedSources(indexed.temp.store, indexed.essay.text)).map((s) => fileOf.get(s.url)!));
  return { candidate: compareSentences(tokenize(indexed.essay.text), stemPrefix, thesaurus), sources, retrieved };
}

/**
 * The essay run with the paraphrase stage's passages added to the aligner's, as the engine finds them:
 * sentences already half covered by aligned passages are left to them; each other sentence pairs with its
 * best source sentence over the sources `options.sources` admits (a source the aligner did not match needs
 * `minUnalignedPairs` pairs). Fragments are scored again on all passages.
 */
export function withParaphrases(base: EssayRun, sentences: EssaySentences, options: ParaphraseOptions): { run: EssayRun; added: number } {
  const matched = new Set(base.detections.map((d) => d.sref));
  const covered = (span: Span) => fragmentFound(span, base.passageSpans);
  const best = new Map<number, { file: string; pair: ParaphrasePassage }>();
  for (const [file, source] of sentences.sources) {
    if (options.sources === "aligned" ? !matched.has(file) : !sentences.retrieved.has(file)) continue;
    for (const pair of reportedPairs(paraphrasePairs(source, sentences.candidate, options, covered), matched.has(file), options)) {
      const held = best.get(pair.candidate.start);
      if (held === undefined || pair.similarity > held.pair.similarity) best.set(pair.candidate.start, { file, pair });
    }
  }
  const extra: Annotation[] = [...best.values()].map(({ file, pair }) => ({
    tref: base.essay.name,
    toff: pair.candidate.start,
    tlen: pair.candidate.end - pair.candidate.start,
    sref: file,
    soff: pair.source.start,
    slen: pair.source.end - pair.source.start,
  }));
  const detections = [...base.detections, ...extra];
  const passageSpans = detections.map((d) => ({ start: d.toff, end: d.toff + d.tlen }));
  const fragments = base.fragments.map((r) => {
    const span = { start: r.fragment.start, end: r.fragment.end };
    return { ...r, found: fragmentFound(span, passageSpans), coveredChars: coveredChars(span, passageSpans) };
  });
  return { run: { ...base, detections, passageSpans, fragments }, added: extra.length };
}

/** The grid tried on essay 1: with and without synonyms, stem prefixes around Snowball's, the two retrievals. */
const STAGE_SWEEP = {
  thesaurus: [false, true],
  stemPrefix: [4, 5, 6],
  minSharedWords: [3, 4],
  minSimilarity: [0.35, 0.4, 0.45, 0.5, 0.55, 0.6],
} as const;
/**
 * Fixed throughout the sweep, as the defaults justify them (`DEFAULT_PARAPHRASE_OPTIONS`): essay 1, whose
 * sources all align, cannot tune the unaligned sources' minimum.
 */
const { minContentWords: MIN_CONTENT_WORDS, minUnalignedPairs: MIN_UNALIGNED_PAIRS } = DEFAULT_PARAPHRASE_OPTIONS;

/** A setting's outcome on one essay. */
export interface EssayOutcome {
  light: { found: number; fragments: number };
  heavy: { found: number; fragments: number };
  passagePrecision: number;
  /** The writer's own sentences touched by a passage. */
  origTouched: number;
  orig: number;
  added: number;
}

export interface StageSetting {
  thesaurus: boolean;
  options: ParaphraseOptions;
}

export interface StageRow extends StageSetting {
  essays: [EssayOutcome, EssayOutcome];
}

export function outcome(run: EssayRun, added: number): EssayOutcome {
  const group = (g: number) => {
    const row = labelRow([run], GROUPS[g]!.name, (f) => GROUPS[g]!.test(f.labels));
    return { found: row.found, fragments: row.fragments };
  };
  const orig = run.fragments.filter((f) => f.fragment.sourceFile === null);
  return { light: group(0), heavy: group(1), passagePrecision: overall([run]).passagePrecision, origTouched: orig.filter((f) => f.coveredChars > 0).length, orig: orig.length, added };
}

/** Upper bounds of the similarity bands the missed light fragments are counted in (the last band: up to the threshold). */
const MISSED_BANDS = [0.2, 0.3] as const;

/** Light-labelled fragments a staged run still misses, by how similar they are to their true source sentence. */
export interface MissedLight {
  missed: number;
  /** Source sentence not placed in the protected text, or every sentence of the fragment under `minContentWords`. */
  unscored: number;
  /** Per band (below each of `MISSED_BANDS`, then below `minSimilarity`), then at or above it. */
  bands: Array<{ below: number | null; fragments: number }>;
}

/**
 * Scores each light fragment `run` misses with its true source sentence as the stage scores pairs: the best
 * similarity between a sentence of the fragment and a sentence of its source's located span.
 */
export function missedLight(run: EssayRun, sentences: EssaySentences, options: ParaphraseOptions): MissedLight {
  const limits = [...MISSED_BANDS, options.minSimilarity];
  const counts = limits.map(() => 0);
  let above = 0;
  let unscored = 0;
  const overlapping = (list: readonly ComparedSentence[], span: Span) => list.filter((c) => c.span.start < span.end && c.span.end > span.start);
  const missed = run.fragments.filter((r) => !r.found && r.fragment.sourceFile !== null && GROUPS[0]!.test(r.fragment.labels));
  for (const r of missed) {
    const candidate = overlapping(sentences.candidate, r.fragment).filter((c) => c.words.length >= options.minContentWords);
    if (r.sourceSpan === null || candidate.length === 0) {
      unscored++;
      continue;
    }
    const source = sentences.sources.get(r.fragment.sourceFile!)!;
    const { similarity } = indexSource(source, options);
    const best = Math.max(...overlapping(source, r.sourceSpan).flatMap((s) => candidate.map((c) => similarity(s, c))), 0);
    const band = limits.findIndex((limit) => best < limit);
    if (band === -1) above++;
    else counts[band]!++;
  }
  return {
    missed: missed.length,
    unscored,
    bands: [...limits.map((below, i) => ({ below, fragments: counts[i]! })), { below: null, fragments: above }],
  };
}

/** Every setting of the grid on both essays (the second only read, never used to choose). */
export async function sweepStage(indexed: readonly IndexedEssay[], base: readonly EssayRun[], thesaurus: Thesaurus | null): Promise<StageRow[]> {
  const rows: StageRow[] = [];
  for (const withThesaurus of STAGE_SWEEP.thesaurus) {
    if (withThesaurus && thesaurus === null) continue;
    for (const stemPrefix of STAGE_SWEEP.stemPrefix) {
      const sentences: EssaySentences[] = [];
      for (const i of indexed) sentences.push(await essaySentences(i, stemPrefix, withThesaurus ? thesaurus : null));
      for (const minSharedWords of STAGE_SWEEP.minSharedWords) for (const minSimilarity of STAGE_SWEEP.minSimilarity) for (const sources of SOURCES) {
        const options = { stemPrefix, minContentWords: MIN_CONTENT_WORDS, minSharedWords, minSimilarity, sources, minUnalignedPairs: MIN_UNALIGNED_PAIRS };
        const [e1, e2] = base.map((b, j) => {
          const { run, added } = withParaphrases(b, sentences[j]!, options);
          return outcome(run, added);
        });
        rows.push({ thesaurus: withThesaurus, options, essays: [e1!, e2!] });
      }
    }
  }
  return rows;
}

/** Lowest passage precision on essay 1 a setting may have to be chosen: the target. */
export const MIN_PASSAGE_PRECISION = 0.95;

/**
 * The setting chosen on essay 1 alone: most fragments found, among those that keep passage precision at the
 * target and touch no more of the writer's own sentences than alignment does; ties go to fewer added passages,
 * then the higher threshold, then every retrieved source over the aligned ones (essay 1, whose sources all
 * align, cannot tell them apart; a wholly rewritten article never aligns).
 */
export function chooseSetting(rows: readonly StageRow[], base: EssayOutcome): StageRow {
  const eligible = rows.filter((r) => r.essays[0].passagePrecision >= MIN_PASSAGE_PRECISION && r.essays[0].origTouched <= base.origTouched);
  const found = (r: StageRow) => r.essays[0].light.found + r.essays[0].heavy.found;
  const wider = (r: StageRow) => SOURCES.indexOf(r.options.sources);
  return [...eligible].sort(
    (a, b) => found(b) - found(a) || a.essays[0].added - b.essays[0].added || b.options.minSimilarity - a.options.minSimilarity || wider(b) - wider(a),
  )[0]!;
}

/** Timed checks of each article per engine (stage off, then each stage tried); each keeps its fastest. */
const TIMED_PASSES = 3;

/** What a stage adds among unrelated articles, and what it costs a check. */
export interface StageFalseMatches {
  /** Pairs of different articles with a paraphrase passage. */
  matches: CrossMatch[];
  /** Wall-clock of checking every article against the others: the sum of each check's fastest of `TIMED_PASSES`. */
  checkMs: number;
}

/** The false-match corpus checked with the stage off and with each stage given. */
export interface FalseMatchesByStage {
  docs: number;
  offMs: number;
  stages: StageFalseMatches[];
}

/**
 * Indexes the false-match corpus and checks each article against the others with the stage off and with each of
 * `stages`, collecting every paraphrase pair between two different articles and timing each engine. The article
 * checked is taken out of the index for its check: aligned with itself, it would leave the stage no sentence.
 */
export async function stageFalseMatches(stages: readonly ParaphraseStage[], corpus: readonly CorpusDoc[] = readCorpus()): Promise<FalseMatchesByStage> {
  const temp = openTempStore("paraphrase-false-matches");
  try {
    const off = createEngine(temp.store);
    for (const doc of corpus) await off.addSource(toDocument(doc), { reference: false });
    const engines = [off, ...stages.map((stage) => createEngine(temp.store, {}, { paraphrase: stage }))];
    const protectedText = new Map<string, string>();
    for (const doc of corpus) protectedText.set(doc.url, (await temp.store.getSource(doc.url))!.protectedText);
    const byUrl = new Map(corpus.map((d) => [d.url, d]));
    const checkMs = engines.map(() => 0);
    const passages: CrossPassage[][] = stages.map(() => []);
    for (const doc of corpus) {
      await temp.store.removeSource(doc.url);
      // One untimed check each first, so that none pays for cold caches; then checks alternate between the
      // engines and each keeps its fastest, the least disturbed by the other processes of a shared machine.
      const results = await Promise.all(engines.map((engine) => engine.check(toDocument(doc), DEFAULT_POLICY)));
      const fastest = engines.map(() => Infinity);
      for (let pass = 0; pass < TIMED_PASSES; pass++) {
        for (const [e, engine] of engines.entries()) {
          const start = performance.now();
          await engine.check(toDocument(doc), DEFAULT_POLICY);
          fastest[e] = Math.min(fastest[e]!, performance.now() - start);
        }
      }
      for (const [e, ms] of fastest.entries()) checkMs[e]! += ms;
      for (const [s, result] of results.slice(1).entries()) {
        for (const match of result.matches) {
          for (const p of match.paraphrases ?? []) passages[s]!.push(crossPassage(doc, byUrl.get(match.source.url)!, p, protectedText.get(match.source.url)!));
        }
      }
      await off.addSource(toDocument(doc), { reference: false });
    }
    return { docs: corpus.length, offMs: checkMs[0]!, stages: passages.map((list, s) => ({ matches: groupPairs(list, corpus), checkMs: checkMs[s + 1]! })) };
  } finally {
    await temp.dispose();
  }
}

/** A paraphrase pair between two articles as the false-match report lists passages (`sourceText`: the source's protected text). */
function crossPassage(candidate: CorpusDoc, source: CorpusDoc, p: ParaphrasePassage, sourceText: string): CrossPassage {
  const text = sourceText.slice(p.source.start, p.source.end);
  return {
    candidateId: candidate.id,
    sourceId: source.id,
    sourceStart: p.source.start,
    sourceEnd: p.source.end,
    candidateStart: p.candidate.start,
    candidateEnd: p.candidate.end,
    words: text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0,
    text,
    quotedShare: Math.max(quotedShare(sourceText, p.source.start, p.source.end), quotedShare(candidate.text, p.candidate.start, p.candidate.end)),
  };
}
