import type { RouteOptions } from "fastify";
import { describedJsonSchemaTransform } from "./openapi-responses.ts";
import { ROLES, roleAllows } from "./auth/role.ts";

type TransformInput = Parameters<typeof describedJsonSchemaTransform>[0];

/**
 * `describedJsonSchemaTransform`, then the operation says who may call it, from the access rule the route was
 * registered with (`ROUTE_ACCESS`, set by `registerAuthentication`): a public route takes no key
 * (`security: []`), any other lists in `x-roles` the key roles allowed, least first. The table stays the one
 * place that decides; the document, and the reference page drawing it, only repeat it.
 */
export function accessDocumentedTransform(input: TransformInput): ReturnType<typeof describedJsonSchemaTransform> {
  const transformed = describedJsonSchemaTransform(input);
  const access = (input.route as RouteOptions).config?.access;
  if (access === undefined) return transformed;
  const schema = transformed.schema as Record<string, unknown>;
  if (access === "public") schema.security = [];
  else schema["x-roles"] = ROLES.filter((role) => roleAllows(role, access));
  return transformed;
}
