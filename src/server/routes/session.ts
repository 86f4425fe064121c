import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "../app.ts";
import { ErrorResponse } from "../schemas/error.ts";
import { SessionRequest, SessionResponse } from "../schemas/session.ts";
import { SESSION_COOKIE, sessionToken } from "../auth/authenticate.ts";
import { generateToken, hashSecret } from "../auth/secrets.ts";
import { ApiError } from "../errors.ts";

/**
 * How long a UI session lasts: 12 hours, a working day, after which the editor logs in again with the key.
 * Short enough that a forgotten browser does not stay logged in for days.
 */
const SESSION_HOURS = 12;

export const sessionRoutes: FastifyPluginAsync<RouteDeps> = async (app, { stores, secureCookies, keys, failures }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["session"];

  api.post(
    "/api/session",
    {
      schema: {
        summary: "Log in to the UI with an API key: sets an HttpOnly session cookie and returns the CSRF token",
        tags,
        security: [],
        body: SessionRequest,
        response: { 200: SessionResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      if (failures.refuse(request, reply)) return reply;
      const key = await keys.holder(request.body.key.trim());
      if (key === null) {
        failures.record(request.ip);
        throw new ApiError(401, "unauthorized", "this API key is not valid");
      }
      const now = new Date();
      await stores.auth.deleteExpiredSessions(now.toISOString());
      const token = generateToken();
      const csrfToken = generateToken();
      const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
      await stores.auth.createSession(hashSecret(token), { keyId: key.id, csrfToken, expiresAt });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "strict",
        secure: secureCookies,
        path: "/",
        maxAge: SESSION_HOURS * 3600,
      });
      return { user: key.name, role: key.role, csrfToken, expiresAt };
    },
  );

  api.get(
    "/api/session",
    { schema: { summary: "The current UI session (the UI reads its CSRF token here after a reload)", tags, response: { 200: SessionResponse, 401: ErrorResponse } } },
    async (request) => {
      const token = sessionToken(request);
      const session = token === undefined ? null : await stores.auth.findSession(hashSecret(token), new Date().toISOString());
      if (session === null) throw new ApiError(401, "unauthorized", "no UI session: this request was authenticated with an API key");
      return { user: session.name, role: session.role, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  );

  api.delete(
    "/api/session",
    { schema: { summary: "Log out of the UI", tags, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (request, reply) => {
      const token = sessionToken(request);
      if (token !== undefined) await stores.auth.deleteSession(hashSecret(token));
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );
};
