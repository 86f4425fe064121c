import type { IsoDate, TextDocument } from "../../core/types.ts";

/** A headline is one short line: longer first lines are a lead paragraph. */
const MAX_TITLE_LENGTH = 200;

/**
 * The first line of a text when it reads as a headline: the first block (up to the first blank line) is a
 * single line, under 200 characters, not ending with a period, and text follows it. `rest` is that text.
 */
export function titleLine(text: string): { title: string; rest: string } | null {
  const match = /^\s*([^\r\n]*)(?:\r?\n[ \t]*(?=\r?\n)|$)/.exec(text);
  const title = match?.[1]?.trim() ?? "";
  if (title === "" || title.length >= MAX_TITLE_LENGTH || title.endsWith(".")) return null;
  const rest = text.slice(match![0].length).replace(/^\s+/, "");
  return rest === "" ? null : { title, rest };
}

/**
 * A document from plain text. A candidate keeps its text exactly (match offsets index it); a source loses
 * its headline line and has its line ends made `\n`, because its text is stored split into `\n\n` blocks.
 * `title` (from a JSONL line or a feed) wins over a headline line, but a source's headline line is still
 * removed only when it was used as the title.
 */
export function plainTextDocument(
  text: string,
  meta: { url: string; title?: string; fallbackTitle: string; published: IsoDate; purpose: "source" | "candidate" },
): TextDocument {
  const headline = titleLine(text);
  const title = meta.title ?? headline?.title ?? meta.fallbackTitle;
  if (meta.purpose === "candidate") return { url: meta.url, title, published: meta.published, text, links: [] };
  const body = meta.title === undefined && headline ? headline.rest : text;
  return { url: meta.url, title, published: meta.published, text: body.replace(/\r\n?/g, "\n").trim(), links: [] };
}

/** Text whose paragraphs are lines (a feed's plain full text) as `\n\n`-separated blocks. */
export function linesToBlocks(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n\n");
}
