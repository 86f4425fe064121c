import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "../app.ts";
import { ErrorResponse } from "../schemas/error.ts";
import { GrantedLicenseSchema, LicenseRequest, LicenseSchema } from "../schemas/licenses.ts";
import { IdParams } from "../schemas/request-fields.ts";
import { parseLicense } from "../../cases/parse-license.ts";
import { openCasesCoveredBy } from "../../cases/covered-cases.ts";
import { notFound } from "../errors.ts";

/** Splits the request into the license (validated like one in a policy file) and the note kept beside it. */
function readLicense(body: Record<string, unknown>) {
  const { note, ...license } = body;
  return { license: parseLicense(license, "license"), note: typeof note === "string" ? note.trim() : "" };
}

/**
 * Licence writes are units of work (`storage.transaction`): on SQLite the API's stores share one connection, and
 * a plain write while another unit of work awaits would join its transaction and go with its rollback.
 */
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
    {
      schema: {
        summary: "Grant a license",
        description: "The answer lists in `coveredOpenCases` the open cases the license settles: they stay open until re-checked or resolved.",
        tags,
        body: LicenseRequest,
        response: { 201: GrantedLicenseSchema, 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { license, note } = readLicense(request.body);
      const granted = await stores.storage.transaction((tx) => tx.licenses.add(license, note));
      return reply.code(201).send({ ...granted, coveredOpenCases: await openCasesCoveredBy(granted, stores.cases) });
    },
  );

  api.put(
    "/api/licenses/:id",
    {
      schema: {
        summary: "Change a license's terms",
        description: "Like granting one, the answer lists in `coveredOpenCases` the open cases the new terms settle.",
        tags,
        params: IdParams,
        body: LicenseRequest,
        response: { 200: GrantedLicenseSchema, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { license, note } = readLicense(request.body);
      const updated = await stores.storage.transaction((tx) => tx.licenses.update(request.params.id, license, note));
      if (updated === null) throw notFound(`license ${request.params.id}`);
      return { ...updated, coveredOpenCases: await openCasesCoveredBy(updated, stores.cases) };
    },
  );

  api.delete(
    "/api/licenses/:id",
    { schema: { summary: "Withdraw a license", tags, params: IdParams, response: { 200: z.object({ removed: z.number().int() }), 404: ErrorResponse } } },
    async (request) => {
      if (!(await stores.storage.transaction((tx) => tx.licenses.remove(request.params.id)))) throw notFound(`license ${request.params.id}`);
      return { removed: request.params.id };
    },
  );
};
