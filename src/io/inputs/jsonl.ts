import { toIsoDate } from "../../core/extract/date.ts";
import type { IsoDate, TextDocument } from "../../core/types.ts";
import { documentFields } from "./document-fields.ts";
import type { DocumentField } from "./document-fields.ts";
import { InputError, quoted } from "./input-error.ts";
import { textLines } from "./numbered-lines.ts";
import type { NumberedLine } from "./numbered-lines.ts";
import { readInputPage } from "./read-input-page.ts";
import { plainTextDocument } from "./plain-text.ts";
import type { JsonlStream } from "./read-file.ts";
import type { RawInput } from "./read-input.ts";
import type { InputItem } from "./types.ts";

interface JsonlOptions {
  purpose: "source" | "candidate";
  published: IsoDate;
  baseUrl: string;
}

/**
 * Documents from JSON Lines: one `{"url", "title", "text" | "html", "published"}` object per line, each
 * field also under the other names exporters give it (`date`, `pubDate`, `link`…; see `document-fields.ts`).
 * A bad line becomes an `InputFailure` naming `file:line` and the other lines still load; a file where no
 * line is a JSON object is not JSON Lines of documents and fails as a whole.
 * `baseUrl` names a document that has no `url` (candidates only) as `<baseUrl>#line-<n>`.
 *
 * Lines are parsed as they are asked for, so the documents of an archive are not all held at once, and a
 * file streamed from disk (`JsonlStream`) is not held at all. Until a line proves the file holds JSON
 * objects, the failures of the lines before it wait.
 */
export async function* jsonlDocuments(input: Pick<RawInput, "origin" | "text"> | JsonlStream, options: JsonlOptions): AsyncGenerator<InputItem> {
  const waiting: InputItem[] = [];
  let objects = false;
  for await (const line of "lines" in input ? input.lines : textLines(input.text)) {
    const parsed = parseLine(line);
    if (!objects && "value" in parsed && isRecord(parsed.value)) {
      objects = true;
      yield* waiting.splice(0);
    }
    const result = await item(`${input.origin}:${line.number}`, parsed, { ...options, fallbackUrl: `${options.baseUrl}#line-${line.number}` });
    if (objects) yield result;
    else waiting.push(result);
  }
  if (!objects) throw new InputError(input.origin, "is not JSON Lines of documents: no line is a JSON object");
}

/** The document of a line, or why there is none. */
async function item(origin: string, parsed: ParsedLine, options: JsonlOptions & { fallbackUrl: string }): Promise<InputItem> {
  try {
    if ("problem" in parsed) throw new InputError(origin, parsed.problem);
    return { origin, doc: await lineDocument(origin, parsed.value, options) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { origin, error };
  }
}

type ParsedLine = { value: unknown } | { problem: string };

function parseLine(line: NumberedLine): ParsedLine {
  if ("problem" in line) return line;
  try {
    return { value: JSON.parse(line.text) as unknown };
  } catch (error) {
    return { problem: `is not valid JSON (${(error as Error).message})` };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function lineDocument(
  origin: string,
  value: unknown,
  options: { purpose: "source" | "candidate"; published: IsoDate; fallbackUrl: string },
): Promise<TextDocument> {
  if (!isRecord(value)) throw new InputError(origin, "is not a JSON object");
  const fields = documentFields(origin, value);
  const url = fields.url === undefined ? undefined : httpUrl(origin, fields.url);
  if (url === undefined && options.purpose === "source") throw new InputError(origin, `has no "url": a source must have its real URL`);
  const published = fields.published === undefined ? null : toIsoDate(fields.published.value);
  if (fields.published !== undefined && published === null) {
    throw new InputError(origin, `"${fields.published.key}" is not a date: ${quoted(fields.published.value)}`);
  }
  const when = options.published ?? published;
  const { title, html, text } = fields;
  if (html !== undefined && html.value.trim() !== "") {
    // A record without a URL goes by its line's address, as its text would, never by a canonical link it claims.
    const context = { subject: origin, fetched: null, declaredUrl: url ?? options.fallbackUrl, title: title?.value, published: when ?? undefined };
    return (await readInputPage(html.value, context)).doc;
  }
  if (text === undefined || text.value.trim() === "") throw new InputError(origin, `has neither "text" nor "html"`);
  return plainTextDocument(text.value, {
    url: url ?? options.fallbackUrl,
    title: title?.value,
    fallbackTitle: url ?? origin,
    published: when,
    purpose: options.purpose,
  });
}

/**
 * A line's `url` as the WHATWG URL parser writes it. The parser is the judge because everything downstream
 * (domains, link checks, the store) parses the URL again: a host with a space or a bidi control (U+202E)
 * passes a pattern but fails there, and would stop the whole load instead of this one line.
 */
function httpUrl(origin: string, field: DocumentField): string {
  let url: URL;
  try {
    url = new URL(field.value);
  } catch {
    throw new InputError(origin, `"${field.key}" is not a valid URL: ${quoted(field.value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InputError(origin, `"${field.key}" is not an http(s) URL: ${quoted(field.value)}`);
  return url.href;
}
