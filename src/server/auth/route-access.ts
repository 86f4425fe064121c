import type { Role } from "./role.ts";

/** Who may use a route: anyone (`public`), or a key of at least this role. */
export type Access = "public" | Role;

/**
 * Every API route and who may use it, in one table to review. A route missing here is refused when the
 * server starts (see `registerAuthentication`), so a new route cannot be reachable by default.
 * Keys are `METHOD path` with the router's parameter syntax; HEAD follows GET.
 */
export const ROUTE_ACCESS: Readonly<Record<string, Access>> = Object.freeze({
  "GET /api/health": "public",
  "GET /api/openapi.json": "public",
  "POST /api/session": "public",
  "GET /api/session": "reader",
  "DELETE /api/session": "reader",

  "POST /api/self-check": "reader",
  "POST /api/check": "editor",

  "GET /api/sources": "reader",
  "GET /api/sources/:id": "reader",
  "POST /api/sources": "editor",
  "POST /api/sources/upload": "editor",
  "DELETE /api/sources/:id": "editor",

  "GET /api/cases": "reader",
  "GET /api/cases/export": "reader",
  "GET /api/cases/:id": "reader",
  "GET /api/cases/:id/letter": "reader",
  "POST /api/cases/:id/status": "editor",
  "POST /api/cases/:id/recheck": "editor",

  "GET /api/evidence/:sha256": "reader",
  "GET /api/evidence/:sha256/captures": "reader",

  "GET /api/stats": "reader",

  "GET /api/watchlist": "reader",
  "GET /api/watchlist/:id": "reader",
  "GET /api/watchlist/:id/failures": "reader",
  "POST /api/watchlist": "editor",
  "PUT /api/watchlist/:id/schedule": "editor",
  "POST /api/watchlist/:id/check": "editor",
  "GET /api/monitor": "reader",
  "DELETE /api/watchlist/:id": "editor",

  "GET /api/licenses": "reader",
  "GET /api/licenses/:id": "reader",
  "POST /api/licenses": "admin",
  "PUT /api/licenses/:id": "admin",
  "DELETE /api/licenses/:id": "admin",

  "GET /api/policy": "reader",
  "PUT /api/policy": "admin",

  "GET /api/keys": "admin",
  "POST /api/keys": "admin",
  "DELETE /api/keys/:id": "admin",
});

/**
 * The access rule of a route as the router registers it, or undefined when it has none. `/api/docs` is the
 * API reference drawing the OpenAPI document (public anyway at `/api/openapi.json`): its page and assets. Routes
 * outside `/api/` (the web UI's page and assets, which hold no data) must say `config: { public: true }`.
 */
export function accessOf(method: string, url: string, declaredPublic: boolean): Access | undefined {
  if (!url.startsWith("/api/")) return declaredPublic ? "public" : undefined;
  if (url === "/api/docs" || url.startsWith("/api/docs/")) return "public";
  return ROUTE_ACCESS[`${method === "HEAD" ? "GET" : method} ${url}`];
}
