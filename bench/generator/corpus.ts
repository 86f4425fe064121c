import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** A real (or, in the fallback, our own fictional) news article the language model learns from. */
export interface TrainingArticle {
  title: string;
  /** Paragraphs separated by "\n\n". */
  text: string;
}

export interface TrainingCorpus {
  /** Where the articles came from, for the report. */
  origin: string;
  /**
   * Whether they are the shared real samples or our fixtures, the fallback: the fixtures teach shorter, less varied
   * articles, so a run on them is not comparable with one on the samples.
   */
  kind: CorpusKind;
  articles: TrainingArticle[];
}

export type CorpusKind = "shared samples" | "own fixtures";

/**
 * How the log and the report name the training text. A run on our fixtures says it is not comparable: its
 * figures look plausible, and were twice nearly taken for a run's on the samples.
 */
export function describeCorpus(origin: string, kind: CorpusKind): string {
  return kind === "shared samples"
    ? `\`${origin}\` (real Russian news)`
    : `\`${origin}\` (our fictional articles, as ../shared is absent: not comparable with a run on its real samples)`;
}

/** The real Russian news samples, relative to the repository root. */
export const SHARED_SAMPLES = "../shared/eval/data/ru-news-samples/articles.jsonl";
/** Our own fictional articles, the fallback when ../shared is absent. */
export const FIXTURE_ARTICLES = "test/fixtures/articles";

/**
 * SOURCE.md: articles under 300 characters are stubs and ads, and below half Cyrillic they are not
 * Russian; both would teach the model noise.
 */
const MIN_CHARS = 300;
const MIN_CYRILLIC_RATIO = 0.5;
/**
 * Some dumps (RIA's JSON) are entirely lower-cased; learning from them would teach sentences that start
 * in lower case and names without capitals. Real text has well over 1% capitals among its letters.
 */
const MIN_CAPITAL_RATIO = 0.01;

/** Loads the training articles: the shared real samples if present, else our fixtures, else fails. */
export function loadTrainingCorpus(repoRoot: string): TrainingCorpus {
  const shared = path.resolve(repoRoot, SHARED_SAMPLES);
  if (existsSync(shared)) return { origin: shared, kind: "shared samples", articles: readSharedSamples(shared) };
  const fixtures = path.resolve(repoRoot, FIXTURE_ARTICLES);
  if (existsSync(fixtures)) {
    const articles = readFixtureArticles(fixtures);
    if (articles.length > 0) return { origin: fixtures, kind: "own fixtures", articles };
  }
  throw new Error(
    `bench generator: no training text. Neither ${shared} (the shared Russian news samples) nor ` +
      `${fixtures} (our own fictional articles, *.txt or *.jsonl) is present.`,
  );
}

interface SampleRecord {
  raw_file?: unknown;
  title?: unknown;
  text?: unknown;
  chars?: unknown;
  cyrillic_ratio?: unknown;
}

function readSharedSamples(file: string): TrainingArticle[] {
  const articles: TrainingArticle[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, n) => {
      if (!line.trim()) return;
      let record: SampleRecord;
      try {
        record = JSON.parse(line) as SampleRecord;
      } catch {
        throw new Error(`${file}:${n + 1}: not a JSON object`);
      }
      if (typeof record.text !== "string" || typeof record.title !== "string") {
        throw new Error(`${file}:${n + 1}: "title" and "text" must be strings`);
      }
      if (Number(record.chars) < MIN_CHARS || Number(record.cyrillic_ratio) < MIN_CYRILLIC_RATIO) return;
      const raw = typeof record.raw_file === "string" ? record.raw_file : "";
      const text = normalizeParagraphs(raw.startsWith("raw/ods/") ? repairOdsBreaks(record.text) : record.text);
      if (capitalRatio(text) < MIN_CAPITAL_RATIO) return;
      articles.push({ title: record.title.trim(), text });
    });
  return articles;
}

/**
 * The ODS dumps flattened every line break to a literal "n" (SOURCE.md: "РИА Новости.nВосемнадцать"), also
 * where an inline link was cut out ("председателяnправительства", "сообщает «Интерфакс»nсо ссылкой").
 * A Latin "n" with no Latin letter on either side never occurs in Russian text, so every such run is the
 * artefact: after a sentence's end and before a capital it was a paragraph break and becomes "\n\n", as
 * SOURCE.md suggests; elsewhere it becomes a space, and the spaces it leaves inside brackets, quotes or
 * before punctuation are closed. Between a Cyrillic and a Latin word ("журналеnThe", "Newinformnпрокомментировал")
 * it is the artefact too; after a Latin word and before punctuation it cannot be told from a word's last
 * letter and stays.
 */
export function repairOdsBreaks(text: string): string {
  return text
    .replace(/(?<=[.!?»"…])n+(?=\s*[А-ЯЁA-Z«"—–-])/gu, "\n\n")
    .replace(/(?<![A-Za-z])n+(?![A-Za-z])/gu, " ")
    .replace(/(?<=[а-яёА-ЯЁ])n(?=[A-Z])|(?<=[a-z])n(?=[а-яёА-ЯЁ])/gu, " ")
    .replace(/[ \u00a0]+(?=[,.;:!?)»])/gu, "")
    .replace(/(?<=[(«])[ \u00a0]+/gu, "");
}

/** One paragraph per non-empty line, separated by a blank line; spaces (incl. no-break) collapsed. */
function normalizeParagraphs(text: string): string {
  return text
    .split(/\n+/)
    .map((p) => p.replace(/[\s\u00a0]+/gu, " ").trim())
    .filter(Boolean)
    .join("\n\n");
}

function capitalRatio(text: string): number {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const capitals = text.match(/\p{Lu}/gu)?.length ?? 0;
  return letters === 0 ? 0 : capitals / letters;
}

/** `*.txt` (first line the title) and `*.jsonl` (`{"title","text"}` a line) files of a directory. */
function readFixtureArticles(dir: string): TrainingArticle[] {
  const articles: TrainingArticle[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (name.endsWith(".txt")) {
      const [title = "", ...rest] = readFileSync(file, "utf8").split("\n");
      articles.push({ title: title.trim(), text: normalizeParagraphs(rest.join("\n")) });
    } else if (name.endsWith(".jsonl")) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, n) => {
          if (!line.trim()) return;
          const record = JSON.parse(line) as SampleRecord;
          if (typeof record.text !== "string") throw new Error(`${file}:${n + 1}: "text" must be a string`);
          articles.push({ title: typeof record.title === "string" ? record.title.trim() : "", text: normalizeParagraphs(record.text) });
        });
    }
  }
  return articles.filter((a) => a.text.length > 0);
}
