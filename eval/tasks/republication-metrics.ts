import { groupBy, mean, quantile } from "../measures/stats.ts";
import { linkCorrect, type PageOutcome, type RepublicationRun } from "./republication.ts";

/** Verdicts whose true share lies within this distance of the 30% cap are not scored (the 27–33%). */
export const CAP = 0.3;
export const CAP_MARGIN = 0.03;
/** Detection recall is measured on pages whose true share is at least this. */
export const RECALL_MIN_SHARE = 0.05;

export interface ErrorStats {
  pages: number;
  /** Mean absolute error, percentage points. */
  mae: number;
  /** Mean signed error (engine − truth), percentage points: positive means the engine overstates. */
  bias: number;
  p90: number;
  max: number;
  /** MAE against the embedded-only share (deleted words not counted), percentage points. */
  maeEmbedded: number;
}

export interface RepublicationSummary {
  overall: ErrorStats;
  byObfuscation: Array<[string, ErrorStats]>;
  byShare: Array<[string, ErrorStats]>;
  byLayout: Array<[string, ErrorStats]>;
  verdict: { scored: number; correct: number; accuracy: number; confusion: Array<{ expected: string; got: string; pages: number[] }> };
  link: { scored: number; correct: number; accuracy: number; byVariant: Array<[string, { scored: number; correct: number }]> };
  recall: {
    scored: number;
    detected: number;
    recall: number;
    byObfuscation: Array<[string, { scored: number; detected: number }]>;
    /** Missed pages whose every embedded sentence keeps fewer than `minMatched` source words. */
    missedShortOnly: number;
  };
  /** Pages embedding nothing of their source on which the engine reported reuse of it. */
  falseDetections: number[];
  /** Pages on which the engine matched a source the page did not embed (other than its reference document). */
  extraMatches: Array<{ page: number; url: string; share: number }>;
  extraction: { excerptLost: number[]; dateMissedByLayout: Array<[string, { pages: number; missed: number }]> };
  worst: PageOutcome[];
}

export function errorStats(outcomes: readonly PageOutcome[]): ErrorStats {
  const errors = outcomes.map((o) => (o.share - o.page.truth.share) * 100);
  const abs = errors.map(Math.abs);
  return {
    pages: outcomes.length,
    mae: mean(abs),
    bias: mean(errors),
    p90: quantile(abs, 0.9),
    max: abs.length ? Math.max(...abs) : NaN,
    maeEmbedded: mean(outcomes.map((o) => Math.abs(o.share - o.page.truth.embeddedShare) * 100)),
  };
}

function shareBucket(share: number): string {
  if (share === 0) return "0%";
  if (share < 0.1) return "0–10%";
  if (share < 0.27) return "10–27%";
  if (share <= 0.33) return "27–33% (cap)";
  if (share < 0.6) return "33–60%";
  if (share < 1) return "60–100%";
  return "100%";
}

const BUCKET_ORDER = ["0%", "0–10%", "10–27%", "27–33% (cap)", "33–60%", "60–100%", "100%"];

export function summarize(run: RepublicationRun, minMatched: number): RepublicationSummary {
  const o = run.outcomes;
  const by = (key: (x: PageOutcome) => string, order?: readonly string[]) => {
    const groups = [...groupBy(o, key).entries()].map(([k, v]) => [k, errorStats(v)] as [string, ErrorStats]);
    return order ? groups.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])) : groups;
  };

  const away = o.filter((x) => Math.abs(x.page.truth.share - CAP) > CAP_MARGIN);
  const wrong = away.filter((x) => x.verdict !== x.page.expectedVerdict);
  const confusion = [...groupBy(wrong, (x) => `${x.page.expectedVerdict}→${x.verdict}`).entries()].map(([k, v]) => {
    const [expected, got] = k.split("→") as [string, string];
    return { expected, got, pages: v.map((x) => x.page.spec.index) };
  });

  // A link finding exists only with a match; pages where the engine found no reuse have nothing to judge.
  const withLink = o.filter((x) => x.link !== null);
  const linkByVariant = [...groupBy(withLink, (x) => x.page.spec.link).entries()].map(
    ([k, v]) => [k, { scored: v.length, correct: v.filter((x) => linkCorrect(x.link, x.page.expectedLink)).length }] as [string, { scored: number; correct: number }],
  );

  const recallPages = o.filter((x) => x.page.truth.share >= RECALL_MIN_SHARE);
  const recallByObf = [...groupBy(recallPages, (x) => x.page.spec.obfuscation).entries()].map(
    ([k, v]) => [k, { scored: v.length, detected: v.filter((x) => x.reusedChars > 0).length }] as [string, { scored: number; detected: number }],
  );

  const dateByLayout = [...groupBy(o, (x) => `${x.page.spec.site.layout}`).entries()].map(
    ([k, v]) => [k, { pages: v.length, missed: v.filter((x) => !x.dateExtracted).length }] as [string, { pages: number; missed: number }],
  );

  return {
    overall: errorStats(o),
    byObfuscation: by((x) => x.page.spec.obfuscation),
    byShare: by((x) => shareBucket(x.page.truth.share), BUCKET_ORDER),
    byLayout: by((x) => `${x.page.spec.site.layout} / ${x.page.spec.charset}`),
    verdict: { scored: away.length, correct: away.length - wrong.length, accuracy: (away.length - wrong.length) / away.length, confusion },
    link: {
      scored: withLink.length,
      correct: withLink.filter((x) => linkCorrect(x.link, x.page.expectedLink)).length,
      accuracy: withLink.filter((x) => linkCorrect(x.link, x.page.expectedLink)).length / withLink.length,
      byVariant: linkByVariant,
    },
    recall: {
      scored: recallPages.length,
      detected: recallPages.filter((x) => x.reusedChars > 0).length,
      recall: recallPages.filter((x) => x.reusedChars > 0).length / recallPages.length,
      byObfuscation: recallByObf,
      missedShortOnly: recallPages.filter((x) => x.reusedChars === 0 && x.page.truth.longestSentenceWords < minMatched).length,
    },
    falseDetections: o.filter((x) => x.page.truth.reusedChars === 0 && x.reusedChars > 0).map((x) => x.page.spec.index),
    extraMatches: o.flatMap((x) => x.extraMatches.map((m) => ({ page: x.page.spec.index, url: m.url, share: m.share }))),
    extraction: { excerptLost: o.filter((x) => !x.excerptExtracted).map((x) => x.page.spec.index), dateMissedByLayout: dateByLayout },
    worst: [...o].sort((a, b) => Math.abs(b.share - b.page.truth.share) - Math.abs(a.share - a.page.truth.share)).slice(0, 12),
  };
}
