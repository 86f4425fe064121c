import { z } from "zod";
import { typedIsoDate } from "../../core/extract/date.ts";

// Request fields several resources take, validated the same way everywhere.

export const HttpUrl = z
  .string()
  .trim()
  .min(1)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { error: "must be an absolute http(s) URL" });

export const IsoTimestamp = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), { error: "must be an ISO date or timestamp like 2024-03-14T10:30:00+05:00" });

/**
 * A publication date, passed on in the UTC ISO form the CLI stores for `--published` (`typedIsoDate` reads both),
 * so that a date sent with a zone and the same one given to the CLI are equal strings. A filter's bound stays an
 * `IsoTimestamp` as written: there a bare day means the whole day, not its first instant.
 */
export const PublishedDate = z.string().transform((value, context) => {
  const iso = typedIsoDate(value);
  if (iso === null) context.addIssue({ code: "custom", message: "must be an ISO date or timestamp like 2024-03-14T10:30:00+05:00, on a day that exists" });
  return iso ?? z.NEVER;
});

export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const IdParams = z.object({ id: z.coerce.number().int().min(1) });
