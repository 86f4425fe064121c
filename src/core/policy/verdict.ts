import type { CandidateVerdict, IsoDate, LinkFinding, Match, MatchVerdict, ReuseCap, Violation } from "../types.ts";
import type { License, LicenseLift, Policy } from "./policy.ts";
import { linkRuleViolations } from "../links/attribution.ts";
import { isWithinDomain, normalizeUrl } from "../links/normalize-url.ts";

/** What judging one match needs to know: measured reuse, the link found, and when it is judged. */
export interface MatchFacts {
  source: { url: string; published: IsoDate; reference: boolean };
  candidate: {
    /**
     * Where the page was found (fetched from, or declared by the user); null when unknown (a saved file). Licenses
     * are matched on it, never on an address the page claims for itself: a reprint may name a licensed partner's
     * page as its canonical.
     */
    url: string | null;
    published: IsoDate;
    /** The page is on one of the publisher's own domains (see `publisher-domains.ts`). */
    onPublisherDomain: boolean;
  };
  /** reusedChars ÷ the source's protected length, exclusions removed. */
  share: number;
  reusedChars: number;
  link: LinkFinding;
  /** ISO timestamp of the judgement: stands in for the candidate's date in license windows when it is unknown. */
  now: string;
}

export interface MatchJudgement {
  verdict: MatchVerdict;
  /** What the match still breaks after licenses; empty unless the verdict is `violation`. */
  violations: Violation[];
  /** A license covering this reuse lifted at least one rule the match would otherwise break. */
  licensed: boolean;
  predatesSource: boolean;
  /** The cap the match was judged against; null when the verdict came before any cap (own page, predating, reference). */
  cap: ReuseCap | null;
}

/**
 * Judges one candidate's reuse of one source, in this order:
 * 1. the publisher's own page reusing its own article is the publisher publishing, not a reuser: `own_page`;
 * 2. a candidate published before the source is the original, not the copy: `predates_source`;
 * 3. a reference source (press release, wire) is not the publisher's to protect: `compliant`, with no cap;
 * 4. nothing reused is nothing to judge: `compliant`; otherwise the cap (`over_quota`, `over_char_cap`) and the
 *    link rule (see `linkRuleViolations`) are checked;
 * 5. licenses covering the candidate lift what they name; if nothing is left, `licensed`.
 */
export function judgeMatch(facts: MatchFacts, policy: Policy): MatchJudgement {
  if (facts.candidate.onPublisherDomain && !facts.source.reference) {
    return { verdict: "own_page", violations: [], licensed: false, predatesSource: false, cap: null };
  }
  if (predates(facts.candidate.published, facts.source.published)) {
    return { verdict: "predates_source", violations: [], licensed: false, predatesSource: true, cap: null };
  }
  if (facts.source.reference) return { verdict: "compliant", violations: [], licensed: false, predatesSource: false, cap: null };
  // One cap for every source: the policy has no per-source or per-domain caps.
  const cap: ReuseCap = { maxShare: policy.maxShare, maxChars: policy.maxChars };
  const compliant: MatchJudgement = { verdict: "compliant", violations: [], licensed: false, predatesSource: false, cap };
  if (facts.reusedChars <= 0) return compliant;

  const capViolations: Violation[] = [];
  if (facts.share > cap.maxShare) capViolations.push("over_quota");
  if (cap.maxChars !== null && facts.reusedChars > cap.maxChars) capViolations.push("over_char_cap");
  const linkViolations = linkRuleViolations(facts.link, policy.link);
  if (capViolations.length === 0 && linkViolations.length === 0) return compliant;

  const lifted = liftsFor(facts, policy.licenses);
  const violations = [...(lifted.has("cap") ? [] : capViolations), ...(lifted.has("link") ? [] : linkViolations)];
  const licensed = violations.length < capViolations.length + linkViolations.length;
  return { verdict: violations.length === 0 ? "licensed" : "violation", violations, licensed, predatesSource: false, cap };
}

/**
 * A candidate's overall verdict from its matches: any violation makes it a violator; otherwise a license
 * that was needed makes it licensed; otherwise a page of the publisher's own reusing its articles is its own
 * page; otherwise reuse of the publisher's own text makes it compliant.
 * Matches with reference sources or that predate their source are not reuse of the publisher's text.
 */
