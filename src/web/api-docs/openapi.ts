/**
 * The parts of an OpenAPI 3.0 document the API reference shows, as @fastify/swagger writes them from the
 * routes' schemas, and the document's operations in the order the page lists them.
 */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  description?: string;
  nullable?: boolean;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}

export interface MediaType {
  schema?: Schema;
}

export interface Response {
  description: string;
  content?: Record<string, MediaType>;
}

/** Which security schemes an operation takes; an empty list means none: the operation is public. */
export type SecurityRequirement = Record<string, string[]>;

export interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { description?: string; required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, Response>;
  security?: SecurityRequirement[];
  /** The key roles that may call it (app.ts writes them from the route access table). */
  "x-roles"?: string[];
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Partial<Record<string, Operation>>>;
  components?: { schemas?: Record<string, Schema> };
  security?: SecurityRequirement[];
}

/** The HTTP methods a path item may hold operations for, in the order the page lists them. */
const METHODS = ["get", "post", "put", "patch", "delete", "head", "options", "trace"] as const;

/** One operation with where it is: `GET /api/cases`. */
export interface ListedOperation {
  method: string;
  path: string;
  operation: Operation;
}

/** The tag an operation without tags is listed under. */
const UNTAGGED = "other";

/**
 * Every operation of the document, grouped by its first tag; tags in the order they first appear, operations
 * in the document's order (the order the routes were registered in, which keeps a resource's routes together).
 */
export function operationsByTag(doc: OpenApiDocument): Map<string, ListedOperation[]> {
  const groups = new Map<string, ListedOperation[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const tag = operation.tags?.[0] ?? UNTAGGED;
      const group = groups.get(tag) ?? [];
      group.push({ method: method.toUpperCase(), path, operation });
      groups.set(tag, group);
    }
  }
  return groups;
}

/** The name of the component a `$ref` points to, or null for a reference outside `#/components/schemas/`. */
export function componentName(ref: string): string | null {
  const prefix = "#/components/schemas/";
  return ref.startsWith(prefix) ? ref.slice(prefix.length) : null;
}
