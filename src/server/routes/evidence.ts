import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "../app.ts";
import { ErrorResponse } from "../schemas/error.ts";
import { EvidenceCaptureSchema } from "../schemas/evidence.ts";
import { SHA256_HEX } from "../../cases/evidence.ts";
import { notFound } from "../errors.ts";

const HashParams = z.object({ sha256: z.string().toLowerCase().regex(SHA256_HEX, { error: "must be a SHA-256 in hex (64 characters)" }) });

export const evidenceRoutes: FastifyPluginAsync<RouteDeps> = async (app, { stores }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["evidence"];

  api.get(
    "/api/evidence/:sha256",
    {
      schema: {
        summary: "Download the exact bytes checked, by their SHA-256",
        description:
          "Always sent as an attachment of type application/octet-stream, never rendered: the bytes are someone else's page and " +
          "may hold scripts. `X-Content-SHA256` repeats the hash.",
        tags,
        params: HashParams,
        produces: ["application/octet-stream"],
      },
    },
    async (request, reply) => {
      const { sha256 } = request.params;
      const body = await stores.evidence.body(sha256);
      if (body === null) throw notFound(`evidence ${sha256}`);
      const captures = await stores.evidence.capturesOf(sha256);
      const extension = /html/.test(captures[0]?.contentType ?? "") ? "html" : "txt";
      return reply
        .type("application/octet-stream")
        .header("content-disposition", `attachment; filename="evidence-${sha256.slice(0, 16)}.${extension}"`)
        .header("x-content-sha256", sha256)
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "sandbox")
        .send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    },
  );

  api.get(
    "/api/evidence/:sha256/captures",
    {
      schema: {
        summary: "When, from where and with what HTTP status and headers these bytes were captured",
        tags,
        params: HashParams,
        response: { 200: z.object({ sha256: z.string(), captures: z.array(EvidenceCaptureSchema) }), 404: ErrorResponse },
      },
    },
    async (request) => {
      const captures = await stores.evidence.capturesOf(request.params.sha256);
      if (captures.length === 0) throw notFound(`evidence ${request.params.sha256}`);
      return { sha256: request.params.sha256, captures };
    },
  );
};
