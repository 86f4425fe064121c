import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AuthStore } from "./auth-store.ts";
import { hashSecret, sameSecret } from "./secrets.ts";

/** The UI's session cookie. */
export const SESSION_COOKIE = "cq_session";

/** The header the UI echoes its CSRF token in on state-changing requests. */
export const CSRF_HEADER = "x-csrf-token";

/** Methods that change nothing, which therefore need no CSRF token. */
const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyRequest {
    /** Who made the request (the key holder's name); empty on public routes. */
    actor: string;
  }
  interface FastifyContextConfig {
    /** The route answers without authentication (health, login, API docs). */
    public?: boolean;
  }
}

/**
 * Authenticates every API request: `Authorization: Bearer KEY` for programs, or the UI's session cookie.
 * A cookie alone cannot authorize a state-changing request: it must come with the session's CSRF token in
 * `X-CSRF-Token`, which another site's form or script cannot read or send (the cookie is also SameSite=Strict).
 */
export function registerAuthentication(app: FastifyInstance, store: AuthStore): void {
  app.decorateRequest("actor", "");
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/") || request.routeOptions.config.public === true || request.url.startsWith("/api/docs")) return;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const key = match ? await store.findKey(hashSecret(match[1]!)) : null;
      if (key === null) return deny(reply, "the API key in the Authorization header is not valid");
      request.actor = key.name;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined) return deny(reply, "send Authorization: Bearer KEY, or log in to the UI");
    const session = await store.findSession(hashSecret(token), new Date().toISOString());
    if (session === null) return deny(reply, "the session has expired; log in again");
    if (!SAFE_METHODS.has(request.method)) {
      const csrf = request.headers[CSRF_HEADER];
      if (typeof csrf !== "string" || !sameSecret(csrf, session.csrfToken)) {
        return reply.code(403).send({ error: "csrf", message: `a state-changing request from the UI must carry the session's ${CSRF_HEADER} header` });
      }
    }
    request.actor = session.name;
  });
}

function deny(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(401).header("www-authenticate", 'Bearer realm="copyquota"').send({ error: "unauthorized", message });
}

/** The session cookie's token of a request, if any. */
export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}
