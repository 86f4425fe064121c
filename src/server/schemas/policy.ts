import { z } from "zod";
import type { PolicyRules } from "../../cases/policy-store.ts";
import { LINK_TARGETS } from "../../core/types.ts";
import { documents } from "./documents.ts";

const PolicyRulesObject = z.looseObject({
  maxShare: z.number(),
  maxChars: z.number().int().nullable(),
  minPassageChars: z.number().int().describe("source characters a passage must span to count; 0 counts every passage"),
  link: z.looseObject({ required: z.boolean(), target: z.enum(LINK_TARGETS), indexable: z.boolean() }),
  excludeQuotations: z.boolean(),
  publisherDomains: z.array(z.string()),
  fixDeadlineDays: z.number().int(),
});

export const PolicyRulesSchema = documents<PolicyRules>()(
  PolicyRulesObject.meta({ id: "PolicyRules", description: "The policy file's rules; licenses are managed at /api/licenses." }),
);
