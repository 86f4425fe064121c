import type { ExtractionPageResult, ExtractionRun } from "../tasks/extraction.ts";
import { prf } from "../tasks/extraction-score.ts";
import { num, pct, table } from "./format.ts";

/** The section's heading: the standalone runner (`extraction-only.ts`) replaces the section it opens. */
export const EXTRACTION_HEADING = "## 5. Extraction: the protected text is the article and only the article";

/** The issue's targets for extraction (issue 12, item 2). */
const TARGET_PRECISION = 0.97;
const TARGET_RECALL = 0.97;
/** `sourceChars` within 2% of the article's own length, as the issue asks. */
const CHAR_TOLERANCE = 0.02;

/**
 * The one measure of the rules on pages they were not written for. The figures above are on pages whose
 * misses were then fixed, so they cannot show it; this one is history, measured once at the commit that
 * added the pages, and a new one needs pages written blind again.
 */
const HELD_OUT_CHECK =
  "**Held-out check.** Ten of the pages (`ru-tengri-inline-cards`, `ru-zakon-gallery-author`, `ru-kapital-table-po-teme`, `ru-interfax-wire-lenta`, `ru-amp-carousel-steps`, " +
  "`kk-qazaqinform-sondai-aq`, `kk-wordpress-pikirler-uqsas`, `en-standfirst-newsletter-appeal`, `en-image-source-more-on-story`, `en-also-read-author-bio`) were written " +
  "and committed (7469a8e) by an engineer who had not read the cleaning rules. On them the rules of that commit scored precision 0.923, recall 1.000, F1 0.960 " +
  "(Readability 0.783 / 0.992 / 0.875), 5 of 10 pages within 2%, and one title wrong; over all 34 pages 0.966 / 0.997, 26/34 within 2%. What they kept was furniture " +
  "the rules did not know: a call to send videos and an author's biography set in italics under the body, a messenger prompt and a reuse notice after it, " +
  "a support appeal, a byline block and a video player's labels; they lost nothing of an article. Those misses are fixed since, with the three older pages " +
  "outside 2% (a biography, an interviewer's credit, a lead Readability dropped); the support appeal only by its class name, which a template need not give it. " +
  "**Across a domain** the index removes a block found in three or more of the domain's sources (`MIN_RECURRING_SOURCES`, `blockCounts`): a standing prompt, " +
  "notice, appeal or a regular author's biography goes once the archive holds three articles, whatever its markup; furniture whose text changes from page to page " +
  "(related headlines, bylines, captions, comments) never recurs, and only the rules above remove it.";

export function extractionSection(run: ExtractionRun): string {
  const ours = prf(run.pages.map((p) => p.ours.score));
  const baseline = prf(run.pages.map((p) => p.readability.score));
  const within = (p: ExtractionPageResult, side: "ours" | "readability") => Math.abs(p[side].charRatio - 1) <= CHAR_TOLERANCE;
  const count = (side: "ours" | "readability") => `${run.pages.filter((p) => within(p, side)).length}/${run.pages.length}`;
  const worstRatio = (side: "ours" | "readability") => Math.max(...run.pages.map((p) => p[side].charRatio));
  const macroF = (side: "ours" | "readability") => run.pages.reduce((n, p) => n + prf([p[side].score]).f, 0) / run.pages.length;
  const verdict = (ok: boolean) => (ok ? "**met**" : "**missed**");
  return [
    EXTRACTION_HEADING,
    `${run.pages.length} golden pages of our own (\`test/fixtures/extraction/<name>/\`: \`source.html\`, the hand-made \`expected.txt\` and \`expected.json\`), ` +
      "fictional articles in the markup styles of Russian, Kazakh and English news sites, with related-link lists, «Читайте также» / «Оқи отырыңыз» / \"Related\" blocks, most-read widgets, tags, captions and credits, " +
      "subscription and share prompts, author boxes, comments, pull quotes, and in-article lists and tables that must stay. " +
      "**Ours** is the protected text as the engine computes it for a source or a candidate: `extractPage` (Readability, then `removeNonArticle`), then the built-in boilerplate patterns (one page has no domain history). " +
      "**Readability** is `@mozilla/readability`'s `textContent` with nothing removed after it. " +
      "Scores are bag-of-tokens (words and numbers, case-folded) precision, recall and F1 against `expected.txt`, micro-averaged over all tokens; the character ratio is the text's length without whitespace over the expected text's (`sourceChars` over the article's own length). " +
      "`npm run eval` writes this section with the rest; `npx tsx eval/report/extraction-only.ts` rewrites it alone in seconds.",
    table(
      ["target", "goal", "measured", "status"],
      [
        ["Extraction: protected text precision", `≥ ${TARGET_PRECISION}`, num(ours.precision), verdict(ours.precision >= TARGET_PRECISION)],
        ["Extraction: protected text recall", `≥ ${TARGET_RECALL}`, num(ours.recall), verdict(ours.recall >= TARGET_RECALL)],
        ["Extraction: F1, ours vs Readability", "beat Readability clearly", `${num(ours.f)} vs ${num(baseline.f)}`, verdict(ours.f > baseline.f)],
        ["`sourceChars` within 2% of the article's own text", "every page", count("ours"), verdict(run.pages.every((p) => within(p, "ours")))],
      ],
    ),
    table(
      ["extractor", "precision", "recall", "F1 (micro)", "F1 (mean of pages)", "pages with chars within 2%", "largest chars ratio"],
      [
        ["ours", num(ours.precision), num(ours.recall), num(ours.f), num(macroF("ours")), count("ours"), num(worstRatio("ours"))],
        ["Readability", num(baseline.precision), num(baseline.recall), num(baseline.f), num(macroF("readability")), count("readability"), num(worstRatio("readability"))],
      ],
    ),
    "### Per page",
    table(
      ["page", "ours P", "ours R", "ours F1", "ours chars ratio", "Readability P", "Readability R", "Readability F1", "Readability chars ratio", "title, date, URL"],
      run.pages.map((p) => {
        const a = prf([p.ours.score]);
        const b = prf([p.readability.score]);
        return [p.name, num(a.precision), num(a.recall), num(a.f), num(p.ours.charRatio), num(b.precision), num(b.recall), num(b.f), num(p.readability.charRatio), p.metadataOk ? "as expected" : `**differ**${p.knownDifference ? ` (known: ${p.knownDifference})` : ""}`];
      }),
    ),
    `Pages whose title, date and URL all come out as \`expected.json\` says: ${pct(run.pages.filter((p) => p.metadataOk).length / run.pages.length)}.`,
    HELD_OUT_CHECK,
  ].join("\n\n");
}
