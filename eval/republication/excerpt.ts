import type { Rng } from "./prng.ts";
import type { Sentence } from "./source-text.ts";

/**
 * Chooses which sentences of a source to embed so that they cover about `target` of its text:
 * one run of consecutive sentences, or (for larger shares, half the time) two runs, as a reuser takes a
 * passage or two. The share actually embedded is measured afterwards from what was embedded.
 */
export function chooseSentences(sentences: readonly Sentence[], textLength: number, target: number, rng: Rng): Sentence[] {
  if (target <= 0 || sentences.length === 0) return [];
  if (target >= 1) return [...sentences];
  const runs = target > 0.35 && sentences.length >= 6 && rng.chance(0.5) ? 2 : 1;
  const chosen = new Set<number>();
  for (let r = 0; r < runs; r++) {
    const want = (target * textLength) / runs;
    const run = pickRun(sentences, want, chosen, rng);
    for (const i of run) chosen.add(i);
  }
  return [...chosen].sort((a, b) => a - b).map((i) => sentences[i]!);
}

function pickRun(sentences: readonly Sentence[], want: number, taken: ReadonlySet<number>, rng: Rng): number[] {
  const starts = sentences.map((_, i) => i).filter((i) => !taken.has(i) && !taken.has(i - 1));
  const start = starts.length ? rng.pick(starts) : 0;
  const run: number[] = [];
  let chars = 0;
  for (let i = start; i < sentences.length && !taken.has(i); i++) {
    const len = sentences[i]!.end - sentences[i]!.start + 1;
    // Stop before this sentence when stopping lands closer to the wanted length than taking it.
    if (run.length > 0 && Math.abs(chars - want) <= Math.abs(chars + len - want)) break;
    run.push(i);
    chars += len;
  }
  // A run that hit the end of the text short of its length grows backwards.
  for (let i = start - 1; i >= 0 && chars < want * 0.9 && !taken.has(i); i--) {
    const len = sentences[i]!.end - sentences[i]!.start + 1;
    if (Math.abs(chars - want) <= Math.abs(chars + len - want)) break;
    run.unshift(i);
    chars += len;
  }
  return run;
}
