import { z } from "zod";
import type { Case, CaseStatus } from "../../cases/case.ts";
import { CASE_STATUSES, OPEN_STATUSES } from "../../cases/case.ts";
import { LETTER_LANGUAGES } from "../../cases/notice-letter.ts";
import type { LetterLanguage } from "../../cases/notice-letter.ts";
import { documents } from "./documents.ts";
import { IsoTimestamp, Pagination } from "./request-fields.ts";
import { LinkFindingSchema, PassageSchema, ViolationSchema } from "./reuse.ts";

const StatusSchema = z.enum(CASE_STATUSES);

export const CaseSchema = documents<Case>()(
  z.looseObject({
    id: z.number().int(),
    candidate: z.looseObject({ url: z.string(), domain: z.string(), title: z.string() }),
    source: z.looseObject({ url: z.string(), title: z.string() }),
    status: StatusSchema,
    share: z.number(),
    reusedChars: z.number().int(),
    sourceChars: z.number().int(),
    maxShare: z.number(),
    maxChars: z.number().int().nullable(),
    violations: z.array(ViolationSchema),
    link: LinkFindingSchema,
    passages: z.array(PassageSchema),
    firstSeen: z.string(),
    lastSeen: z.string(),
    updatedAt: z.string(),
    resolution: z.string().nullable(),
    lastCheckId: z.number().int(),
  }).meta({ id: "Case" }),
);

/** Comma-separated statuses (`new,confirmed`) or `open` for every open status. */
const StatusFilter = z
  .string()
  .transform((value, ctx) => {
    const parts = value.split(",").map((s) => s.trim()).filter(Boolean);
    const out: CaseStatus[] = [];
    for (const part of parts) {
      if (part === "open") out.push(...OPEN_STATUSES);
      else if ((CASE_STATUSES as readonly string[]).includes(part)) out.push(part as CaseStatus);
      else {
        ctx.addIssue({ code: "custom", message: `unknown status "${part}"; use ${CASE_STATUSES.join(", ")} or open` });
        return z.NEVER;
      }
    }
    return out;
  });

export const CaseListQuery = Pagination.extend({
  status: StatusFilter.optional().describe("comma-separated statuses, or `open`"),
  violation: ViolationSchema.optional(),
  domain: z.string().trim().min(1).optional().describe("the candidate's domain, a host or URL on it (www. and other subdomains find their domain), or part of a domain's name"),
  from: IsoTimestamp.optional().describe("first seen on or after"),
  until: IsoTimestamp.optional().describe("first seen on or before (a bare day includes the whole day)"),
  q: z.string().trim().min(1).optional().describe("text in the candidate's or source's URL or title"),
});

export const CaseExportQuery = CaseListQuery.omit({ limit: true, offset: true }).extend({
  format: z.enum(["csv", "json"]).default("csv"),
});

export const StatusChangeRequest = z.object({
  status: StatusSchema,
  comment: z.string().max(2000).default(""),
});

export const LetterQuery = z.object({
  lang: z.enum(LETTER_LANGUAGES as [LetterLanguage, ...LetterLanguage[]]).default("ru"),
  format: z.enum(["json", "text"]).default("json"),
});
