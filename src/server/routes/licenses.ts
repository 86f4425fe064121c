import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "../app.ts";
import { ErrorResponse, IdParams, LicenseRequest, LicenseSchema } from "../api-schemas.ts";
import { parseLicense } from "../../cases/parse-license.ts";
import { notFound } from "../errors.ts";

/** Splits the request into the license (validated like one in a policy file) and the note kept beside it. */
function readLicense(body: Record<string, unknown>) {
  const { note, ...license } = body;
  return { license: parseLicense(license, "license"), note: typeof note === "string" ? note.trim() : "" };
}

export const licenseRoutes: FastifyPluginAsync<RouteDeps> = async (app, { stores }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["licenses"];

  api.get("/api/licenses", { schema: { summary: "The licenses granted", tags, response: { 200: z.object({ items: z.array(LicenseSchema) }) } } }, async () => ({
    items: await stores.licenses.list(),
  }));

  api.get(
    "/api/licenses/:id",
    { schema: { summary: "One license", tags, params: IdParams, response: { 200: LicenseSchema, 404: ErrorResponse } } },
    async (request) => {
      const license = await stores.licenses.get(request.params.id);
      if (license === null) throw notFound(`license ${request.params.id}`);
      return license;
    },
  );

  api.post(
    "/api/licenses",
    { schema: { summary: "Grant a license", tags, body: LicenseRequest, response: { 201: LicenseSchema, 400: ErrorResponse } } },
    async (request, reply) => {
      const { license, note } = readLicense(request.body);
      return reply.code(201).send(await stores.licenses.add(license, note));
    },
  );

  api.put(
    "/api/licenses/:id",
    { schema: { summary: "Change a license's terms", tags, params: IdParams, body: LicenseRequest, response: { 200: LicenseSchema, 400: ErrorResponse, 404: ErrorResponse } } },
    async (request) => {
      const { license, note } = readLicense(request.body);
      const updated = await stores.licenses.update(request.params.id, license, note);
      if (updated === null) throw notFound(`license ${request.params.id}`);
      return updated;
    },
  );

  api.delete(
    "/api/licenses/:id",
    { schema: { summary: "Withdraw a license", tags, params: IdParams, response: { 200: z.object({ removed: z.number().int() }), 404: ErrorResponse } } },
    async (request) => {
      if (!(await stores.licenses.remove(request.params.id))) throw notFound(`license ${request.params.id}`);
      return { removed: request.params.id };
    },
  );
};
