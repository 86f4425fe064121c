import { describe, expect, it } from "vitest";
import { formatCheck } from "../../src/cli/format-check.ts";
import type { CheckResult, Match } from "../../src/core/types.ts";

/**
 * The human report of `check` on the demo's shape of case: a page copies an article whose minister's quote is
 * also in an earlier press release (a reference document). The quote is excluded from the article's share, and
 * the press release, not being the publisher's, is not judged against the publisher's cap.
 */
const ARTICLE_URL = "https://vestnik-delovoy.example/news/eksporteram";
const RELEASE_URL = "https://gov-portal.example/press/sovet-eksporterov";
const QUOTE = "«Мы видим, что экспортерам сегодня мешают не пошлины, а логистика», – заявил министр.";
const LEAD = "В 2024 году правительство выделит 120 млрд тенге на возмещение затрат экспортеров. ";
const ARTICLE = `${LEAD}${QUOTE}`;
const RELEASE = `Министр провел заседание совета. ${QUOTE}`;
const NO_LINK = { present: false, href: null, target: null, nofollow: false, noindex: false, hidden: false } as const;

function match(overrides: Partial<Match> & Pick<Match, "source">): Match {
  return {
    share: 0,
    reusedChars: 0,
    sourceChars: 0,
    excludedChars: 0,
    link: { ...NO_LINK },
    licensed: false,
    predatesSource: false,
    verdict: "compliant",
    cap: { maxShare: 0.3, maxChars: null },
    violations: [],
    passages: [],
    excluded: [],
    ...overrides,
  };
}

const quoteInArticle = { start: LEAD.length, end: ARTICLE.length };
const quoteInRelease = { start: RELEASE.length - QUOTE.length, end: RELEASE.length };

const result: CheckResult = {
  candidate: { url: "https://reposter.example/copy", title: "Копия", chars: ARTICLE.length, published: "2024-03-15T10:00:00+05:00" },
  verdict: "violation",
  matches: [
    match({
      source: { url: ARTICLE_URL, title: "Экспортерам 120 млрд", published: "2024-03-14T10:30:00+05:00", reference: false },
      share: LEAD.length / ARTICLE.length,
      reusedChars: LEAD.length,
      sourceChars: ARTICLE.length,
      excludedChars: QUOTE.length,
      verdict: "violation",
      violations: ["over_quota", "missing_link"],
      passages: [{ source: { start: 0, end: ARTICLE.length }, candidate: { start: 0, end: ARTICLE.length } }],
      excluded: [{ source: quoteInArticle, candidate: quoteInArticle, reason: "reference", referenceUrl: RELEASE_URL }],
    }),
    match({
      source: { url: RELEASE_URL, title: "Заседание совета экспортеров", published: "2024-03-13T16:00:00+05:00", reference: true },
      share: QUOTE.length / RELEASE.length,
      reusedChars: QUOTE.length,
      sourceChars: RELEASE.length,
      passages: [{ source: quoteInRelease, candidate: quoteInArticle }],
    }),
  ],
};

const report = formatCheck(result, { candidate: ARTICLE, sources: new Map([[ARTICLE_URL, ARTICLE], [RELEASE_URL, RELEASE]]) });
const [articleBlock, releaseBlock] = report.split("\n\n").slice(1);

describe("formatCheck", () => {
  it("judges the publisher's article against the cap and lists its excluded text with the reason and the reference", () => {
    expect(articleBlock).toContain(`vs cap 30.0%; ${QUOTE.length} chars excluded (reference)`);
    expect(articleBlock).toContain("verdict  violation: over_quota, missing_link");
    expect(articleBlock).toContain(`excluded ${QUOTE.length} chars, source ${quoteInArticle.start}–${quoteInArticle.end}, also in the reference ${RELEASE_URL}: «Мы видим`);
  });

  it("does not judge a reference document against the cap: it says what the page shares with it", () => {
    expect(releaseBlock).toContain(`source   ${RELEASE_URL}  (reference document, not the publisher's: not judged against the cap)`);
    expect(releaseBlock).not.toMatch(/cap \d|verdict/);
    expect(releaseBlock).toContain(`shared   ${QUOTE.length} chars of the candidate are also in this document; the publisher's matches do not count them`);
  });

  it("shows the canonical URL a page names when it is not the page's URL, as a claim", () => {
    const texts = { candidate: ARTICLE, sources: new Map([[ARTICLE_URL, ARTICLE], [RELEASE_URL, RELEASE]]) };
    const claiming = formatCheck(result, { ...texts, canonicalUrl: "https://partner-media.example/news/1" }).split("\n");
    expect(claiming[2]).toBe("  names https://partner-media.example/news/1 as its canonical URL (a claim: the page is judged where it was found)");
    expect(formatCheck(result, { ...texts, canonicalUrl: result.candidate.url })).toBe(report);
  });

  it("does not claim a reference excuses text when no match of the publisher's excludes any of it", () => {
    const alone = { ...result, matches: [result.matches[1]!] };
    const text = formatCheck(alone, { candidate: ARTICLE, sources: new Map([[RELEASE_URL, RELEASE]]) });
    expect(text).toContain(`shared   ${QUOTE.length} chars of the candidate are also in this document\n`);
  });
});
