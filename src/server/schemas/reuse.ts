import { z } from "zod";
import { EXCLUSION_REASONS, LINK_TARGETS, VIOLATIONS } from "../../core/types.ts";

// The parts of a measured reuse that check results and cases share, as the core's types define them.

export const ViolationSchema = z.enum(VIOLATIONS);

const SpanSchema = z.object({ start: z.number().int(), end: z.number().int() });

export const PassageSchema = z.looseObject({ source: SpanSchema, candidate: SpanSchema });

export const ExcludedPassageSchema = PassageSchema.extend({
  reason: z.enum(EXCLUSION_REASONS),
  referenceUrl: z.string().optional().describe("for `reference`: the reference document the candidate may have taken the text from"),
});

export const LinkFindingSchema = z.looseObject({
  present: z.boolean(),
  href: z.string().nullable(),
  target: z.enum(LINK_TARGETS).nullable(),
  nofollow: z.boolean(),
  noindex: z.boolean(),
  hidden: z.boolean(),
});
