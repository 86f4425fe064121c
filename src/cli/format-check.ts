import type { CheckResult, ExcludedPassage, LinkFinding, Match, Passage } from "../core/types.ts";

/** Passages shown per match in the human-readable report; the JSON output has all of them. */
const TOP_PASSAGES = 3;
/** Characters of each passage quoted in the report: enough to recognise the sentence. */
const EXCERPT_CHARS = 90;

/**
 * A check result as a reader-facing report: the canonical URL the page names when that is not its URL (its
 * claim, which decides nothing); per source of the publisher, the share against the cap, link finding,
 * verdict, excluded text with its reason, and top passages; per reference document, what the candidate shares with it.
 */
export function formatCheck(result: CheckResult, texts: { candidate: string; sources: Map<string, string>; canonicalUrl?: string | null }): string {
  const c = result.candidate;
  const lines = [`${c.url}  ${c.title ? `«${c.title}»` : ""}`.trimEnd(), `  ${c.chars} chars, published ${c.published ?? "unknown"} — ${result.verdict.toUpperCase().replace("_", " ")}`];
  if (texts.canonicalUrl && texts.canonicalUrl !== c.url) lines.push(`  names ${texts.canonicalUrl} as its canonical URL (a claim: the page is judged where it was found)`);
  if (result.matches.length === 0) lines.push("  no source of the index is reused");
  const excusing = new Set(result.matches.flatMap((m) => m.excluded.map((e) => e.referenceUrl)));
  for (const m of result.matches) {
    lines.push("", ...formatMatch(m, texts.candidate, texts.sources.get(m.source.url) ?? "", excusing.has(m.source.url)));
  }
  return `${lines.join("\n")}\n`;
}

function formatMatch(m: Match, candidateText: string, sourceText: string, excusing: boolean): string[] {
  const lines = m.source.reference ? referenceLines(m, excusing) : ownLines(m, sourceText);
  const top = [...m.passages].sort((a, b) => len(b) - len(a)).slice(0, TOP_PASSAGES);
  top.forEach((p, i) => {
    lines.push(`  [${i + 1}] source ${p.source.start}–${p.source.end} ↔ candidate ${p.candidate.start}–${p.candidate.end} (${len(p)} chars)`);
    lines.push(`      source:    ${excerpt(sourceText, p.source.start, p.source.end)}`);
    lines.push(`      candidate: ${excerpt(candidateText, p.candidate.start, p.candidate.end)}`);
  });
  if (m.passages.length > TOP_PASSAGES) lines.push(`  … ${m.passages.length - TOP_PASSAGES} more passage(s) in --json`);
  return lines;
}

/** One of the publisher's articles: the share against the cap, the link, the verdict, and what was not counted. */
function ownLines(m: Match, sourceText: string): string[] {
  // The cap the match was judged against; none for a page of the publisher's own or one older than the source.
  const cap = m.cap === null ? "no cap applied" : `cap ${pct(m.cap.maxShare)}${m.cap.maxChars !== null ? ` / ${m.cap.maxChars} chars` : ""}`;
  const verdict = m.violations.length ? `${m.verdict}: ${m.violations.join(", ")}` : m.verdict;
  const reasons = [...new Set(m.excluded.map((e) => e.reason))].join(", ");
  return [
    `  source   ${m.source.url}`,
    `           «${m.source.title}», published ${m.source.published ?? "unknown"}`,
    `  share    ${pct(m.share)} (${m.reusedChars} of ${m.sourceChars} chars) vs ${cap}${m.excludedChars ? `; ${m.excludedChars} chars excluded (${reasons})` : ""}`,
    `  link     ${describeLink(m.link)}`,
    `  verdict  ${verdict}`,
    ...m.excluded.map((e) => `  excluded ${describeExclusion(e)}: ${excerpt(sourceText, e.source.start, e.source.end)}`),
  ];
}

/**
 * A reference document (a press release, an agency wire) is not the publisher's text: its policy's cap does not
 * apply to it, so the report says what the candidate shares with it instead of judging it (the JSON output keeps
 * the match as the engine measured it). `excusing`: some of the publisher's matches exclude text found here.
 */
function referenceLines(m: Match, excusing: boolean): string[] {
  return [
    `  source   ${m.source.url}  (reference document, not the publisher's: not judged against the cap)`,
    `           «${m.source.title}», published ${m.source.published ?? "unknown"}`,
    `  shared   ${m.reusedChars} chars of the candidate are also in this document${excusing ? "; the publisher's matches do not count them" : ""}`,
  ];
}

/** Why an excluded span does not count, where it lies in the source, and the reference it is also in. */
function describeExclusion(e: ExcludedPassage): string {
  const reason = e.reason === "reference" ? `also in the reference ${e.referenceUrl ?? "(unknown)"}` : "a quotation";
  return `${len(e)} chars, source ${e.source.start}–${e.source.end}, ${reason}`;
}

export function describeLink(link: LinkFinding): string {
  if (!link.present) return "none";
  const flags = [link.nofollow && "nofollow", link.noindex && "noindex", link.hidden && "hidden"].filter(Boolean);
  return `${link.target === "article" ? "to the article" : "to the domain only"}: ${link.href}${flags.length ? ` (${flags.join(", ")})` : ""}`;
}

function len(p: Passage): number {
  return p.source.end - p.source.start;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function excerpt(text: string, start: number, end: number): string {
  const s = text.slice(start, end).replace(/\s+/g, " ");
  return s.length > EXCERPT_CHARS ? `${s.slice(0, EXCERPT_CHARS - 1)}…` : s;
}
