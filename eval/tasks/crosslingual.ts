import type { IndexedEssay } from "./essays.ts";
import { readFreeDict, type BilingualDictionary } from "../crosslingual/dictionary.ts";
import { englishAnchors, matchAnchors, russianAnchors, type AnchorMatch } from "../crosslingual/anchors.ts";
import { locate } from "../locate.ts";
import { fragmentFound, microScores, overlaps, passagePrecision, type Annotation, type MicroScores } from "../measures/pan.ts";
import type { RewriteLabel } from "../data/essays.ts";

/**
 * Least anchor score that reports a sentence pair, fixed before looking at results (essay 3 is the only
 * data, so nothing may be tuned on it): two strong anchors, e.g. a year and a name, or two names.
 */
export const MIN_SCORE = 4;

/** A page counts as English when most of its letters are Latin. */
const ENGLISH_LATIN_SHARE = 0.5;

export interface CrossLingualFragment {
  no: number;
  labels: RewriteLabel[];
  /** Anchors the fragment shares with its true source sentence. */
  withTrueSource: AnchorMatch | null;
  /** ≥ 50% of the fragment lies in detections. */
  found: boolean;
  /** A detection overlaps the fragment on the essay side and its true source sentence on the source side. */
  sourceCorrect: boolean;
}

export interface CrossLingualReport {
  dictionary: { present: boolean; headwords: number };
  englishPages: number;
  englishSentences: number;
  fragments: CrossLingualFragment[];
  detections: number;
  fragmentRecall: number;
  passagePrecision: number;
  pan: MicroScores;
}

interface SourceSentence {
  file: string;
  start: number;
  end: number;
  anchors: ReturnType<typeof englishAnchors>;
}

const sentenceSegmenter = (lang: string) => new Intl.Segmenter(lang, { granularity: "sentence" });

function sentences(text: string, lang: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  for (const block of text.matchAll(/[^\n]+/g)) {
    for (const seg of sentenceSegmenter(lang).segment(block[0])) {
      const trimmed = seg.segment.trim();
      if (trimmed === "") continue;
      const start = block.index + seg.index + (seg.segment.length - seg.segment.trimStart().length);
      out.push({ start, end: start + trimmed.length, text: trimmed });
    }
  }
  return out;
}

function latinShare(text: string): number {
  const latin = text.match(/[a-z]/gi)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters === 0 ? 0 : latin / letters;
}

/**
 * Finds cross-language reuse by anchors alone: every Russian sentence of the essay is paired with the
 * English source sentence sharing the most anchors; pairs scoring at least `MIN_SCORE` are detections.
 */
export function runCrossLingual(indexed: IndexedEssay, dictionary: BilingualDictionary | null = readFreeDict()): CrossLingualReport {
  const { essay, pages } = indexed;
  const english = pages.filter((p) => latinShare(p.protectedText) > ENGLISH_LATIN_SHARE);
  const sourceSentences: SourceSentence[] = english.flatMap((p) =>
    sentences(p.protectedText, "en").map((s) => ({ file: p.file, start: s.start, end: s.end, anchors: englishAnchors(s.text, dictionary) })),
  );

  const detections: Annotation[] = [];
  for (const s of sentences(essay.text, "ru")) {
    const ru = russianAnchors(s.text);
    let best: { source: SourceSentence; match: AnchorMatch } | null = null;
    for (const source of sourceSentences) {
      const match = matchAnchors(ru, source.anchors);
      if (best === null || match.score > best.match.score) best = { source, match };
    }
    if (best && best.match.score >= MIN_SCORE && best.match.numbers + best.match.names > 0) {
      detections.push({ tref: essay.name, toff: s.start, tlen: s.end - s.start, sref: best.source.file, soff: best.source.start, slen: best.source.end - best.source.start });
    }
  }
  const passages = detections.map((d) => ({ start: d.toff, end: d.toff + d.tlen }));

  const cases: Annotation[] = [];
  const fragments: CrossLingualFragment[] = [];
  for (const f of essay.fragments) {
    if (f.sourceFile === null) continue;
    const page = pages.find((p) => p.file === f.sourceFile)!;
    const at = locate(page.protectedText, f.sourceText);
    const annotation: Annotation = { tref: essay.name, toff: f.start, tlen: f.end - f.start, sref: at ? f.sourceFile : null, soff: at?.start ?? 0, slen: at ? at.end - at.start : 0 };
    cases.push(annotation);
    fragments.push({
      no: f.no,
      labels: f.labels,
      withTrueSource: at ? matchAnchors(russianAnchors(f.essayText), englishAnchors(page.protectedText.slice(at.start, at.end), dictionary)) : null,
      found: fragmentFound({ start: f.start, end: f.end }, passages),
      sourceCorrect: at !== null && detections.some((d) => overlaps(annotation, d)),
    });
  }
  const borrowedSpans = essay.fragments.filter((f) => f.sourceFile !== null).map((f) => ({ start: f.start, end: f.end }));
  return {
    dictionary: { present: dictionary !== null, headwords: dictionary?.size ?? 0 },
    englishPages: english.length,
    englishSentences: sourceSentences.length,
    fragments,
    detections: detections.length,
    fragmentRecall: fragments.length ? fragments.filter((f) => f.found).length / fragments.length : NaN,
    passagePrecision: passagePrecision(passages, borrowedSpans),
    pan: microScores(cases, detections),
  };
}
