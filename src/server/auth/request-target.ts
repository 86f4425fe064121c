/**
 * Which request targets the server answers: the origin form (`/path?query`) in its one normal spelling.
 *
 * The router decodes percent-encoding and also accepts the absolute form (`GET http://host/api/cases`), so
 * one route has many spellings. Access is decided on the route the router matched, which already makes every
 * spelling equal; refusing the other spellings as well keeps logs, caches and proxies in front of the server
 * from seeing a path that is not the one served.
 */

/** Characters that RFC 3986 §2.3 says must not be percent-encoded, and the separators a router may decode. */
const NEVER_ENCODED = /^[A-Za-z0-9\-._~/\\]$/;

/** Why a raw request target is refused, or null when it is the normal origin form. */
export function targetProblem(target: string): string | null {
  if (!target.startsWith("/")) return "only the origin form (/path?query) is accepted as a request target";
  const query = target.indexOf("?");
  const path = query === -1 ? target : target.slice(0, query);
  if (path.includes("#")) return "a request target cannot hold a fragment (#)";
  if (path.includes("\\")) return "a path cannot hold a backslash";
  if (path.startsWith("//") || path.includes("//")) return "a path cannot hold an empty segment (//)";
  for (const match of path.matchAll(/%(..)?/g)) {
    const hex = match[1];
    if (hex === undefined || !/^[0-9A-Fa-f]{2}$/.test(hex)) return "a path holds a malformed percent-encoding";
    const decoded = String.fromCharCode(Number.parseInt(hex, 16));
    if (NEVER_ENCODED.test(decoded)) return `a path cannot percent-encode "${decoded}" (%${hex}); send it as is`;
  }
  const segments = path.split("/");
  if (segments.some((segment) => segment === "." || segment === "..")) return "a path cannot hold . or .. segments";
  return null;
}
