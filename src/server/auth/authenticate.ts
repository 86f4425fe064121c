import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AuthStore } from "./auth-store.ts";
import type { AllowedHosts } from "./allowed-hosts.ts";
import type { FailedAttempts } from "./failed-attempts.ts";
import type { KeyVerifier } from "./key-verifier.ts";
import { targetProblem } from "./request-target.ts";
import type { Access } from "./route-access.ts";
import { accessOf } from "./route-access.ts";
import type { Role } from "./role.ts";
import { roleAllows } from "./role.ts";
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
    /** What the key may do; null on public routes. */
    role: Role | null;
  }
  interface FastifyContextConfig {
    /** A route outside `/api/` that anyone may fetch (the web UI's page and assets). */
    public?: boolean;
    /** Who may use the route, from `ROUTE_ACCESS`; set when the route is registered. */
    access?: Access;
  }
}

/**
 * Guards every request, in this order: the request target must be the normal origin form, the `Host` must
 * be one this server answers for, and the route the router matched decides who may use it (`ROUTE_ACCESS`):
 * `Authorization: Bearer KEY` for programs, or the UI's session cookie. Deciding on the matched route, not
 * on the URL as sent, is what makes every spelling of a path (`/%61pi/cases`, `http://host/api/cases`) meet
 * the same check. A cookie alone cannot authorize a state-changing request: it must come with the session's
 * CSRF token in `X-CSRF-Token`, which another site's form or script cannot read or send (the cookie is also
 * SameSite=Strict). Must be registered before any route.
 */
export interface Guards {
  store: AuthStore;
  keys: KeyVerifier;
  hosts: AllowedHosts;
  failures: FailedAttempts;
}

export function registerAuthentication(app: FastifyInstance, { store, keys, hosts, failures }: Guards): void {
  app.decorateRequest("actor", "");
  app.decorateRequest("role", null);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const accesses = new Set(methods.map((method) => accessOf(method, route.url ?? route.path, route.config?.public === true)));
    const [access] = accesses;
    if (accesses.size !== 1 || access === undefined) {
      throw new Error(`${methods.join(",")} ${route.url}: every route needs an access rule; add it to ROUTE_ACCESS in src/server/auth/route-access.ts`);
    }
    route.config = { ...route.config, access };
  });
  app.addHook("onRequest", async (request, reply) => {
    const problem = targetProblem(request.raw.url ?? "") ?? hosts.problem(request.headers.host);
    if (problem !== null) return reply.code(400).send({ error: "bad_request", message: problem });
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (access === "public") return;
    if (access === undefined) return reply.code(403).send({ error: "forbidden", message: "this route has no access rule" });
    if (failures.refuse(request, reply)) return reply;
    const holder = await identify(request, store, keys);
    if ("denied" in holder) {
      if (holder.wrongKey) failures.record(request.ip);
      return reply.code(401).header("www-authenticate", 'Bearer realm="copyquota"').send({ error: "unauthorized", message: holder.denied });
    }
    if ("csrf" in holder) {
      return reply.code(403).send({ error: "csrf", message: `a state-changing request from the UI must carry the session's ${CSRF_HEADER} header` });
    }
    if (!roleAllows(holder.role, access)) {
      return reply.code(403).send({ error: "forbidden", message: `this needs an ${access === "admin" ? "admin" : "editor"} key; yours is ${holder.role === "admin" ? "an" : "a"} ${holder.role}'s` });
    }
    request.actor = holder.name;
    request.role = holder.role;
  });
}

/**
 * The holder, or why the request is refused. Only a wrong key counts as a failed attempt: a browser whose
 * session expired keeps sending its cookie until its user logs in again, and must not be locked out for it.
 */
type Identified = { name: string; role: Role } | { denied: string; wrongKey: boolean } | { csrf: true };

/** Who sent the request: the holder of its bearer key, or of its UI session. */
async function identify(request: FastifyRequest, store: AuthStore, keys: KeyVerifier): Promise<Identified> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const key = match ? await keys.holder(match[1]!) : null;
    return key === null ? { denied: "the API key in the Authorization header is not valid", wrongKey: true } : key;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (token === undefined) return { denied: "send Authorization: Bearer KEY, or log in to the UI", wrongKey: false };
  const session = await store.findSession(hashSecret(token), new Date().toISOString());
  if (session === null) return { denied: "the session has expired; log in again", wrongKey: false };
  if (!SAFE_METHODS.has(request.method)) {
    const csrf = request.headers[CSRF_HEADER];
    if (typeof csrf !== "string" || !sameSecret(csrf, session.csrfToken)) return { csrf: true };
  }
  return session;
}

/** The session cookie's token of a request, if any. */
export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}
