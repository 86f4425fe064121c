import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";
import { dataPath } from "../paths.ts";

/** A sentence pair judged paraphrase or not. */
export interface SentencePair {
  id: string;
  a: string;
  b: string;
  paraphrase: boolean;
  /** The half the score's parameters are tuned on; the other half is held out. */
  split: "tune" | "test";
}

/** A ParaPhraser pair keeps its three-way class: 1 strict, 0 loose, -1 not a paraphrase. */
export interface ParaphraserPair extends SentencePair {
  cls: 1 | 0 | -1;
  /** The corpus authors' precomputed similarity, reported beside ours. */
  jaccard: number;
}

/**
 * ParaPhraser's training file. Precise and loose paraphrases (classes 1 and 0) count as paraphrases.
 * It has no official split: pairs with an odd `id` are the tuning half, even ones the held-out half.
 */
export function readParaphraser(): ParaphraserPair[] {
  const file = dataPath("paraphraser-ru", "paraphrases.xml");
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, isArray: (name) => name === "paraphrase" || name === "value" });
  const doc = parser.parse(readFileSync(file, "utf8")) as { data?: { corpus?: { paraphrase?: Array<{ value: Array<{ "@name": string; "#text"?: string }> }> }[] } };
  const corpus = doc.data?.corpus;
  const items = (Array.isArray(corpus) ? corpus[0] : corpus)?.paraphrase;
  if (!items) throw new Error(`${file}: no <corpus><paraphrase> elements`);
  return items.map((item, i) => {
    const v = Object.fromEntries(item.value.map((x) => [x["@name"], String(x["#text"] ?? "")]));
    const cls = Number(v.class);
    if (!v.id || !v.text_1 || !v.text_2 || (cls !== 1 && cls !== 0 && cls !== -1)) {
      throw new Error(`${file}: paraphrase #${i + 1} lacks id, text_1, text_2 or a class in {1, 0, -1}`);
    }
    return {
      id: v.id,
      a: v.text_1,
      b: v.text_2,
      cls: cls as 1 | 0 | -1,
      paraphrase: cls >= 0,
      jaccard: Number(v.jaccard),
      split: Number(v.id) % 2 === 1 ? "tune" : "test",
    };
  });
}

/** MSRP: its own train file is the tuning half, its test file the held-out half. */
export function readMsrp(): SentencePair[] {
  return [...readMsrpFile("msr_paraphrase_train.txt", "tune"), ...readMsrpFile("msr_paraphrase_test.txt", "test")];
}

function readMsrpFile(name: string, split: SentencePair["split"]): SentencePair[] {
  const file = dataPath("msrp-en", name);
  const lines = readFileSync(file, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "");
  if (!lines[0]?.startsWith("Quality\t")) throw new Error(`${file}: expected a "Quality\\t#1 ID\\t…" header`);
  return lines.slice(1).map((line, i) => {
    const cols = line.split("\t");
    if (cols.length !== 5 || (cols[0] !== "0" && cols[0] !== "1")) throw new Error(`${file}:${i + 2}: expected 5 tab-separated columns, quality 0 or 1`);
    return { id: `${cols[1]}-${cols[2]}`, a: cols[3]!, b: cols[4]!, paraphrase: cols[0] === "1", split };
  });
}
