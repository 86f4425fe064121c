import { jsonSchemaTransform } from "fastify-type-provider-zod";

/**
 * What each status means in this API, for the OpenAPI document: a response schema without a description
 * would be shown as "Default Response", which tells a client nothing of when it comes.
 */
const STATUS_MEANINGS: Readonly<Record<string, string>> = Object.freeze({
  200: "OK",
  201: "Created",
  202: "Accepted: the work is queued and done in the background",
  400: "The request is not valid: `message` names each field and its problem",
  401: "No valid API key or UI session: send `Authorization: Bearer KEY`",
  403: "The key's role does not allow this, or a UI request lacks its CSRF token",
  404: "No such resource",
  409: "The request conflicts with the resource's state",
  413: "The body is larger than the server accepts",
  422: "The page could not be fetched or read: `error` gives the reason",
  429: "Too many failed authentications from this address: wait for `Retry-After`",
  503: "A part the request needs is not available",
});

type Transformed = ReturnType<typeof jsonSchemaTransform>;

/** `jsonSchemaTransform`, then each response without a description given the meaning of its status. */
export function describedJsonSchemaTransform(input: Parameters<typeof jsonSchemaTransform>[0]): Transformed {
  const transformed = jsonSchemaTransform(input);
  const schema = transformed.schema as { response?: Record<string, Record<string, unknown>> };
  // A route that sends no JSON (a file, CSV, a redirect) declares no response schema; its description says what it sends.
  schema.response ??= { 200: { description: "OK: the operation's description says what the body holds" } };
  const responses = schema.response;
  for (const [status, response] of Object.entries(responses)) {
    const meaning = STATUS_MEANINGS[status];
    // A copy: one converted schema may serve several statuses.
    if (meaning !== undefined && typeof response === "object" && response !== null && response.description === undefined) responses[status] = { ...response, description: meaning };
  }
  return transformed;
}
