/** Why a page yields no document, other than a refusal past a cap (`PageRefusedError`). */
export type UnreadableReason =
  /** No article text in it: an empty body, or a page of navigation only. */
  | "no_text"
  /** Not a page at all: binary data, a feed or other XML, JSON. */
  | "not_a_page"
  /** It does not say where it was published, and nothing else does (a saved source page without `--url`). */
  | "no_url";

/** A page the reader cannot make a document of; the message names the page (`subject`) and says why. */
export class UnreadablePageError extends Error {
  override readonly name = "UnreadablePageError";

  constructor(
    readonly reason: UnreadableReason,
    /** The page as the caller named it: a file path, `file:line`, a URL, `the HTML submitted for …`. */
    readonly subject: string,
    /** What is wrong, as a predicate of the page ("has no readable text …"). */
    readonly problem: string,
  ) {
    super(`${subject}: ${problem}`);
  }
}
