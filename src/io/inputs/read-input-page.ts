import { PageRefusedError } from "../../core/extract/page-refused.ts";
import type { PageContext, ReadPage } from "../page-reader/read-page.ts";
import { readHtml } from "../page-reader/read-page.ts";
import { UnreadablePageError } from "../page-reader/unreadable-page.ts";
import { InputError } from "./input-error.ts";

/**
 * A command-line input's page (a file, a fetched page, a JSON Lines record's or a feed item's HTML) read by
 * the page reader, extracted in an extraction thread; `context.subject` is the input as named.
 * @throws InputError naming the input: no text, no URL, or a page refused (past a cap, over the budget).
 */
export async function readInputPage(html: string, context: PageContext): Promise<ReadPage> {
  try {
    return await readHtml(html, context);
  } catch (error) {
    if (error instanceof UnreadablePageError) throw new InputError(error.subject, error.problem);
    throw error instanceof PageRefusedError ? new InputError(context.subject, `is refused: ${error.message}`) : error;
  }
}
