import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "../app.ts";

export const healthRoutes: FastifyPluginAsync<RouteDeps> = async (app, { stores }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/health",
    {
      schema: {
        summary: "Whether the server and its database answer",
        tags: ["health"],
        security: [],
        response: { 200: z.object({ status: z.literal("ok") }), 503: z.object({ status: z.literal("unavailable"), message: z.string() }) },
      },
    },
    async (_request, reply) => {
      try {
        await stores.storage.ping();
        return { status: "ok" as const };
      } catch (error) {
        return reply.code(503).send({ status: "unavailable" as const, message: `the database does not answer: ${(error as Error).message}` });
      }
    },
  );
};
