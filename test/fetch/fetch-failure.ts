import { FetchError } from "../../src/io/fetch/errors.ts";

/** Awaits a fetch expected to fail and returns its `FetchError`; fails the test if it succeeds or throws anything else. */
export async function fetchFailure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw new Error(`expected a FetchError, got ${String(error)}`, { cause: error });
  }
  throw new Error("expected the fetch to fail, but it succeeded");
}
