import { isIP } from "node:net";

/**
 * Which `Host` headers the server answers, against DNS rebinding: a page on an attacker's domain whose name
 * is re-pointed at 127.0.0.1 reaches a loopback server from the victim's browser, but its requests carry the
 * attacker's host name. An IP literal cannot be re-pointed, so it is always accepted, as is `localhost`;
 * any other name must be configured (`--allowed-hosts`, `COPYQUOTA_ALLOWED_HOSTS`), e.g. the name a
 * reverse proxy serves the UI under.
 */
export class AllowedHosts {
  private readonly names: ReadonlySet<string>;

  constructor(names: readonly string[]) {
    this.names = new Set(["localhost", ...names.map((name) => name.trim().toLowerCase().replace(/\.$/, "")).filter(Boolean)]);
  }

  /** Why the request's `Host` header is refused, or null when it is accepted. */
  problem(header: string | undefined): string | null {
    if (header === undefined || header === "") return "the request has no Host header";
    const host = hostName(header.toLowerCase());
    if (host === null) return `the Host header "${header}" is not a host name`;
    if (isIP(host) !== 0 || this.names.has(host)) return null;
    return `this server does not answer for the host "${host}"; add it with --allowed-hosts or COPYQUOTA_ALLOWED_HOSTS`;
  }
}

/** The name or address of a `Host` header without its port and brackets, or null if it is not one. */
function hostName(header: string): string | null {
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(header);
  if (bracketed) return isIP(bracketed[1]!) === 6 ? bracketed[1]! : null;
  const plain = /^([a-z0-9.-]+?)\.?(?::\d{1,5})?$/.exec(header);
  return plain ? plain[1]! : null;
}

/** Host names from a comma-separated list (`COPYQUOTA_ALLOWED_HOSTS`, `--allowed-hosts`). */
export function parseHostList(list: string | undefined): string[] {
  return (list ?? "").split(",").map((name) => name.trim()).filter(Boolean);
}
