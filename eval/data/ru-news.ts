import { readFileSync } from "node:fs";
import { dataPath } from "../paths.ts";

/** One real news article of `ru-news-samples/articles.jsonl`, cleaned for use as a source or candidate. */
export interface NewsArticle {
  id: string;
  outlet: string;
  /** The article's URL; a stable made-up one (`https://<outlet>.example/news/<id>`) when the corpus has none. */
  url: string;
  /** ISO-8601 publication time, or null when the corpus gives none. */
  published: string | null;
  title: string;
  /** Paragraphs separated by "\n\n" (the ODS `n` artefact repaired). */
  text: string;
  /** Where the article came from in the corpus (`raw_file`), to tell ODS articles apart. */
  rawFile: string;
}

interface ArticleRow {
  id: string;
  raw_file: string;
  outlet: string;
  url: string | null;
  date: string | null;
  title: string | null;
  text: string;
  chars: number;
}

/**
 * Articles shorter than this are stubs and ads, not news (SOURCE.md: a 10-character charter97 stub,
 * a 127-character olx.ba ad); `chars ≥ 300` leaves the 97 Russian articles meant for benchmarks.
 */
export const MIN_ARTICLE_CHARS = 300;

/** Reads the news samples with at least `minChars` characters (by the corpus's own `chars` field). */
export function readNewsArticles(minChars = MIN_ARTICLE_CHARS): NewsArticle[] {
  const file = dataPath("ru-news-samples", "articles.jsonl");
  const rows = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => parseRow(line, `${file}:${i + 1}`));
  return rows
    .filter((r) => r.chars >= minChars)
    .map((r) => ({
      id: r.id,
      outlet: r.outlet,
      url: r.url && /^https?:\/\//.test(r.url) ? r.url : `https://${slug(r.outlet)}.example/news/${r.id}`,
      published: parseNewsDate(r.date),
      title: r.title ?? "",
      text: r.raw_file.startsWith("raw/ods/") ? repairOdsBreaks(r.text) : r.text,
      rawFile: r.raw_file,
    }));
}

function parseRow(line: string, where: string): ArticleRow {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const r = row as Partial<ArticleRow>;
  if (typeof r.id !== "string" || typeof r.text !== "string" || typeof r.chars !== "number" || typeof r.raw_file !== "string" || typeof r.outlet !== "string") {
    throw new Error(`${where}: an article needs string id, outlet, raw_file, text and numeric chars`);
  }
  return r as ArticleRow;
}

function slug(outlet: string): string {
  return outlet.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "outlet";
}

/**
 * The ODS scrape flattened every line break to a literal `n` ("РИА Новости.nВосемнадцать", paragraph
 * breaks as "nn"). A Latin `n` with no Latin letter on either side never occurs in Russian prose, so every
 * such run is a break: "nn" a paragraph break; a single `n` after a sentence's end (or a colon) a line
 * break, as in interviews; a single `n` inside a sentence ("сообщаетnРИА Новости", "наnсайте", where a
 * link stood on its own line) a space. This is broader than the SOURCE.md regex, which misses breaks
 * before quotes, dashes and lower case.
 */
export function repairOdsBreaks(text: string): string {
  return text.replace(/(?<![A-Za-z])(n{1,2})(?![A-Za-z])/g, (run: string, _g: string, at: number) => {
    if (run.length === 2) return "\n\n";
    return /[.!?…»"':)]$/.test(text.slice(Math.max(0, at - 1), at)) ? "\n" : " ";
  });
}

/** Month prefixes in calendar order; "мар" precedes "ма" so that March is tried before May (мая, май). */
const RU_MONTHS = ["янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"];

/**
 * The corpus mixes date formats: "2019-08-05 12:00:00", "01.01.2007 12:04", "1 января 2010 02:43",
 * "15 Сен. 2016 16:25", or nothing. Times are taken as UTC: only the order of dates matters here.
 */
export function parseNewsDate(raw: string | null): string | null {
  if (!raw || !raw.trim()) return null;
  const s = raw.trim();
  let m = s.match(/^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = s.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2}))?/);
  if (m) return iso(+m[3]!, +m[2]!, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), 0);
  m = s.match(/^(\d{1,2})\s+([А-Яа-яЁё]+)\.?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2}))?/);
  if (m) {
    const month = RU_MONTHS.findIndex((p) => m![2]!.toLowerCase().startsWith(p));
    if (month >= 0) return iso(+m[3]!, month + 1, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), 0);
  }
  throw new Error(`ru-news-samples: unrecognised date "${raw}"`);
}

function iso(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s)).toISOString();
}
