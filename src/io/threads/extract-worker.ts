import { extractPage } from "../../core/extract/html.ts";
import { PageRefusedError } from "../../core/extract/page-refused.ts";
import type { ExtractionReply, ExtractionTask } from "./page-extractor.ts";
import { serveTasks } from "./serve-tasks.ts";

/**
 * A thread of the page extractor: HTML in, the extracted page out. A refusal comes back with its reason, and
 * any other failure of the parser or Readability on a hostile page (a stack overflow, say) as `extraction_failed`.
 */
serveTasks<ExtractionTask, ExtractionReply>(({ html, pageUrl }) => {
  try {
    return { ok: true, page: extractPage(html, pageUrl) };
  } catch (error) {
    if (error instanceof PageRefusedError) return { ok: false, reason: error.reason, message: error.message };
    return { ok: false, reason: "extraction_failed", message: `the page could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
});
