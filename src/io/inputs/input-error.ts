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

/**
 * A value from an input, quoted for a message: as a JSON string, with bidirectional controls (U+202E and
 * kin) escaped too, so a hostile value cannot reorder the message around it on the user's terminal.
 */
export function quoted(value: string): string {
  return JSON.stringify(value).replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
