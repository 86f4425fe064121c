import { InputError } from "./input-error.ts";

/** A field of a JSON document record, with the name it was found under, for messages. */
export interface DocumentField {
  key: string;
  value: string;
}

/** The fields a JSON Lines record gives a document, each under whichever of its names the record uses. */
export interface DocumentFields {
  url?: DocumentField;
  title?: DocumentField;
  text?: DocumentField;
  html?: DocumentField;
  published?: DocumentField;
}

/**
 * The names each field goes by in the archives people export, first name first: ours, then the exporters'
 * (news scrapers and datasets write `date`, RSS-minded tools `pubDate`, SQL dumps `published_at`/`pub_date`,
 * JavaScript `publishedAt`, schema.org `datePublished`; `link` and `headline` come from feeds and schema.org,
 * `body`/`content` from CMS exports). `created_at` and `updated_at` are left out on purpose: in a scraped
 * dataset they are often when the row was made, and a wrong date would decide `predates_source` silently.
 */
const FIELD_NAMES: Readonly<Record<keyof DocumentFields, readonly string[]>> = Object.freeze({
  url: ["url", "link"],
  title: ["title", "headline"],
  text: ["text", "body", "content"],
  html: ["html"],
  published: ["published", "date", "pubDate", "published_at", "publishedAt", "datePublished", "pub_date", "publication_date"],
});

/** The names `published` is accepted under, for messages that tell users how to give a date. */
export const PUBLISHED_FIELD_NAMES = FIELD_NAMES.published;

/**
 * A record's document fields. A field found under several names takes the first in `FIELD_NAMES` order.
 * An empty string counts as absent, as null does (exports from tables write "" for a missing date or URL);
 * a name holding something other than a string is an error naming it.
 */
export function documentFields(origin: string, record: Record<string, unknown>): DocumentFields {
  const fields: DocumentFields = {};
  for (const [field, names] of Object.entries(FIELD_NAMES) as Array<[keyof DocumentFields, readonly string[]]>) {
    for (const key of names) {
      const value = record[key];
      if (value === undefined || value === null || value === "") continue;
      if (typeof value !== "string") throw new InputError(origin, `"${key}" must be a string`);
      fields[field] = { key, value };
      break;
    }
  }
  return fields;
}
