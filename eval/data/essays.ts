import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { dataPath } from "../paths.ts";

/** The rewrite labels of the ParaPlag guidelines, after repairing the corpus's noisy spellings. */
export type RewriteLabel = "CPY" | "DEL" | "ADD" | "LPR" | "SHF" | "SYN" | "HPR" | "CCT" | "SSP/SEP" | "ORIG" | "NONE";

export const REWRITE_LABELS: readonly RewriteLabel[] = ["CPY", "DEL", "ADD", "LPR", "SHF", "SYN", "HPR", "CCT", "SSP/SEP", "ORIG", "NONE"];

/**
 * Spellings found in the corpus and the label each means (SOURCE.md): `ССT` is CCT typed with a Cyrillic С;
 * `SST` (essay 1 only) and `SHR` are undefined in the guidelines and most likely SSP and SHF; SSP and SEP
 * both mean "split one source sentence" and are reported together.
 */
const LABEL_SPELLINGS: Readonly<Record<string, RewriteLabel>> = {
  CPY: "CPY",
  DEL: "DEL",
  ADD: "ADD",
  LPR: "LPR",
  SHF: "SHF",
  SHR: "SHF",
  SYN: "SYN",
  HPR: "HPR",
  CCT: "CCT",
  "ССT": "CCT",
  SSP: "SSP/SEP",
  SEP: "SSP/SEP",
  SST: "SSP/SEP",
  ORIG: "ORIG",
};

/** One fragment of an essay: a borrowed (rewritten) sentence with its source, or the writer's own. */
export interface EssayFragment {
  essay: string;
  no: number;
  /** File name in the essay's `sources/`, or null for the writer's own sentences. */
  sourceFile: string | null;
  labels: RewriteLabel[];
  essayText: string;
  sourceText: string;
  /** Essay 3: the machine translation of `sourceText` the writer started from. */
  sourceTextMt: string;
  translator: string;
  /** Where the fragment sits in `Essay.text`. */
  start: number;
  end: number;
}

export interface EssaySourcePage {
  file: string;
  bytes: Buffer;
}

export interface Essay {
  name: string;
  /** The fragments concatenated in order, as the ParaPlag generator builds a suspicious text. */
  text: string;
  fragments: EssayFragment[];
  sources: EssaySourcePage[];
  /** Essay 3: machine-translated from English sources. */
  crossLanguage: boolean;
}

interface FragmentRow {
  essay: string;
  fragment_no: number;
  source_file: string;
  mod_types: string[];
  translator: string;
  essay_text: string;
  source_text: string;
  source_text_mt: string;
}

/** Reads the three essays with their fragments (offsets into the rebuilt essay) and raw source pages. */
export function readEssays(): Essay[] {
  const file = dataPath("plagevalrus-essays-ru", "fragments.jsonl");
  const rows = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      const row = JSON.parse(l) as FragmentRow;
      if (typeof row.essay !== "string" || typeof row.essay_text !== "string" || !Array.isArray(row.mod_types)) {
        throw new Error(`${file}:${i + 1}: a fragment needs essay, essay_text and mod_types`);
      }
      return row;
    });
  const names = [...new Set(rows.map((r) => r.essay))];
  return names.map((name) => buildEssay(name, rows.filter((r) => r.essay === name)));
}

function buildEssay(name: string, rows: FragmentRow[]): Essay {
  rows.sort((a, b) => a.fragment_no - b.fragment_no);
  let text = "";
  const fragments: EssayFragment[] = [];
  for (const row of rows) {
    // Fragments mostly end with their own space; where one does not, a space keeps words apart.
    if (text !== "" && !/\s$/.test(text) && !/^\s/.test(row.essay_text)) text += " ";
    const lead = row.essay_text.length - row.essay_text.trimStart().length;
    const start = text.length + lead;
    text += row.essay_text;
    const sourceFile = row.source_file.trim() === "" ? null : row.source_file.trim();
    fragments.push({
      essay: name,
      no: row.fragment_no,
      sourceFile,
      labels: normalizeLabels(row.mod_types, sourceFile, `${name} fragment ${row.fragment_no}`),
      essayText: row.essay_text,
      sourceText: row.source_text,
      sourceTextMt: row.source_text_mt ?? "",
      translator: row.translator ?? "",
      start,
      end: start + row.essay_text.trim().length,
    });
  }
  const dir = dataPath("plagevalrus-essays-ru", name, "sources");
  const sources = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(".html"))
    .sort()
    .map((f) => ({ file: f, bytes: readFileSync(path.join(dir, f)) }));
  for (const f of fragments) {
    if (f.sourceFile !== null && !sources.some((s) => s.file === f.sourceFile)) {
      throw new Error(`${name} fragment ${f.no}: source file "${f.sourceFile}" is not in ${dir}`);
    }
  }
  return { name, text, fragments, sources, crossLanguage: name.includes("crosslingual") };
}

/** Maps corpus spellings to labels; a borrowed fragment with no label at all is `NONE` (two in essay 3). */
function normalizeLabels(raw: readonly string[], sourceFile: string | null, where: string): RewriteLabel[] {
  const labels = new Set<RewriteLabel>();
  for (const r of raw) {
    const label = LABEL_SPELLINGS[r.trim()];
    if (!label) throw new Error(`${where}: unknown rewrite label "${r}"`);
    labels.add(label);
  }
  if (labels.size === 0) labels.add(sourceFile === null ? "ORIG" : "NONE");
  return [...labels];
}
