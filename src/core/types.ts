/**
 * The plain data that flows through the pipeline:
 * page → extract → text + links → tokens with offsets → fingerprints → candidate sources
 * → aligned passages → share → policy verdict.
 * Every stage is a pure function over these values; storage and network sit behind interfaces in `src/io`.
 */

/** A position in a JavaScript string, counted in UTF-16 code units, as `String.prototype.slice` counts. */
export type Offset = number;

/** A half-open range `[start, end)` of a text. */
export interface Span {
  start: Offset;
  end: Offset;
}

/** An ISO-8601 timestamp, or null when unknown. */
export type IsoDate = string | null;

/** A 32-bit hash of a word's key: what the index and the aligner compare (see `keyCode`). */
export type KeyCode = number;

/** A word of a text: the key it is compared by, and where it sits in the original text. */
export interface Token {
  /** Normalized, case-folded, stemmed form: two tokens match when their keys are equal. */
  key: string;
  /** `keyCode(key)`. */
  code: KeyCode;
  start: Offset;
  end: Offset;
  /** Index of the sentence the token belongs to, counted from 0. */
  sentence: number;
}

/**
 * A text's words as the index and the aligner see them, without offsets: compact enough to store with
 * each source, so a check aligns against stored sources without tokenizing them again.
 */
export interface WordSequence {
  /** Key code of each word, in text order. */
  codes: Uint32Array;
  /** Sentence number of each word, non-decreasing. */
  sentences: Uint32Array;
}

/** A link as found in a page, before any policy is applied. */
export interface PageLink {
  /** Absolute URL, resolved against the page's URL (not yet normalized). */
  href: string;
  text: string;
  /** `rel` contains nofollow, ugc or sponsored. */
  nofollow: boolean;
  /** Inside a `<noindex>` element or between `<!--noindex-->` and `<!--/noindex-->` comments. */
  noindex: boolean;
  /** `hidden` attribute or inline `display:none`/`visibility:hidden` on it or an ancestor. */
  hidden: boolean;
  /** In the page's main content, as opposed to site-wide chrome (header, navigation, sidebars, footer). */
  mainContent: boolean;
}

/** What extraction yields from one HTML page. */
export interface ExtractedPage {
  /** `<link rel=canonical>` or `og:url`, absolute; null when the page names none. */
  url: string | null;
  title: string;
  published: IsoDate;
  /** Main text: blocks (paragraphs, headings, list items) separated by a blank line ("\n\n"). */
  text: string;
  links: PageLink[];
}

/** A document ready to be indexed or checked. */
export interface TextDocument {
  url: string;
  title: string;
  published: IsoDate;
  /** Main text, blocks separated by "\n\n". For a source it still contains its boilerplate. */
  text: string;
  /** Links of the page; empty for plain text. */
  links: PageLink[];
}

/** Where a link back points: the reused article itself, or only another page of the publisher's site. */
export const LINK_TARGETS = ["article", "domain"] as const;
export type LinkTarget = (typeof LINK_TARGETS)[number];

/** How far a candidate's links attribute a source article. */
export interface LinkFinding {
  /** A link to the source article or to a page of the publisher's domain exists in the main content. */
  present: boolean;
  /** The best such link as written in the page (resolved), or null. */
  href: string | null;
  /** `article` when it points to the source article itself, `domain` when only to another page of its site. */
  target: LinkTarget | null;
  nofollow: boolean;
  noindex: boolean;
  hidden: boolean;
}

/** One aligned region: where it lies in the source's protected text and in the candidate's text. */
export interface Passage {
  source: Span;
  candidate: Span;
}

/**
 * A candidate sentence that rewrites a source sentence (synonyms, derivation, word order) found by the paraphrase
 * stage, when it is on: shown as evidence beside the passages, never counted in the share.
 */
export interface ParaphrasePassage extends Passage {
  /** Content words with a counterpart on the other side, both sides, ÷ content words of both, each weighted by its rarity in the source; 0..1. */
  similarity: number;
}

/** Why a match breaks the policy. */
export const VIOLATIONS = ["over_quota", "over_char_cap", "missing_link", "link_not_to_article", "link_not_indexable"] as const;
export type Violation = (typeof VIOLATIONS)[number];

/** `own_page`: the candidate is on one of the publisher's own domains, so reusing its own article breaks nothing. */
export const MATCH_VERDICTS = ["violation", "compliant", "licensed", "predates_source", "own_page"] as const;
export type MatchVerdict = (typeof MATCH_VERDICTS)[number];

/** A candidate's verdict over all its matches (see `candidateVerdict`); `no_reuse` when it reuses none of the publisher's text. */
export const CANDIDATE_VERDICTS = ["violation", "compliant", "licensed", "own_page", "no_reuse"] as const;
export type CandidateVerdict = (typeof CANDIDATE_VERDICTS)[number];

/** The most of one source a reuser may take. */
export interface ReuseCap {
  /** Highest share of a source's protected text a reuser may take, 0..1. */
  maxShare: number;
  /** Highest number of characters a reuser may take, or null for no absolute cap. */
  maxChars: number | null;
}

/** A source as reported in a check result. */
export interface SourceRef {
  url: string;
  title: string;
  published: IsoDate;
  reference: boolean;
}

/** Why reused text does not count: also in a reference document the candidate may have taken it from, or a quotation. */
export const EXCLUSION_REASONS = ["reference", "quotation"] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Reused text that does not count against the candidate, with the reason. */
export interface ExcludedPassage extends Passage {
  reason: ExclusionReason;
  /** For `reference`: the reference document the candidate may have taken the text from. */
  referenceUrl?: string;
}

/** The reuse of one source by one candidate, measured and judged. */
export interface Match {
  source: SourceRef;
  /** reusedChars ÷ sourceChars. */
  share: number;
  /** Characters of the source's protected text covered by passages, exclusions removed. */
  reusedChars: number;
  /** Length of the source's whole protected text. */
  sourceChars: number;
  /** Characters covered by passages but excluded (reference documents, quotations). */
  excludedChars: number;
  link: LinkFinding;
  licensed: boolean;
  predatesSource: boolean;
  verdict: MatchVerdict;
  /**
   * The cap the policy set for this source when the match was judged; null when no cap applied: the candidate is
   * the publisher's own page or predates the source, or the source is a reference document.
   */
  cap: ReuseCap | null;
  violations: Violation[];
  passages: Passage[];
  excluded: ExcludedPassage[];
  /** Rewritten sentences, listed only when the engine's paraphrase stage is on; they leave the share as it is. */
  paraphrases?: ParaphrasePassage[];
}

/** The contract printed by `copyquota check --json`, one object per candidate. */
export interface CheckResult {
  candidate: { url: string; title: string; chars: number; published: IsoDate };
  verdict: CandidateVerdict;
  matches: Match[];
}
