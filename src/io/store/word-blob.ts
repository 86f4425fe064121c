import { ownBuffer } from "./blob.ts";
import type { WordSequence } from "../../core/types.ts";

/**
 * A source's words as stored: key codes as 32-bit integers (4 bytes a word), and sentence numbers as
 * runs [sentence, words in it] (8 bytes a sentence rather than 4 a word, since sentences run ~15 words).
 */
export function encodeWords(words: WordSequence): { codes: Buffer; sentences: Buffer } {
  const runs: number[] = [];
  for (let i = 0; i < words.sentences.length; i++) {
    const s = words.sentences[i]!;
    if (runs.length > 0 && runs[runs.length - 2] === s) runs[runs.length - 1] = runs[runs.length - 1]! + 1;
    else runs.push(s, 1);
  }
  return {
    codes: Buffer.from(words.codes.buffer, words.codes.byteOffset, words.codes.byteLength),
    sentences: Buffer.from(Uint32Array.from(runs).buffer),
  };
}

export function decodeWords(codes: Uint8Array, sentences: Uint8Array): WordSequence {
  const codeArray = new Uint32Array(ownBuffer(codes));
  const runs = new Uint32Array(ownBuffer(sentences));
  const sentenceArray = new Uint32Array(codeArray.length);
  let at = 0;
  for (let r = 0; r + 1 < runs.length; r += 2) {
    sentenceArray.fill(runs[r]!, at, at + runs[r + 1]!);
    at += runs[r + 1]!;
  }
  if (at !== codeArray.length) throw new Error(`stored words are inconsistent: ${codeArray.length} codes but sentence runs cover ${at}`);
  return { codes: codeArray, sentences: sentenceArray };
}
