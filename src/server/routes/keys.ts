import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "../app.ts";
import { ErrorResponse } from "../schemas/error.ts";
import { IssuedKeySchema, KeySchema, RoleSchema } from "../schemas/keys.ts";
import { IdParams } from "../schemas/request-fields.ts";
import { ADMIN } from "../auth/admin-key.ts";
import { generateApiKey, hashApiKey } from "../auth/secrets.ts";
import { ApiError, notFound } from "../errors.ts";

/** A person's name as the case history shows it: letters, digits, dots, dashes, underscores and @. */
const KeyName = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}._@-]{1,64}$/u, { error: "must be 1 to 64 letters, digits, dots, dashes, underscores or @" })
  .refine((name) => name !== ADMIN, { error: `"${ADMIN}" is the key from COPYQUOTA_API_KEY or the first start` });

/**
 * API keys for the people and programs using CopyQuota, so the case history says who did what, each with a
 * role (see `role.ts`). Only admins manage them (`ROUTE_ACCESS`); a new key is shown once, in the answer that creates it, and stored hashed.
 */
export const keyRoutes: FastifyPluginAsync<RouteDeps> = async (app, { stores }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["keys"];

  api.get("/api/keys", { schema: { summary: "The API keys' holders (never the keys)", tags, response: { 200: z.object({ items: z.array(KeySchema) }), 403: ErrorResponse } } }, async () => {
    return { items: await stores.auth.listKeys() };
  });

  api.post(
    "/api/keys",
    {
      schema: {
        summary: "Issue a key to a person or program; the key is in this answer only",
        tags,
        body: z.object({ name: KeyName, role: RoleSchema.default("editor") }),
        response: { 201: IssuedKeySchema, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { key, keyId } = generateApiKey();
      const stored = await stores.auth.putKey(request.body.name, { keyId, keyHash: await hashApiKey(key), role: request.body.role });
      return reply.code(201).send({ ...stored, key });
    },
  );

  api.delete(
    "/api/keys/:id",
    { schema: { summary: "Revoke a key (and log its UI sessions out)", tags, params: IdParams, response: { 200: z.object({ removed: z.number().int() }), 403: ErrorResponse, 404: ErrorResponse } } },
    async (request) => {
      const target = (await stores.auth.listKeys()).find((k) => k.id === request.params.id);
      if (target === undefined) throw notFound(`key ${request.params.id}`);
      if (target.name === ADMIN) throw new ApiError(409, "conflict", "the admin key cannot be revoked here: change COPYQUOTA_API_KEY and restart");
      await stores.auth.removeKey(target.id);
      return { removed: target.id };
    },
  );
};
