import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { StoredSource } from "../../io/store/source-store.ts";
import type { RouteDeps } from "../app.ts";
import { ErrorResponse } from "../schemas/error.ts";
import { IdParams, Pagination } from "../schemas/request-fields.ts";
import { SourceDetail, SourceRequest, SourceSummary } from "../schemas/sources.ts";
import { documentFromSubmission } from "../../cases/case-service.ts";
import { sourceSegments } from "../source-segments.ts";
import { notFound } from "../errors.ts";
import { uploadRoutes } from "./upload.ts";

export function summarize(source: StoredSource) {
  return {
    id: source.id,
    url: source.url,
    title: source.title,
    published: source.published,
    reference: source.reference,
    domain: source.domain,
    chars: source.protectedText.length,
    addedAt: source.addedAt,
  };
}

export const sourceRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  const { stores } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["sources"];

  api.get(
    "/api/sources",
    {
      schema: {
        summary: "List the publisher's sources, or search them by URL or title",
        tags,
        querystring: Pagination.extend({ q: z.string().trim().min(1).optional().describe("text in the URL or title") }),
        response: { 200: z.object({ total: z.number().int().describe("the sources matching q (all sources stored without q)"), hasMore: z.boolean(), items: z.array(SourceSummary) }) },
      },
    },
    async (request) => {
      const { limit, offset, q } = request.query;
      const rows = await stores.sources.listSources({ limit: limit + 1, offset, query: q });
      return { total: await stores.sources.countSources(q), hasMore: rows.length > limit, items: rows.slice(0, limit).map(summarize) };
    },
  );

  api.get(
    "/api/sources/:id",
    {
      schema: {
        summary: "A source with its text, protected text and the boilerplate removed from it",
        tags,
        params: IdParams,
        response: { 200: SourceDetail, 404: ErrorResponse },
      },
    },
    async (request) => {
      const source = await stores.sources.getSource(request.params.id);
      if (source === null) throw notFound(`source ${request.params.id}`);
      return {
        ...summarize(source),
        text: source.text,
        protectedText: source.protectedText,
        boilerplate: source.boilerplate,
        segments: sourceSegments(source.text, source.boilerplate),
      };
    },
  );

  api.post(
    "/api/sources",
    {
      schema: {
        summary: "Add (or replace) one source from its HTML or text",
        tags,
        body: SourceRequest,
        response: { 201: z.object({ source: SourceSummary, replaced: z.boolean() }), 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { url, title, html, text, published, reference } = request.body;
      const doc = await documentFromSubmission({ url, title, html, text, published });
      const { source, replaced } = await stores.engine.addSource(doc, { reference });
      return reply.code(201).send({ source: summarize(source), replaced });
    },
  );

  api.delete(
    "/api/sources/:id",
    { schema: { summary: "Remove a source from the index", tags, params: IdParams, response: { 200: z.object({ removed: z.string() }), 404: ErrorResponse } } },
    async (request) => {
      const source = await stores.sources.getSource(request.params.id);
      if (source === null || !(await stores.engine.removeSource(source.url))) throw notFound(`source ${request.params.id}`);
      return { removed: source.url };
    },
  );

  await app.register(uploadRoutes, deps);
};
