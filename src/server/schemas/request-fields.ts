import { z } from "zod";
import { toIsoDate } from "../../core/extract/date.ts";

// Request fields several resources take, validated the same way everywhere.

export const HttpUrl = z
  .string()
  .trim()
  .min(1)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { error: "must be an absolute http(s) URL" });

/**
 * A date or timestamp as the client wrote it, stored in the UTC ISO form the CLI stores (`toIsoDate`, which also
 * reads `--published`), so that a date sent with a zone and one given to the CLI compare as equal strings.
 */
export const IsoTimestamp = z.string().transform((value, context) => {
  const iso = /^\d{4}-\d{2}-\d{2}/.test(value) ? toIsoDate(value) : null;
  if (iso === null) context.addIssue({ code: "custom", message: "must be an ISO date or timestamp like 2024-03-14T10:30:00+05:00, on a day that exists" });
  return iso ?? z.NEVER;
});

export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const IdParams = z.object({ id: z.coerce.number().int().min(1) });