export function candidateVerdict(matches: readonly Match[]): CandidateVerdict {
  if (matches.some((match) => match.verdict === "violation")) return "violation";
  if (matches.some((match) => match.verdict === "licensed")) return "licensed";
  if (matches.some((match) => match.verdict === "own_page")) return "own_page";
  const reusesOwnText = matches.some((match) => match.reusedChars > 0 && !match.source.reference && !match.predatesSource);
  return reusesOwnText ? "compliant" : "no_reuse";
}

/** The rule each violation breaks: a license lifting that rule lifts the violation. */
export const RULE_BROKEN: Readonly<Record<Violation, LicenseLift>> = Object.freeze({
  over_quota: "cap",
  over_char_cap: "cap",
  missing_link: "link",
  link_not_to_article: "link",
  link_not_indexable: "link",
});

/** One candidate's reuse of one source, as a license is asked about it; `now` stands in for an unknown date. */
export interface LicensedReuse {
  candidate: { url: string | null; published: IsoDate };
  source: { url: string };
  now: string;
}

/**
 * Whether a license covers a reuse: the candidate was found on the licensee's domain or a subdomain, its date (else
 * `now`) lies within the license's window, and the source is among the articles it names (all when none).
 */
export function licenseCovers(license: License, reuse: LicensedReuse): boolean {
  if (reuse.candidate.url === null || !isWithinDomain(reuse.candidate.url, license.domain)) return false;
  const day = calendarDay(reuse.candidate.published) ?? calendarDay(reuse.now);
  if (day === null || !withinWindow(day, license)) return false;
  if (license.articles.length === 0) return true;
  const source = normalizeUrl(reuse.source.url);
  return source !== null && license.articles.some((prefix) => coversUrl(prefix, source));
}

/** What the licenses applying to this candidate and source lift, together. */
function liftsFor(facts: MatchFacts, licenses: readonly License[]): Set<LicenseLift> {
  const lifted = new Set<LicenseLift>();
  for (const license of licenses) if (licenseCovers(license, facts)) for (const lift of license.lifts) lifted.add(lift);
  return lifted;
}

function withinWindow(day: string, license: License): boolean {
  const from = calendarDay(license.from);
  const until = calendarDay(license.until);
  return (from === null || from <= day) && (until === null || day <= until);
}

/**
 * Whether an article prefix covers a (normalized) URL. Prefixes match whole path segments once both are
 * normalized, so `https://kapital.kz/economic/` covers `/economic/x` but not `/economics/x`.
 */
function coversUrl(prefix: string, url: string): boolean {
  const normalized = normalizeUrl(prefix);
  if (normalized === null) return false;
  if (url === normalized) return true;
  return url.startsWith(normalized.endsWith("/") ? normalized : `${normalized}/`);
}

/**
 * A candidate predates its source when published strictly earlier. When both times are known to the minute
 * the instants are compared; when either is only a day, the days are, so a same-day copy of a source dated
 * only by day is not taken for the original. Unknown or unreadable dates never predate.
 */
function predates(candidate: IsoDate, source: IsoDate): boolean {
  const a = moment(candidate);
  const b = moment(source);
  if (a === null || b === null) return false;
  return a.hasTime && b.hasTime ? a.instant < b.instant : a.day < b.day;
}

const ISO_MOMENT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

interface Moment {
  /** The calendar day as written (in the timestamp's own offset). */
  day: string;
  hasTime: boolean;
  /** Milliseconds since the epoch; a time without offset is read as UTC so the result never depends on the machine. */
  instant: number;
}

function moment(iso: IsoDate): Moment | null {
  const match = iso === null ? null : ISO_MOMENT.exec(iso.trim());
  if (match === null) return null;
  const [, day, time, offset] = match;
  const instant = Date.parse(time === undefined ? `${day}T00:00:00Z` : `${day}T${time}${normalizeOffset(offset)}`);
  return Number.isNaN(instant) ? null : { day: day!, hasTime: time !== undefined, instant };
}

function normalizeOffset(offset: string | undefined): string {
  if (offset === undefined) return "Z";
  if (offset.toUpperCase() === "Z" || offset.includes(":")) return offset.toUpperCase();
  return `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

function calendarDay(iso: IsoDate): string | null {
  return moment(iso)?.day ?? null;
}
