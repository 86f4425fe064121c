/**
 * Maps `items` through `fn` with up to `width` calls in flight, yielding the results in the items' order,
 * so fetching the pages a feed or sitemap lists overlaps while documents still come out in order.
 * `fn` must not reject: it turns its failures into results.
 */
export async function* mapAhead<T, R>(
  items: AsyncIterable<T> | Iterable<T>,
  width: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : toAsync(items)[Symbol.asyncIterator]();
  const pending: Array<Promise<R>> = [];
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && pending.length < width) {
        const next = await iterator.next();
        if (next.done) exhausted = true;
        else pending.push(fn(next.value));
      }
      const first = pending.shift();
      if (!first) return;
      yield await first;
    }
  } finally {
    if (!exhausted) await iterator.return?.();
  }
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
