import { z } from "zod";
import { HttpUrl, PublishedDate } from "./request-fields.ts";

export const UploadQuery = z.object({
  filename: z.string().min(1).max(200).describe("the uploaded file's name; its extension tells the format (.html, .txt, .jsonl, .xml, .rss)"),
  url: HttpUrl.optional().describe("URL of a single page or text (required for .txt)"),
  published: PublishedDate.optional(),
  title: z.string().trim().min(1).max(500).optional().describe("title of a single page or text (a text's is its file name otherwise)"),
  reference: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
});

export const UploadResponse = z.looseObject({
  added: z.array(z.looseObject({ url: z.string(), title: z.string(), replaced: z.boolean() })),
  errors: z.array(z.looseObject({ input: z.string(), message: z.string() })),
  warnings: z.array(z.string()).describe("what loaded but deserves a look, e.g. most documents without a publication date"),
});
