import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "../app.ts";
import { ErrorResponse } from "../schemas/error.ts";
import { PolicyRulesSchema } from "../schemas/policy.ts";
import { PolicyError, parsePolicy } from "../../core/policy/schema.ts";
import { rulesOf } from "../../cases/policy-store.ts";
import { policyWording } from "../../cases/notice-letter.ts";

export const policyRoutes: FastifyPluginAsync<RouteDeps> = async (app, { stores }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["policy"];
  const Response = z.object({ rules: PolicyRulesSchema, wording: z.object({ ru: z.string(), en: z.string() }) });

  async function current() {
    const policy = await stores.service.policy();
    return { rules: rulesOf(policy), wording: { ru: policyWording(policy, "ru"), en: policyWording(policy, "en") } };
  }

  api.get("/api/policy", { schema: { summary: "The policy's rules in force, and how a notice words them", tags, response: { 200: Response } } }, current);

  api.put(
    "/api/policy",
    {
      schema: {
        summary: "Replace the policy's rules",
        description:
          'The policy file\'s JSON form (maxShare as 0.3 or "30%", maxChars, link, excludeQuotations, publisherDomains, fixDeadlineDays); ' +
          "omitted keys take their defaults. Errors name each bad field. Licenses are managed at /api/licenses.",
        tags,
        body: z.looseObject({}).describe("a policy document"),
        response: { 200: Response, 400: ErrorResponse },
      },
    },
    async (request) => {
      if ("licenses" in request.body) {
        throw new PolicyError("policy", [{ path: "licenses", message: "licenses are managed one by one at /api/licenses, not in the policy" }]);
      }
      await stores.policies.put(rulesOf(parsePolicy(request.body, "policy")));
      return current();
    },
  );
};
