import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import { jsonSchemaTransformObject, validatorCompiler } from "fastify-type-provider-zod";
import { accessDocumentedTransform } from "./openapi-access.ts";
import { MAX_INPUT_BYTES } from "../io/input-size-limit.ts";
import type { AppStores } from "./app-stores.ts";
import { registerAuthentication } from "./auth/authenticate.ts";
import { AllowedHosts } from "./auth/allowed-hosts.ts";
import { FailedAttempts } from "./auth/failed-attempts.ts";
import { KeyVerifier } from "./auth/key-verifier.ts";
import { handleError } from "./errors.ts";
import { registerWebUi } from "./web-ui.ts";
import { registerApiDocsPage } from "./api-docs-page.ts";
import { healthRoutes } from "./routes/health.ts";
import { sessionRoutes } from "./routes/session.ts";
import { checkRoutes } from "./routes/check.ts";
import { sourceRoutes } from "./routes/sources.ts";
import { caseRoutes } from "./routes/cases.ts";
import { evidenceRoutes } from "./routes/evidence.ts";
import { licenseRoutes } from "./routes/licenses.ts";
import { policyRoutes } from "./routes/policy.ts";
import { statsRoutes } from "./routes/stats.ts";
import { keyRoutes } from "./routes/keys.ts";
import { watchlistRoutes } from "./routes/watchlist.ts";
import type { Scheduler } from "../monitor/scheduler.ts";

export interface ServerOptions {
  /** Log each request (pino, to stdout); errors are logged either way. */
  logger?: boolean;
  /** Mark the session cookie `Secure` (when served over HTTPS, directly or behind a proxy). */
  secureCookies?: boolean;
  /** Serve the web UI at `/` (the API alone otherwise). */
  webUi?: boolean;
  /** Host names besides `localhost` and IP addresses that requests may name in `Host` (see `AllowedHosts`). */
  allowedHosts?: readonly string[];
  /** The background monitor of this process, woken when a site is added or made due (absent: it runs elsewhere). */
  monitor?: MonitorWakeup;
}

/** The largest request body accepted: the one limit on any input's size, unpacked or not. */
const BODY_LIMIT = MAX_INPUT_BYTES;

export const API_VERSION = "0.1.0";

/** Builds the HTTP server: JSON API under `/api`, its OpenAPI document and docs, and the web UI at `/`. */
export async function buildServer(stores: AppStores, options: ServerOptions = {}): Promise<FastifyInstance> {
  // Without request logging, errors are still logged: a 500 answer points the admin to them.
  const app = Fastify({ logger: options.logger === true ? true : { level: "error" }, bodyLimit: BODY_LIMIT });
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API; what a handler returns is sent as is (see `schemas/documents.ts`).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(handleError);

  await app.register(cookie);
  const keys = new KeyVerifier(stores.auth);
  const failures = new FailedAttempts();
  registerAuthentication(app, { store: stores.auth, keys, hosts: new AllowedHosts(options.allowedHosts ?? []), failures });
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "CopyQuota API",
        version: API_VERSION,
        description:
          "Check pages for reuse of the publisher's articles, and manage the cases, evidence, licenses, policy and the watchlist of monitored sites. " +
          "Every route except /api/health and logging in needs `Authorization: Bearer KEY`; each operation lists in `x-roles` the key roles that may call it.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    transform: accessDocumentedTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await registerApiDocsPage(app);
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  // API answers hold cases, evidence and keys' holders: no cache may keep them, no browser may sniff them.
  app.addHook("onSend", async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith("/api/") || route.startsWith("/api/docs")) return;
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    reply.header("x-content-type-options", "nosniff");
  });
  const deps: RouteDeps = { stores, secureCookies: options.secureCookies ?? false, keys, failures, monitor: options.monitor ?? null };
  await app.register(healthRoutes, deps);
  await app.register(sessionRoutes, deps);
  await app.register(checkRoutes, deps);
  await app.register(sourceRoutes, deps);
  await app.register(caseRoutes, deps);
  await app.register(evidenceRoutes, deps);
  await app.register(licenseRoutes, deps);
  await app.register(policyRoutes, deps);
  await app.register(statsRoutes, deps);
  await app.register(keyRoutes, deps);
  await app.register(watchlistRoutes, deps);
  if (options.webUi ?? true) await registerWebUi(app);
  return app;
}

/** What every route plugin receives. */
export interface RouteDeps {
  stores: AppStores;
  secureCookies: boolean;
  /** Finds a presented API key's holder (login checks keys as the API does). */
  keys: KeyVerifier;
  /** Failed authentications per client, shared by the API's key check and the UI's login. */
  failures: FailedAttempts;
  /** This process's background monitor, or null when none runs here (it then notices changes at its next look). */
  monitor: MonitorWakeup | null;
}

/** What the API may ask of the monitor: look at the schedule now. */
export type MonitorWakeup = Pick<Scheduler, "wake">;
