/**
 * `first`, then what is left of `rest`: for a reader that looked at the start of a stream before deciding
 * how to read it. Returning early returns `rest` too, so the stream under it is closed.
 */
export async function* prepend<T>(first: readonly T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  try {
    yield* first;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    await rest.return?.();
  }
}
