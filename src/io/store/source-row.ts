import type { StoredSource } from "./source-store.ts";
import { restoredTexts } from "./text-layout.ts";

/** The columns of a `sources` row that make a `StoredSource`, as both stores keep them. */
export interface SourceColumns {
  id: number;
  url: string;
  title: string;
  published: string | null;
  reference: boolean;
  domain: string;
  text: string;
  layout: Buffer | null;
  protected_text: string | null;
  boilerplate: string | null;
  added_at: string;
}

export function sourceFromColumns(row: SourceColumns): StoredSource {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    published: row.published,
    reference: row.reference,
    domain: row.domain,
    text: row.text,
    ...restoredTexts(row.text, { layout: row.layout, protectedText: row.protected_text, boilerplate: row.boilerplate }),
    addedAt: row.added_at,
  };
}
