/** A source's protected text cut into paragraphs, sentences and words, with offsets into it. */

export interface Word {
  start: number;
  end: number;
}

export interface Sentence {
  /** Index of the paragraph (block separated by a blank line) the sentence belongs to. */
  paragraph: number;
  start: number;
  end: number;
  words: Word[];
}

const sentenceSegmenter = new Intl.Segmenter("ru", { granularity: "sentence" });
const wordSegmenter = new Intl.Segmenter("ru", { granularity: "word" });

/** Sentences of every paragraph, trimmed, with their words; sentences without a word are dropped. */
export function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  for (const block of text.matchAll(/[^\n]+(?:\n(?!\n)[^\n]*)*/g)) {
    if (block[0].trim() === "") continue;
    for (const seg of sentenceSegmenter.segment(block[0])) {
      const lead = seg.segment.length - seg.segment.trimStart().length;
      const start = block.index + seg.index + lead;
      const end = start + seg.segment.trim().length;
      if (end <= start) continue;
      const words = wordsOf(text, start, end);
      if (words.length > 0) out.push({ paragraph, start, end, words });
    }
    paragraph++;
  }
  return out;
}

/** Word-like segments of `text.slice(start, end)`, as offsets into `text`. */
export function wordsOf(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  for (const seg of wordSegmenter.segment(text.slice(start, end))) {
    if (seg.isWordLike) words.push({ start: start + seg.index, end: start + seg.index + seg.segment.length });
  }
  return words;
}
