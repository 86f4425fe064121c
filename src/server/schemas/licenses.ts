import { z } from "zod";
import type { StoredLicense } from "../../cases/license-store.ts";
import { LICENSE_LIFTS } from "../../core/policy/policy.ts";
import { documents } from "./documents.ts";

export const LicenseRequest = z
  .looseObject({
    domain: z.unknown().describe('the licensee\'s domain, e.g. "partner.kz"'),
    from: z.unknown().optional().describe("first day, YYYY-MM-DD"),
    until: z.unknown().optional().describe("last day, YYYY-MM-DD"),
    articles: z.unknown().optional().describe("URL prefixes of the articles covered; empty = all"),
    lifts: z.unknown().optional().describe('what it lifts: ["cap"], ["link"] or both'),
    note: z.string().max(2000).optional().describe("the partner's name, the contract"),
  })
  .describe("Validated like a license in a policy file; errors name the field.");

/** A license's terms, as the policy holds them. */
const LicenseTermsObject = z.looseObject({
  domain: z.string(),
  from: z.string().nullable(),
  until: z.string().nullable(),
  articles: z.array(z.string()),
  lifts: z.array(z.enum(LICENSE_LIFTS)),
});

const LicenseObject = LicenseTermsObject.extend({
  id: z.number().int(),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const LicenseSchema = documents<StoredLicense>()(LicenseObject.meta({ id: "License" }));

/** A license as granting or changing it answers: with the open cases it settles, which stay open until re-checked or resolved. */
export const GrantedLicenseSchema = documents<StoredLicense & { coveredOpenCases: number[] }>()(
  LicenseObject.extend({
    coveredOpenCases: z
      .array(z.number().int())
      .describe("ids of the open cases of the licensee's domain that the license covers (dates, articles) and whose every violation it lifts"),
  }).meta({ id: "GrantedLicense" }),
);
