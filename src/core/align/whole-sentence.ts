import type { WordSequence } from "../types.ts";
import type { TokenPair } from "./align.ts";
import { frequentWords } from "./frequent-words.ts";
import { EDGE_WORDS } from "./grow.ts";

/**
 * Fewest aligned words of a sentence reused whole. Five words is the shortest sentence that still says
 * something of its own ("Алла Вербер родилась в Ленинграде"); four-word sentences are datelines and
 * formulas ("Об этом сообщает агентство").
 */
const MIN_SENTENCE_WORDS = 5;

/**
 * Share of a source's words the whole sentences reused must hold to count under `minMatched`: the issue's
 * 5%, below which reuse of a short article is not worth a finding (the suite's recall is measured from 5% up).
 */
const MIN_SENTENCE_SHARE = 0.05;

/** At most one word in five of the sentence may be unaligned (changed beyond its stem, or deleted). */
const MAX_UNALIGNED_RATIO = 0.2;

/**
 * Longest source, in words, in which a sentence may count alone. The rule matters for sentences under the
 * default minimum passage (8 aligned words, so at most 10 words with one in five unaligned), and a sentence
 * of 10 words is 5% of 200.
 */
const WHOLE_SENTENCE_SOURCE_WORDS = 200;

/**
 * Fewest aligned words of the sentence outside `frequentWords()`. A sentence made of prepositions and
 * the agencies' reporting formulas ("Об этом сообщил в среду его представитель") recurs across unrelated
 * news; three words of its own make it the article's.
 */
const MIN_OWN_WORDS = 3;

/** Whether a source this long may have a sentence that counts alone. */
function wholeSentenceMayCount(sourceWords: number): boolean {
  return sourceWords <= WHOLE_SENTENCE_SOURCE_WORDS;
}

/**
 * Whether a passage grown from the one seed at source word `at` could count as a whole sentence: it holds at
 * most `seedLength + 2 * EDGE_WORDS` words, growing never leaves a sentence, so the seed must lie in one
 * source sentence short enough for those words to be four in five of it, and long enough to count.
 */
export function oneSeedMayCount(source: WordSequence, at: number, seedLength: number): boolean {
  if (!wholeSentenceMayCount(source.codes.length)) return false;
  if (source.sentences[at] !== source.sentences[at + seedLength - 1]) return false;
  const length = sentenceLength(source, at);
  return length >= MIN_SENTENCE_WORDS && length * (1 - MAX_UNALIGNED_RATIO) <= seedLength + 2 * EDGE_WORDS;
}

/**
 * Which passages under `minMatched` still count: those reusing a whole source sentence (at least
 * `MIN_SENTENCE_WORDS` of its words aligned, at most one in five missing, all inside one candidate sentence,
 * not made of frequent words), when the whole sentences the passages reuse make at least 5% of a source of at
 * most `WHOLE_SENTENCE_SOURCE_WORDS` words. In a short article one sentence, or two reordered ones, is
 * already a share worth reporting, and a whole sentence, its words in their order, is not a chance phrase.
 * `passages` are every passage found; the rule is returned as a test of one passage's pairs.
 */
export function wholeSentenceRule(passages: readonly (readonly TokenPair[])[], source: WordSequence, candidate: WordSequence): (pairs: readonly TokenPair[]) => boolean {
  if (!wholeSentenceMayCount(source.codes.length)) return () => false;
  const reused = new Map<number, number>();
  for (const pairs of passages) for (const [sentence, words] of wholeSentences(pairs, source, candidate)) reused.set(sentence, words);
  let words = 0;
  for (const n of reused.values()) words += n;
  if (words < source.codes.length * MIN_SENTENCE_SHARE) return () => false;
  return (pairs) => wholeSentences(pairs, source, candidate).size > 0;
}

/** The source sentences the pairs reuse whole, with their lengths in words. */
function wholeSentences(pairs: readonly TokenPair[], source: WordSequence, candidate: WordSequence): Map<number, number> {
  const found = new Map<number, number>();
  let from = 0;
  while (from < pairs.length) {
    let to = from + 1;
    const sentence = source.sentences[pairs[from]!.source]!;
    while (to < pairs.length && source.sentences[pairs[to]!.source] === sentence) to++;
    const length = wholeSentenceLength(pairs.slice(from, to), source, candidate);
    if (length > 0) found.set(sentence, length);
    from = to;
  }
  return found;
}

/** The length of the source sentence the pairs (all in it) reuse whole, or 0 when they do not. */
function wholeSentenceLength(pairs: readonly TokenPair[], source: WordSequence, candidate: WordSequence): number {
  if (pairs.length < MIN_SENTENCE_WORDS) return 0;
  const length = sentenceLength(source, pairs[0]!.source);
  if (pairs.length < length * (1 - MAX_UNALIGNED_RATIO)) return 0;
  const candidateSentence = candidate.sentences[pairs[0]!.candidate];
  if (pairs.some((p) => candidate.sentences[p.candidate] !== candidateSentence)) return 0;
  const common = frequentWords();
  return pairs.filter((p) => !common.has(source.codes[p.source]!)).length >= MIN_OWN_WORDS ? length : 0;
}

/** Words in the source sentence holding word `at`. */
function sentenceLength(source: WordSequence, at: number): number {
  const sentence = source.sentences[at];
  let start = at;
  while (start > 0 && source.sentences[start - 1] === sentence) start--;
  let end = at + 1;
  while (end < source.codes.length && source.sentences[end] === sentence) end++;
  return end - start;
}
