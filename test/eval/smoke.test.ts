import { describe, expect, it } from "vitest";
import { seedArticlePath } from "../../eval/paths.ts";
import { readFixtureArticles } from "../../eval/data/fixture-articles.ts";
import { readNewsArticles } from "../../eval/data/ru-news.ts";
import { runRepublication, linkCorrect, type RepublicationRun } from "../../eval/tasks/republication.ts";
import { summarize } from "../../eval/tasks/republication-metrics.ts";
import { DEFAULT_DETECTION_OPTIONS } from "../../src/core/options.ts";
import { readCorpus, runFalseMatches } from "../../eval/tasks/false-matches.ts";
import { evalDataPath, sharedPresent } from "../support/shared-data.ts";

/**
 * A small slice of `npm run eval`: the republication suite generated from our own fictional articles
 * (always), and from the real news samples plus a false-match check (when ../shared is present).
 * 49 pages cover every obfuscation × link variant once.
 */
const PAGES = 49;

/** Obfuscations that leave every word findable: a detected page must measure its share almost exactly. */
const EXACT = new Set(["verbatim", "typography", "endings"]);

function checkRun(run: RepublicationRun, bounds: { mae: number; recall: number }) {
  const s = summarize(run, DEFAULT_DETECTION_OPTIONS.minMatched);
  expect(run.outcomes).toHaveLength(PAGES);
  // Every link the engine judged is judged right, whatever the variant.
  const judged = run.outcomes.filter((o) => o.link !== null);
  expect(judged.length).toBeGreaterThan(PAGES / 2);
  for (const o of judged) expect(linkCorrect(o.link, o.page.expectedLink), `page ${o.page.spec.index} (${o.page.spec.link})`).toBe(true);
  // Pages that embed nothing get nothing.
  for (const o of run.outcomes.filter((x) => x.page.truth.reusedChars === 0)) expect(o.reusedChars, `page ${o.page.spec.index}`).toBe(0);
  // Pages whose every embedded word is findable are measured to within a point when detected.
  for (const o of run.outcomes.filter((x) => EXACT.has(x.page.spec.obfuscation) && x.reusedChars > 0)) {
    expect(Math.abs(o.share - o.page.truth.share), `page ${o.page.spec.index} (${o.page.spec.obfuscation})`).toBeLessThan(0.01);
  }
  expect(s.overall.mae).toBeLessThan(bounds.mae);
  expect(s.recall.recall).toBeGreaterThanOrEqual(bounds.recall);
}

describe("evaluation smoke: republication suite on our own fictional articles", () => {
  it("measures shares, links and verdicts of generated pages", async () => {
    const run = await runRepublication(readFixtureArticles(), {
      pages: PAGES,
      // The fictional outlet's archive is the publisher; the other outlets supply the reusers' text.
      isHost: (a) => !a.url.includes("vestnik-delovoy.example"),
      // Archive articles share their notice lines, so none can stand for a press release's sole copy.
      referenceSources: 0,
    });
    checkRun(run, { mae: 6, recall: 0.8 });
  });
});

const present = sharedPresent([evalDataPath("ru-news-samples", "articles.jsonl"), seedArticlePath], "evaluation smoke on real news", "the fictional twin above still runs");

describe.skipIf(!present)("evaluation smoke on ../shared/eval/data/ru-news-samples and the seed article", () => {
  it("republication slice from real news samples", async () => {
    const run = await runRepublication(readNewsArticles(), { pages: PAGES });
    checkRun(run, { mae: 4, recall: 0.9 });
  });

  it("false matches among a few news samples are the known same-story pairs, none unexplained", async () => {
    const corpus = readCorpus().filter((d) => ["0010", "0014", "0071", "0073", "0001", "0021", "0040", "0058", "seed"].includes(d.id));
    const report = await runFalseMatches(corpus);
    expect(report.matches.map((m) => `${m.a.id}|${m.b.id}`)).toEqual(["0010|0014", "0071|0073"]);
    expect(report.matches.every((m) => m.klass === "same story")).toBe(true);
  });
});
