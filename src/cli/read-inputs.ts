import type { Fetcher } from "../io/fetch/fetcher.ts";
import type { InputItem } from "../io/inputs/types.ts";
import type { HttpFetcher } from "../io/fetch/http-fetcher.ts";
import { loadInputs } from "../io/inputs/load-inputs.ts";
import { asFailure } from "../io/inputs/input-error.ts";

export interface ReadOptions {
  url?: string;
  published?: string;
  title?: string;
  purpose: "source" | "candidate";
  allowPrivate: boolean;
}

/**
 * Documents of several command-line inputs, in order. An input that fails as a whole becomes one failure
 * item naming it, so a batch reports a bad file and goes on; the fetcher is only loaded and created if some
 * input needs the network (its HTTP client is a large part of a start-up that reads only files), and is
 * closed at the end.
 */
export async function* readInputs(inputs: readonly string[], options: ReadOptions): AsyncGenerator<InputItem> {
  let fetcher: Promise<HttpFetcher> | undefined;
  const fetch: Fetcher = async (url) => {
    fetcher ??= import("../io/fetch/http-fetcher.ts").then(({ createFetcher }) => createFetcher({ allowPrivate: options.allowPrivate }));
    return (await fetcher)(url);
  };
  try {
    for (const input of inputs) {
      try {
        yield* loadInputs(input, { url: options.url, published: options.published, title: options.title, purpose: options.purpose, fetch, streamJsonl: true });
      } catch (error) {
        yield asFailure(input, error);
      }
    }
  } finally {
    // A fetcher that failed to load has nothing to close; its error was the failed input's.
    await fetcher?.then((open) => open.close(), () => undefined);
  }
}
