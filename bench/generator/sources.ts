import type { TextDocument } from "../../src/core/types.ts";
import { PHOTO_CREDIT, PUBLISHER, READ_ALSO, REFERENCE_OUTLET } from "./outlets.ts";
import type { Rng } from "./prng.ts";
import { createRng, seedOf } from "./prng.ts";
import type { Writer } from "./writer.ts";

/** A generated source article and what the benchmark needs to know about it. */
export interface GeneratedSource {
  index: number;
  doc: TextDocument;
  /** A press release (indexed with `reference: true`), not the publisher's own text. */
  reference: boolean;
  /** The article's own paragraphs: lead and body, without inserted boilerplate lines or the notice. */
  body: string[];
}

/** One in a hundred sources is a press release: publishers index the statements they quote. */
export const REFERENCE_EVERY = 100;
/** Share of articles with a "read also" line inside the body, and with a photo credit under the lead. */
const READ_ALSO_SHARE = 0.3;
const PHOTO_CREDIT_SHARE = 0.2;
/** A large outlet publishes an article every few minutes; sources are dated in index order. */
const FIRST_PUBLISHED = Date.parse("2016-01-04T06:00:00Z");
const MINUTES_BETWEEN_SOURCES = 3;

export function sourcePublished(index: number): string {
  return new Date(FIRST_PUBLISHED + index * MINUTES_BETWEEN_SOURCES * 60_000).toISOString();
}

/** The source article number `index` of a generated archive: the same index always gives the same article. */
export function generateSource(writer: Writer, seed: number, index: number): GeneratedSource {
  const rng = createRng(seedOf(seed, "source", index));
  const topic = writer.topic(rng);
  const title = writer.title(rng, topic);
  const body = writer.article(rng, topic);
  const published = sourcePublished(index);
  const reference = index % REFERENCE_EVERY === REFERENCE_EVERY - 1;
  const outlet = reference ? REFERENCE_OUTLET : PUBLISHER;
  const blocks = [...body];
  if (!reference) {
    if (rng.chance(READ_ALSO_SHARE) && blocks.length > 1) {
      blocks.splice(1 + rng.int(blocks.length - 1), 0, `${READ_ALSO} ${writer.title(rng, writer.topic(rng))}`);
    }
    if (rng.chance(PHOTO_CREDIT_SHARE)) blocks.splice(1, 0, `${PHOTO_CREDIT} ${rng.pick(["акимата", "министерства", "компании", "ведомства"])}`);
  }
  blocks.push(outlet.notice);
  const url = `https://${outlet.domain}/${reference ? "press" : "news"}/${published.slice(0, 10).replaceAll("-", "/")}/${slug(title, rng)}-${index}`;
  return { index, doc: { url, title, published, text: blocks.join("\n\n"), links: [] }, reference, body };
}

const LATIN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m",
  н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "sch",
  ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

/** A URL slug from a title's first words, transliterated, as news sites build them. */
function slug(title: string, rng: Rng): string {
  const words = title
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 4)
    .map((w) => [...w].map((c) => LATIN[c] ?? (/[a-z0-9]/.test(c) ? c : "")).join(""))
    .filter(Boolean);
  return words.length > 0 ? words.join("-") : `article-${rng.int(1e6)}`;
}
