import type { TextDocument } from "../../src/core/types.ts";
import type { Outlet } from "./outlets.ts";
import { PUBLISHER, REUSERS } from "./outlets.ts";
import type { Rng } from "./prng.ts";
import { createRng, seedOf } from "./prng.ts";
import type { GeneratedSource } from "./sources.ts";
import { sourcePublished } from "./sources.ts";
import type { Topic, Writer } from "./writer.ts";

/**
 * How a candidate uses the archive: not at all; a fragment (one or two paragraphs, lightly edited, inside
 * the reuser's own text); a full copy; a rewrite (all sentences, reordered, one word in seven changed);
 * paragraphs of several sources.
 */
export type ReuseKind = "none" | "fragment" | "full" | "rewrite" | "multi";

/**
 * Most pages a monitor checks reuse nothing; among those that do, fragments are the common case.
 * The mix sets how much alignment work a check does, so it is stated in the report.
 */
export const REUSE_MIX: ReadonlyArray<readonly [ReuseKind, number]> = [
  ["none", 0.4],
  ["fragment", 0.25],
  ["full", 0.1],
  ["rewrite", 0.15],
  ["multi", 0.1],
];

/** What the generator put into a candidate, to score what the tools find. */
export interface CandidateTruth {
  kind: ReuseKind;
  /** Indexes of the sources the candidate reuses. */
  sources: number[];
  /** The source article the page links to, if it does. */
  linkTo: string | null;
  nofollow: boolean;
}

export interface GeneratedCandidate {
  doc: TextDocument;
  /** The candidate's blocks, for wrapping into an HTML page. */
  blocks: string[];
  truth: CandidateTruth;
  outlet: Outlet;
}

/** Share of words edited in a fragment, and in a rewrite. */
const FRAGMENT_EDITS = 0.05;
const REWRITE_EDITS = 0.15;
/** Share of reusing pages that link to the source, and of those links marked nofollow. */
const LINK_SHARE = 0.6;
const NOFOLLOW_SHARE = 0.15;
/** Share of copies that carry the source's notice along, as careless copying does. */
const NOTICE_COPIED_SHARE = 0.3;

export interface CandidateContext {
  writer: Writer;
  seed: number;
  /** Sources 0..sourceCount-1 are indexed; a candidate reuses only those. */
  sourceCount: number;
  source(index: number): GeneratedSource;
}

/** Candidate number `index`; `namespace` keeps text and HTML candidates apart. */
export function generateCandidate(ctx: CandidateContext, index: number, namespace: string): GeneratedCandidate {
  const rng = createRng(seedOf(ctx.seed, namespace, index));
  const kind = pickKind(rng);
  const topic = ctx.writer.topic(rng);
  const outlet = rng.pick(REUSERS);
  const fresh = (n: number) => Array.from({ length: n }, () => ctx.writer.paragraph(rng, topic));
  // Distinct sources while there are any left to pick.
  const pickSource = () => {
    let index = rng.int(ctx.sourceCount);
    for (let retry = 0; retry < 8 && used.some((s) => s.index === index); retry++) index = rng.int(ctx.sourceCount);
    return ctx.source(index);
  };
  const used: GeneratedSource[] = [];
  let title = ctx.writer.title(rng, topic);
  let blocks: string[];

  switch (kind) {
    case "none":
      blocks = ctx.writer.article(rng, topic);
      break;
    case "fragment": {
      const source = pickSource();
      used.push(source);
      const count = Math.min(source.body.length, 1 + rng.int(2));
      const start = rng.int(source.body.length - count + 1);
      const taken = source.body.slice(start, start + count).map((p) => editWords(p, FRAGMENT_EDITS, rng, ctx.writer, topic));
      blocks = [...fresh(1 + rng.int(2)), ...taken, ...fresh(1 + rng.int(3))];
      break;
    }
    case "full": {
      const source = pickSource();
      used.push(source);
      title = source.doc.title;
      blocks = [...source.body];
      if (rng.chance(NOTICE_COPIED_SHARE)) blocks.push(PUBLISHER.notice);
      break;
    }
    case "rewrite": {
      const source = pickSource();
      used.push(source);
      blocks = rewrite(source.body, rng, ctx.writer, topic);
      break;
    }
    case "multi": {
      const count = 2 + rng.int(2);
      blocks = fresh(1);
      for (let i = 0; i < count; i++) {
        const source = pickSource();
        used.push(source);
        blocks.push(rng.pick(source.body), ...fresh(rng.int(2)));
      }
      break;
    }
  }

  const linked = used.length > 0 && rng.chance(LINK_SHARE) ? used[0]! : null;
  const published = new Date(Date.parse(sourcePublished(ctx.sourceCount)) + index * 60_000).toISOString();
  const slug = `${namespace}-${index}`;
  return {
    doc: { url: `https://${outlet.domain}/news/${published.slice(0, 10).replaceAll("-", "/")}/${slug}`, title, published, text: blocks.join("\n\n"), links: [] },
    blocks,
    truth: { kind, sources: used.map((s) => s.index), linkTo: linked?.doc.url ?? null, nofollow: linked !== null && rng.chance(NOFOLLOW_SHARE) },
    outlet,
  };
}

function pickKind(rng: Rng): ReuseKind {
  let r = rng.next();
  for (const [kind, weight] of REUSE_MIX) {
    if ((r -= weight) < 0) return kind;
  }
  return "none";
}

/**
 * Edits about `share` of the words: a third dropped, a third given another ending, a third replaced by
 * a word of the reuser's own text. These are the edits alignment must tolerate.
 */
export function editWords(paragraph: string, share: number, rng: Rng, writer: Writer, topic: Topic): string {
  const words = paragraph.split(" ");
  const out: string[] = [];
  for (const word of words) {
    if (!rng.chance(share) || !/^[\p{L}]{4,}$/u.test(word)) {
      out.push(word);
      continue;
    }
    const edit = rng.int(3);
    if (edit === 0) continue;
    if (edit === 1) out.push(word.slice(0, -1) + rng.pick(["а", "е", "и", "у", "ы", "ой", "ом"]));
    else out.push(writer.sentence(rng, topic, 1).replace(/[.!?…]$/u, "").split(" ")[0]!.toLowerCase());
  }
  return out.join(" ");
}

const SENTENCE_END = /(?<=[.!?…»"])\s+(?=[«"\p{Lu}\d])/u;

/** A rewrite: every sentence kept, each moved up to two places, words edited. */
function rewrite(body: readonly string[], rng: Rng, writer: Writer, topic: Topic): string[] {
  return body.map((paragraph) => {
    const sentences = paragraph.split(SENTENCE_END);
    const keyed = sentences.map((s, i) => ({ s, key: i + rng.next() * 2.5 }));
    keyed.sort((a, b) => a.key - b.key);
    return keyed.map(({ s }) => editWords(s, REWRITE_EDITS, rng, writer, topic)).join(" ");
  });
}
