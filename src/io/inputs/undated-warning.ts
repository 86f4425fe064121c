import { PUBLISHED_FIELD_NAMES } from "./document-fields.ts";

/**
 * A warning when most sources just loaded have no publication date: without one a source can never be
 * found to be newer than a page that reprints it (`predates_source`), and an archive whose date field the
 * loader did not know would otherwise lose its dates without a word. `option` is how the caller's user
 * gives a date (`--published`, the upload's `published`).
 */
export function undatedSourcesWarning(undated: number, loaded: number, option: string): string | null {
  if (undated * 2 <= loaded) return null;
  const fields = PUBLISHED_FIELD_NAMES.slice(0, 3).map((name) => `"${name}"`).join(", ");
  return (
    `${undated} of ${loaded} documents have no publication date; dates decide predates_source — ` +
    `give them with ${option}, or in JSON Lines with a ${fields} (or similar) field`
  );
}
