import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { RouteDeps } from "../app.ts";
import { CheckRequest, CheckResultSchema, SelfCheckRequest, SelfCheckResponse } from "../schemas/check.ts";
import { ErrorResponse } from "../schemas/error.ts";
import { ApiError } from "../errors.ts";
import { rulesOf } from "../../cases/policy-store.ts";

export const checkRoutes: FastifyPluginAsync<RouteDeps> = async (app, { stores }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["check"];

  api.post(
    "/api/check",
    {
      schema: {
        summary: "Check a candidate page and record it; violations open or update cases",
        description:
          "Answers with the same object as `copyquota check --json`. The submitted bytes (or, with only a URL, the fetched page) are " +
          "stored as evidence. Headers: `X-Check-Id` (the recorded check), `X-Cases-Opened`, `X-Cases-Updated`, `X-Cases-Resolved` (comma-separated case ids).",
        tags,
        body: CheckRequest,
        response: { 200: CheckResultSchema, 400: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { url, html, text, title, published } = request.body;
      const outcome =
        html === undefined && text === undefined
          ? await stores.service.checkUrl(url, request.actor)
          : await stores.service.checkSubmission({ url, html, text, title, published }, request.actor);
      if ("gone" in outcome) {
        throw new ApiError(422, "page_gone", `${url} answered HTTP ${outcome.status}; its open cases were resolved`);
      }
      const { recorded } = outcome;
      reply.header("x-check-id", String(recorded.checkId));
      reply.header("x-cases-opened", recorded.opened.join(","));
      reply.header("x-cases-updated", recorded.updated.join(","));
      reply.header("x-cases-resolved", recorded.resolved.join(","));
      return outcome.result;
    },
  );

  api.post(
    "/api/self-check",
    {
      schema: {
        summary: "Check a draft or a page before publishing, without recording anything",
        description: "For re-publishers: which of the publisher's articles the text uses, what share of each, and whether its link counts.",
        tags,
        body: SelfCheckRequest,
        response: { 200: SelfCheckResponse, 400: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      const { result, candidateText, policy } = await stores.service.selfCheck(request.body);
      const sources = await Promise.all(
        result.matches.map(async (m) => ({ url: m.source.url, protectedText: (await stores.sources.getSource(m.source.url))?.protectedText ?? "" })),
      );
      // The rules only, as GET /api/policy gives them: the licenses were applied (each match says `licensed`), and
      // who may list the registry, partners' domains and terms, is GET /api/licenses's rule to decide, not this route's.
      return { result, candidateText, policy: rulesOf(policy), sources };
    },
  );
};
