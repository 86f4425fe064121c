import { z } from "zod";
import { HttpUrl, PublishedDate } from "./request-fields.ts";

// A source has no domain type of its own in the API: these schemas are where its summary and detail are defined
// (the web UI takes their types from them).

export const SourceSummary = z
  .looseObject({
    id: z.number().int(),
    url: z.string(),
    title: z.string(),
    published: z.string().nullable(),
    reference: z.boolean(),
    domain: z.string(),
    chars: z.number().int().describe("length of the protected text"),
    addedAt: z.string(),
  })
  .meta({ id: "SourceSummary" });

export const SourceDetail = SourceSummary.extend({
  text: z.string(),
  protectedText: z.string(),
  boilerplate: z.array(z.string()),
  segments: z.array(z.object({ text: z.string(), boilerplate: z.boolean() })).describe("`text` cut into protected and boilerplate runs, in order"),
}).meta({ id: "SourceDetail" });

export const SourceRequest = z.object({
  url: HttpUrl,
  title: z.string().optional(),
  html: z.string().optional(),
  text: z.string().optional(),
  published: PublishedDate.nullable().optional(),
  reference: z.boolean().default(false).describe("not the publisher's own text (press release, agency wire)"),
});
