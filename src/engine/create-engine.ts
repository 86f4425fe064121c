import type { CheckResult, Match, ParaphrasePassage, TextDocument, Token, WordSequence } from "../core/types.ts";
import type { Policy } from "../core/policy/policy.ts";
import type { SourceStore, StoredSource } from "../io/store/source-store.ts";
import type { SourceBulkWriter } from "../io/store/source-bulk-writer.ts";
import type { AddedSource, CheckOptions, Engine } from "./engine.ts";
import type { ReferenceCoverage } from "../core/share/measure.ts";
import { align, mayAlign, seedHashes, type Alignment } from "../core/align/align.ts";
import { tokenize, wordSequence } from "../core/text/tokenize.ts";
import { winnow } from "../core/fingerprint/winnow.ts";
import { measureReuse } from "../core/share/measure.ts";
import { unionSpans } from "../core/share/spans.ts";
import { findQuotations } from "../core/share/quotations.ts";
import { analyzeBlocks, type AnalyzedBlock } from "../core/boilerplate/analyze-blocks.ts";
import { protectBlocks, recurrenceFromCounts, MIN_RECURRING_SOURCES } from "../core/boilerplate/protect.ts";
import { registrableDomain } from "../core/links/normalize-url.ts";
import { findAttribution } from "../core/links/attribution.ts";
import { judgeMatch, candidateVerdict } from "../core/policy/verdict.ts";
import { isPublisherPage, publisherDomains } from "../core/policy/publisher-domains.ts";
import { detectionOptions, type DetectionOptions } from "../core/options.ts";
import { paraphraseFinder, type ParaphraseStage } from "../core/paraphrase/find-paraphrases.ts";
import { addSources } from "./add-sources.ts";

/**
 * What indexing a source reads and writes: the store, a source at a time, or a bulk writer. A store's exact
 * block counts answer the bulk writer's question too (counts past `atMost` may be given as `atMost`).
 */
type IndexTarget = Omit<SourceBulkWriter, "close">;

/**
 * Wires the pure detection core to a source store. `paraphrase`, off by default (docs/EVALUATION.md, "Paraphrase
 * stage", says why), lists each match's rewritten sentences beside its passages; comparing every retrieved source
 * (`sources: "retrieved"`), it also reports an unaligned one holding `minUnalignedPairs` of them, as a match
 * reusing nothing.
 */
