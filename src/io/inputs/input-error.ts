/** An input (file, URL, line of a file) that cannot become a document; the message names it and says why. */
export class InputError extends Error {
  override name = "InputError";

  constructor(
    /** The file path, URL or `file:line` the problem is in. */
    readonly input: string,
    problem: string,
  ) {
    super(`${input}: ${problem}`);
  }
}

/** A failed part of an input, for the caller to report; an unexpected error keeps its message. */
export function asFailure(origin: string, error: unknown): { origin: string; error: InputError } {
  return { origin, error: error instanceof InputError ? error : new InputError(origin, (error as Error).message) };
}
