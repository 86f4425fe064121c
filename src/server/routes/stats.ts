import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "../app.ts";

/** Ten domains fit the dashboard's list without scrolling and cover the repeat offenders that matter. */
const TOP_DOMAINS = 10;

export const statsRoutes: FastifyPluginAsync<RouteDeps> = async (app, { stores }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/stats",
    {
      schema: {
        summary: "Dashboard counts: cases by status and violation, new cases per day, top domains, sources indexed",
        tags: ["cases"],
        querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30).describe("days of the new-cases series") }),
        response: {
          200: z.looseObject({
            byStatus: z.record(z.string(), z.number()),
            openByViolation: z.record(z.string(), z.number()),
            newPerDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
            topDomains: z.array(z.object({ domain: z.string(), open: z.number().int(), total: z.number().int() })),
            sources: z.number().int(),
          }),
        },
      },
    },
    async (request) => ({
      ...(await stores.cases.stats({ days: request.query.days, now: new Date().toISOString(), topDomains: TOP_DOMAINS })),
      sources: await stores.sources.countSources(),
    }),
  );
};
