import type { CheckResult, LinkFinding, Match, Passage } from "../core/types.ts";
import type { Policy } from "../core/policy/policy.ts";

/** Passages shown per match in the human-readable report; the JSON output has all of them. */
const TOP_PASSAGES = 3;
/** Characters of each passage quoted in the report: enough to recognise the sentence. */
const EXCERPT_CHARS = 90;

/** A check result as a reader-facing report: source, share against the cap, link finding, verdict, top passages. */
export function formatCheck(result: CheckResult, policy: Policy, texts: { candidate: string; sources: Map<string, string> }): string {
  const c = result.candidate;
  const lines = [`${c.url}  ${c.title ? `«${c.title}»` : ""}`.trimEnd(), `  ${c.chars} chars, published ${c.published ?? "unknown"} — ${result.verdict.toUpperCase().replace("_", " ")}`];
  if (result.matches.length === 0) lines.push("  no source of the index is reused");
  for (const m of result.matches) {
    lines.push("", ...formatMatch(m, policy, texts.candidate, texts.sources.get(m.source.url) ?? ""));
  }
  return `${lines.join("\n")}\n`;
}

function formatMatch(m: Match, policy: Policy, candidateText: string, sourceText: string): string[] {
  const cap = `cap ${pct(policy.maxShare)}${policy.maxChars !== null ? ` / ${policy.maxChars} chars` : ""}`;
  const verdict = m.violations.length ? `${m.verdict}: ${m.violations.join(", ")}` : m.verdict;
  const lines = [
    `  source   ${m.source.url}${m.source.reference ? "  (reference, not the publisher's)" : ""}`,
    `           «${m.source.title}», published ${m.source.published ?? "unknown"}`,
    `  share    ${pct(m.share)} (${m.reusedChars} of ${m.sourceChars} chars) vs ${cap}${m.excludedChars ? `; ${m.excludedChars} chars excluded (${[...new Set(m.excluded.map((e) => e.reason))].join(", ")})` : ""}`,
    `  link     ${describeLink(m.link)}`,
    `  verdict  ${verdict}`,
  ];
  const top = [...m.passages].sort((a, b) => len(b) - len(a)).slice(0, TOP_PASSAGES);
  top.forEach((p, i) => {
    lines.push(`  [${i + 1}] source ${p.source.start}–${p.source.end} ↔ candidate ${p.candidate.start}–${p.candidate.end} (${len(p)} chars)`);
    lines.push(`      source:    ${excerpt(sourceText, p.source.start, p.source.end)}`);
    lines.push(`      candidate: ${excerpt(candidateText, p.candidate.start, p.candidate.end)}`);
  });
  if (m.passages.length > TOP_PASSAGES) lines.push(`  … ${m.passages.length - TOP_PASSAGES} more passage(s) in --json`);
  return lines;
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