export function createEngine(store: SourceStore, overrides: Partial<DetectionOptions> = {}, { paraphrase = null }: { paraphrase?: ParaphraseStage | null } = {}): Engine {
  const options = detectionOptions(overrides);

  function fingerprintsOf(words: WordSequence): number[] {
    return winnow(words.codes, options.fingerprintWords, options.winnowWindow).map((f) => f.hash);
  }

  /** Indexes a source whose text's blocks are `blocks` (`analyzeBlocks`). */
  async function index(target: IndexTarget, doc: TextDocument, reference: boolean, blocks: readonly AnalyzedBlock[]): Promise<{ source: StoredSource; replaced: boolean; recurring: string[] }> {
    const domain = registrableDomain(doc.url) ?? new URL(doc.url).hostname;
    const keys = blocks.map((block) => block.key);
    // Counted only as far as recurrence needs, so that a block on every page of the domain costs no more.
    const others = await target.blockCounts(domain, keys, doc.url, MIN_RECURRING_SOURCES);
    // Counted with this source itself, which holds each of its blocks.
    const counts = new Map([...others].map(([key, n]) => [key, n + 1]));
    const { protectedText, removed, words } = protectBlocks(blocks, { isRecurring: recurrenceFromCounts(counts) });
    const { source, replaced } = await target.putSource(
      { url: doc.url, title: doc.title, published: doc.published, reference, domain, text: doc.text, protectedText, boilerplate: removed },
      { words, fingerprints: fingerprintsOf(words), blockKeys: keys },
    );
    // Blocks that have just become recurrent are boilerplate in the domain's earlier sources too.
    const recurring = keys.filter((key) => counts.get(key) === MIN_RECURRING_SOURCES);
    return { source, replaced, recurring };
  }

  /** `index`, then the domain's earlier sources again whose blocks it made recurrent. */
  async function add(target: IndexTarget, doc: TextDocument, reference: boolean, blocks: readonly AnalyzedBlock[]): Promise<AddedSource> {
    const { source, replaced, recurring } = await index(target, doc, reference, blocks);
    const stale = new Set<string>();
    for (const key of recurring) for (const url of await target.sourcesWithBlock(source.domain, key)) if (url !== doc.url) stale.add(url);
    for (const url of stale) {
      const old = await target.getSource(url);
      if (old) await index(target, { url: old.url, title: old.title, published: old.published, text: old.text, links: [] }, old.reference, analyzeBlocks(old.text));
    }
    return { source, replaced };
  }

  return {
    addSource: (doc, { reference }) => add(store, doc, reference, analyzeBlocks(doc.text)),

    addSources: (items, options) => addSources((writer, { doc, reference }, blocks) => add(writer, doc, reference, blocks), items, options),

    removeSource: (url) => store.removeSource(url),

    async check(candidate: TextDocument, policy: Policy, { foundAt = candidate.url }: CheckOptions = {}): Promise<CheckResult> {
      const candidateTokens = tokenize(candidate.text);
      const candidateWords = wordSequence(candidateTokens);
      const found = await store.candidates(fingerprintsOf(candidateWords), {
        maxDf: options.maxDocumentFrequency,
        minShared: options.minSharedFingerprints,
        limit: options.maxCandidateSources,
      });
      // Aligned first against the stored words: most candidates share a fingerprint or two with sources
      // they did not copy, and only the sources that do align are loaded and tokenized for offsets.
      const storedWords = await store.getWords(found.map((f) => f.sourceId));
      const seeds = seedHashes(candidateWords, options.seedLength);
      const hits = found.map((f) => f.sourceId).filter((id) => {
        const words = storedWords.get(id);
        return words !== undefined && mayAlign(words, seeds, options) && align(words, candidateWords, options).length > 0;
      });
      const aligned = (await store.getSources(hits))
        .map((source) => {
          const tokens = tokenize(source.protectedText);
          // Aligned again on fresh tokens: passages need their character offsets.
          const alignments = align(wordSequence(tokens), candidateWords, options).filter((a) => sourceChars(a, tokens) >= policy.minPassageChars);
          return { source, tokens, alignments };
        })
        .filter((a) => a.alignments.length > 0);
      // A paraphrase stage comparing every retrieved source reads those that did not align too: a wholly rewritten
      // article keeps no run of words to align. Their matches list rewritten sentences only, and reuse nothing.
      const alignedIds = new Set(aligned.map((a) => a.source.id));
      const unaligned =
        paraphrase?.options.sources === "retrieved"
          ? (await store.getSources(found.map((f) => f.sourceId).filter((id) => !alignedIds.has(id)))).map((source) => ({ source, tokens: tokenize(source.protectedText), alignments: [] }))
          : [];

      const references: ReferenceCoverage[] = aligned
        .filter((a) => a.source.reference && mayHaveCopiedFrom(candidate.published, a.source.published))
        .map((a) => ({ url: a.source.url, spans: candidateSpans(a.alignments, candidateTokens) }));

      const now = new Date().toISOString();
      const ownSources = aligned.filter((a) => !a.source.reference).map((a) => a.source.url);
      const onPublisherDomain = foundAt !== null && isPublisherPage(foundAt, publisherDomains(policy.publisherDomains, ownSources));
      // Only the paraphrase stage reads the aligned spans: a check with it off does not pay for them.
      const findParaphrases = paraphrase && paraphraseFinder(candidateTokens, aligned.flatMap((a) => candidateSpans(a.alignments, candidateTokens)), paraphrase);
      // An aligned source stays a match even when nothing of it counts (all excluded, say): the evidence shows why.
      // An unaligned one is a match only when it lists rewritten sentences.
      const matches: Match[] = [...aligned, ...unaligned].map(({ source, tokens, alignments }) => {
        const reuse = measureReuse({
          sourceText: source.protectedText,
          sourceTokens: tokens,
          candidateTokens,
          alignments,
          references: references.filter((r) => r.url !== source.url),
          quotations: policy.excludeQuotations ? findQuotations(source.protectedText) : [],
        });
        const link = findAttribution(candidate.links, source.url, policy.publisherDomains, policy.link);
        const judged = judgeMatch(
          {
            source: { url: source.url, published: source.published, reference: source.reference },
            candidate: { url: foundAt, published: candidate.published, onPublisherDomain },
            share: reuse.share,
            reusedChars: reuse.reusedChars,
            link,
            now,
          },
          policy,
        );
        return {
          source: { url: source.url, title: source.title, published: source.published, reference: source.reference },
          share: round(reuse.share),
          reusedChars: reuse.reusedChars,
          sourceChars: reuse.sourceChars,
          excludedChars: reuse.excludedChars,
          link,
          ...judged,
          passages: reuse.passages,
          excluded: reuse.excluded,
          ...(findParaphrases && { paraphrases: findParaphrases(tokens, alignments.length > 0).map(roundSimilarity) }),
        };
      }).filter((m, i) => i < aligned.length || (m.paraphrases?.length ?? 0) > 0);
      matches.sort((a, b) => b.reusedChars - a.reusedChars || a.source.url.localeCompare(b.source.url));
      return {
        candidate: { url: candidate.url, title: candidate.title, chars: candidate.text.length, published: candidate.published },
        verdict: candidateVerdict(matches),
        matches,
      };
    },
  };
}

/** A reference document counts as the candidate's possible origin unless it is known to be newer. */
function mayHaveCopiedFrom(candidatePublished: string | null, referencePublished: string | null): boolean {
  if (!candidatePublished || !referencePublished) return true;
  return Date.parse(referencePublished) <= Date.parse(candidatePublished);
}

/** Source characters an alignment's passage spans. */
function sourceChars(alignment: Alignment, tokens: readonly Token[]): number {
  return tokens[alignment.pairs[alignment.pairs.length - 1]!.source]!.end - tokens[alignment.pairs[0]!.source]!.start;
}

function candidateSpans(alignments: readonly Alignment[], tokens: readonly Token[]) {
  return unionSpans(
    alignments.map((a) => ({ start: tokens[a.pairs[0]!.candidate]!.start, end: tokens[a.pairs[a.pairs.length - 1]!.candidate]!.end })),
  );
}

function roundSimilarity(pair: ParaphrasePassage): ParaphrasePassage {
  return { source: pair.source, candidate: pair.candidate, similarity: round(pair.similarity) };
}

/** Shares (and similarities) are reported to 4 decimals (0.01 percentage points): finer digits are noise to a reader. */
function round(share: number): number {
  return Math.round(share * 10000) / 10000;
}
