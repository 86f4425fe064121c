import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { PolicyError } from "../core/policy/schema.ts";
import { TransitionError } from "../cases/status-machine.ts";
import { CaseNotFoundError } from "../cases/case-store.ts";
import { SubmissionError } from "../cases/case-service.ts";
import { FetchError } from "../io/fetch/errors.ts";
import { PageRefusedError } from "../core/extract/page-refused.ts";

/** A request the API refuses, with the status and code to answer with. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;

  constructor(statusCode: number, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.statusCode = statusCode;
    this.code = code;
  }
}

export function notFound(what: string): ApiError {
  return new ApiError(404, "not_found", `${what} does not exist`);
}

/**
 * Turns every failure into `{error, message, issues?}` JSON: validation problems name each field, domain
 * errors keep their own message (which names the input), and anything unexpected is a 500 whose details
 * go to the log, not to the client.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => ({ context: error.validationContext, field: v.instancePath.split("/").filter(Boolean), message: v.message ?? "is not valid" }));
    const issues = fields.map(({ context, field, message }) => ({ path: [context, ...field].filter(Boolean).join("."), message }));
    const message = fields.map(({ context, field, message }) => `${fieldName(context, field)}: ${message}`).join("; ");
    return reply.code(400).send({ error: "bad_request", message, issues });
  }
  if (error instanceof PolicyError) {
    return reply.code(400).send({ error: "bad_request", message: error.message, issues: error.issues });
  }
  if (error instanceof SubmissionError) return reply.code(400).send({ error: "bad_request", message: error.message });
  if (error instanceof PageRefusedError) return reply.code(422).send({ error: error.reason, message: error.message });
  if (error instanceof ApiError) return reply.code(error.statusCode).send({ error: error.code, message: error.message });
  if (error instanceof CaseNotFoundError) return reply.code(404).send({ error: "not_found", message: error.message });
  if (error instanceof TransitionError) return reply.code(409).send({ error: "conflict", message: error.message });
  if (error instanceof FetchError) {
    return reply.code(422).send({ error: "fetch_failed", message: error.message, reason: error.reason, status: error.status });
  }
  if (error.name === "InputError") return reply.code(400).send({ error: "bad_request", message: error.message });
  if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
    return reply.code(error.statusCode).send({ error: error.code ?? "bad_request", message: error.message });
  }
  request.log.error(error);
  return reply.code(500).send({ error: "internal", message: `the server failed to answer; its log holds the error under reqId ${request.id}` });
}

/**
 * A field as the client wrote it: a body field by its own name (`url`, `link.target`), a query or path
 * parameter as such. The `issues` keep the full path (`body.url`) for programs to match.
 */
export function fieldName(context: string | undefined, field: readonly string[]): string {
  const name = field.join(".");
  if (context === "querystring") return `query parameter ${name}`;
  if (context === "params") return `path parameter ${name}`;
  if (context === "headers") return `header ${name}`;
  return name === "" ? "the request body" : name;
}
