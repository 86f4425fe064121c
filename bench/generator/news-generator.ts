import type { GeneratedCandidate } from "./candidates.ts";
import { generateCandidate } from "./candidates.ts";
import type { TrainingCorpus } from "./corpus.ts";
import { loadTrainingCorpus } from "./corpus.ts";
import type { GeneratedPage, TeaserPool } from "./html-page.ts";
import { createTeaserPool, DEFAULT_PAGE_BYTES, renderPage } from "./html-page.ts";
import type { LanguageModel } from "./language-model.ts";
import { isWord, learnLanguageModel } from "./language-model.ts";
import { createLexicon } from "./lexicon.ts";
import type { GeneratedSource } from "./sources.ts";
import { generateSource } from "./sources.ts";
import type { Writer, WriterOptions } from "./writer.ts";
import { createWriter, DEFAULT_WRITER_OPTIONS } from "./writer.ts";

export interface NewsGeneratorOptions {
  /** Repository root: the training text is found relative to it. */
  repoRoot: string;
  seed: number;
  /** Synthetic vocabulary size; see `createLexicon`. */
  lexiconSize?: number;
  writer?: Partial<WriterOptions>;
  /** Training text to use instead of loading it (tests). */
  corpus?: TrainingCorpus;
}

/**
 * A deterministic generator of a news archive and of pages to check against it. Everything is a pure
 * function of the seed and an index, so separate processes regenerate the same texts without sharing them.
 */
export interface NewsGenerator {
  corpus: TrainingCorpus;
  model: LanguageModel;
  writer: Writer;
  source(index: number): GeneratedSource;
  /** A plain-text candidate reusing (or not) sources 0..sourceCount-1. */
  textCandidate(index: number, sourceCount: number): GeneratedCandidate;
  /** A full HTML page around a candidate, about `bytes` long. */
  htmlCandidate(index: number, sourceCount: number, bytes?: number): GeneratedPage;
}

/**
 * 200k stems: Russian news vocabularies run to a few hundred thousand lemmas, and with Zipf-distributed
 * ranks the tail keeps 100k articles from all sharing their rare words.
 */
export const DEFAULT_LEXICON_SIZE = 200_000;

export function createNewsGenerator(options: NewsGeneratorOptions): NewsGenerator {
  const corpus = options.corpus ?? loadTrainingCorpus(options.repoRoot);
  const model = learnLanguageModel(corpus.articles);
  const lexicon = createLexicon(model.tokens.filter(isWord), options.lexiconSize ?? DEFAULT_LEXICON_SIZE, options.seed);
  const writer = createWriter(model, lexicon, { ...DEFAULT_WRITER_OPTIONS, ...options.writer });
  const seed = options.seed;
  let pool: TeaserPool | undefined;
  const source = (index: number) => generateSource(writer, seed, index);
  const context = (sourceCount: number) => {
    if (!Number.isInteger(sourceCount) || sourceCount < 1) throw new RangeError(`sourceCount must be a positive integer (got ${sourceCount})`);
    return { writer, seed, sourceCount, source };
  };
  return {
    corpus,
    model,
    writer,
    source,
    textCandidate: (index, sourceCount) => generateCandidate(context(sourceCount), index, "text"),
    htmlCandidate: (index, sourceCount, bytes = DEFAULT_PAGE_BYTES) =>
      renderPage(generateCandidate(context(sourceCount), index, "html"), (pool ??= createTeaserPool(writer, seed)), seed, index, bytes),
  };
}
