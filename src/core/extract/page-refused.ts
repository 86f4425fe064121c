/** Why a page was refused rather than read. */
export type PageRefusal =
  /** Its elements nest deeper than `MAX_PAGE_DEPTH`. */
  | "too_deep"
  /** It makes more than `MAX_PAGE_ELEMENTS` elements. */
  | "too_many_elements"
  /** Reading it took longer than `PAGE_TIME_BUDGET_MS`; its thread was stopped. */
  | "over_time_budget"
  /** Its reading thread died (out of memory, say) before it answered. */
  | "extraction_failed";

/** A page that is not read, because reading it would cost more than any real page does; the message says which limit and by how much. */
export class PageRefusedError extends Error {
  override readonly name = "PageRefusedError";

  constructor(
    readonly reason: PageRefusal,
    message: string,
  ) {
    super(message);
  }

  /** The same refusal, its message opening with what the page is (`the HTML submitted for …`). */
  about(page: string): PageRefusedError {
    return new PageRefusedError(this.reason, `${page}: ${this.message}`);
  }
}
