import { z } from "zod";
import type { CheckResult } from "../../core/types.ts";
import { CANDIDATE_VERDICTS, MATCH_VERDICTS } from "../../core/types.ts";
import { documents } from "./documents.ts";
import { PolicyRulesSchema } from "./policy.ts";
import { HttpUrl, PublishedDate } from "./request-fields.ts";
import { ExcludedPassageSchema, LinkFindingSchema, PassageSchema, ViolationSchema } from "./reuse.ts";

const ReuseCapSchema = z
  .looseObject({
    maxShare: z.number().describe("the highest share of the source's protected text a reuser may take, 0..1"),
    maxChars: z.number().int().nullable().describe("the highest number of characters a reuser may take; null for no absolute cap"),
  })
  .describe("the policy's cap for this source when the match was judged; null when no cap applied: own page, predates the source, reference source");

const MatchSchema = z.looseObject({
  source: z.looseObject({ url: z.string(), title: z.string(), published: z.string().nullable(), reference: z.boolean() }),
  share: z.number().describe("reusedChars ÷ sourceChars"),
  reusedChars: z.number().int().describe("characters of the source's protected text covered by passages, excluded text removed"),
  sourceChars: z.number().int().describe("length of the source's protected text"),
  excludedChars: z.number().int().describe("characters covered by passages but excluded: text also in a reference document, quotations"),
  link: LinkFindingSchema,
  licensed: z.boolean(),
  predatesSource: z.boolean(),
  verdict: z.enum(MATCH_VERDICTS),
  cap: ReuseCapSchema.nullable(),
  violations: z.array(ViolationSchema),
  passages: z.array(PassageSchema).describe("offsets into the source's protected text and into the candidate's text"),
  excluded: z.array(ExcludedPassageSchema).describe("reused text that does not count, with the reason"),
  paraphrases: z
    .array(PassageSchema.extend({ similarity: z.number().describe("content words with a counterpart on the other side ÷ content words of both, weighted by rarity in the source; 0..1") }))
    .optional()
    .describe("rewritten sentences (synonyms, derivation), only when the paraphrase stage is on; shown, never counted in the share"),
});

export const CheckResultSchema = documents<CheckResult>()(
  z.looseObject({
    candidate: z.looseObject({ url: z.string(), title: z.string(), chars: z.number().int(), published: z.string().nullable() }),
    verdict: z.enum(CANDIDATE_VERDICTS),
    matches: z.array(MatchSchema),
  }).meta({ id: "CheckResult", description: "The same object `copyquota check --json` prints for a candidate." }),
);

export const CheckRequest = z
  .object({
    url: HttpUrl.describe("the candidate page's URL"),
    html: z.string().optional().describe("the page's HTML; links and metadata are read from it"),
    text: z.string().optional().describe("the page's plain text, when there is no HTML"),
    title: z.string().optional(),
    published: PublishedDate.nullable().optional().describe("overrides the page's publication time"),
  })
  .describe("Give html or text; with neither, the server fetches the URL.");

export const SelfCheckRequest = z.object({
  url: HttpUrl.optional().describe("the page to fetch, or the URL the draft will have"),
  html: z.string().optional(),
  text: z.string().optional().describe("a draft pasted as plain text"),
});

export const SelfCheckResponse = z.looseObject({
  result: CheckResultSchema,
  candidateText: z.string().describe("the text checked: passage candidate offsets index it"),
  policy: PolicyRulesSchema.describe("the policy's rules in force, as GET /api/policy gives them; the licenses are at /api/licenses"),
  sources: z.array(z.looseObject({ url: z.string(), protectedText: z.string() })).describe("the matched sources' protected texts"),
});
