import { getDomain } from "tldts";

/**
 * URL and host canonicalization, so that two ways of writing the address of the same article compare equal:
 * a reuser who links to `http://m.kapital.kz/amp/news/1/?utm_source=tg` has linked to
 * `https://kapital.kz/news/1`.
 */

/**
 * Host prefixes that serve the same site's pages under another edition: `www.` (the historical default host),
 * `m.` (mobile edition) and `amp.` (AMP edition, as some Russian outlets and Google's AMP cache host it).
 */
const EDITION_PREFIXES = ["www.", "m.", "amp."] as const;

/**
 * Query parameters that say who sent the reader, not which page they asked for: `utm_*` (Google Analytics
 * campaigns), `fbclid` (Facebook), `gclid` (Google Ads), `yclid` (Yandex Direct), `ysclid` (appended by Yandex
 * Browser and Search to outgoing links since 2022, so it is everywhere in copied Russian URLs), `_openstat`
 * (Openstat/Yandex campaigns) and `from` (Yandex News and Zen's referrer marker, e.g. `?from=yxnews`).
 */
const TRACKING_PARAMS: ReadonlySet<string> = new Set(["fbclid", "gclid", "yclid", "ysclid", "_openstat", "from"]);
const TRACKING_PREFIX = "utm_";

/** tldts options shared by every lookup; see `registrableDomain` for why. */
const DOMAIN_OPTIONS: Parameters<typeof getDomain>[1] = { allowPrivateDomains: true, validHosts: ["localhost"] };

/**
 * Canonical form of an http(s) URL, or null when `href` is not one (mailto:, javascript:, unparsable).
 * Relative `href`s are resolved against `base`. Two URLs that name the same page in the ways listed in the
 * module comment give the same string; the result is itself a valid URL and normalizing it again changes
 * nothing. Scheme is always `https` (publishers serve both; a reader sees the same article).
 */
export function normalizeUrl(href: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = stripEditionPrefix(stripTrailingDot(url.hostname));
  // WHATWG URL already dropped the scheme's default port; any other port names another server.
  const port = url.port === "" ? "" : `:${url.port}`;
  const query = normalizeQuery(url.search);
  return `https://${host}${port}${normalizePath(url.pathname)}${query === "" ? "" : `?${query}`}`;
}

/**
 * A host as `normalizeUrl` writes it (lower case, punycode, no trailing dot, no `www.`/`m.`/`amp.` prefix),
 * from a bare host or a URL; null when it is neither.
 */
export function normalizeHost(urlOrHost: string): string | null {
  const hostname = parseHostname(urlOrHost);
  return hostname === null ? null : stripEditionPrefix(stripTrailingDot(hostname));
}

/**
 * The registrable domain ("eTLD+1") of a URL or host: `news.kapital.kz` → `kapital.kz`. Null when the input
 * is not a host or is itself a public suffix (`kz`, `com.kz`).
 * Private suffixes of the Public Suffix List count (`blogspot.com`, `github.io`): each customer of such a
 * hosting platform is a separate publisher, so a link to `another.blogspot.com` must not count as a link to
 * `publisher.blogspot.com`.
 * IP addresses and `localhost` are their own domain, so pages served from a local machine can be judged too.
 */
export function registrableDomain(urlOrHost: string): string | null {
  const hostname = parseHostname(urlOrHost);
  if (hostname === null) return null;
  const host = stripTrailingDot(hostname);
  if (isIpAddress(host)) return host;
  return getDomain(host, DOMAIN_OPTIONS);
}

/** Whether a URL's or host's normalized host is `domain` or one of its subdomains. */
export function isWithinDomain(urlOrHost: string, domain: string): boolean {
  const host = normalizeHost(urlOrHost);
  const parent = normalizeHost(domain);
  if (host === null || parent === null) return false;
  return host === parent || host.endsWith(`.${parent}`);
}

/** Lower-cased, punycoded hostname of a URL or bare host, as WHATWG URL parses it. */
function parseHostname(urlOrHost: string): string | null {
  const text = urlOrHost.trim();
  if (text === "") return null;
  try {
    const url = new URL(text.includes("://") ? text : `http://${text}`);
    return url.hostname === "" ? null : url.hostname;
  } catch {
    return null;
  }
}

function stripTrailingDot(host: string): string {
  return host.endsWith(".") ? host.slice(0, -1) : host;
}

/** Drops one edition prefix, unless what remains is a bare public suffix (`m.kz` stays `m.kz`). */
function stripEditionPrefix(host: string): string {
  for (const prefix of EDITION_PREFIXES) {
    if (!host.startsWith(prefix)) continue;
    const rest = host.slice(prefix.length);
    return getDomain(rest, DOMAIN_OPTIONS) === null ? host : rest;
  }
  return host;
}

function isIpAddress(host: string): boolean {
  return host.startsWith("[") || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/**
 * Canonical path: each segment percent-encoded one way, AMP variants folded onto the regular page
 * (`/amp/` segments, a trailing `/amp`, `.amp.html`), no trailing slash (the root stays `/`).
 */
function normalizePath(pathname: string): string {
  const segments = pathname
    .split("/")
    .slice(1)
    .map((segment) => canonicalEncoding(segment, isPathLiteral, false))
    .filter((segment) => segment.toLowerCase() !== "amp");
  while (segments.length > 0 && segments[segments.length - 1] === "") segments.pop();
  const last = segments.length - 1;
  if (last >= 0) segments[last] = segments[last]!.replace(/\.amp\.html$/i, ".html");
  return `/${segments.join("/")}`;
}

/** Canonical query: tracking and AMP switches dropped, each part encoded one way, parameters sorted. */
function normalizeQuery(search: string): string {
  const params: { name: string; value: string }[] = [];
  for (const pair of search.slice(1).split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = canonicalEncoding(eq < 0 ? pair : pair.slice(0, eq), isQueryLiteral, true);
    const value = eq < 0 ? "" : canonicalEncoding(pair.slice(eq + 1), isQueryLiteral, true);
    if (!isNoise(name.toLowerCase(), value)) params.push({ name, value });
  }
  params.sort((a, b) => compare(a.name, b.name) || compare(a.value, b.value));
  return params.map(({ name, value }) => (value === "" ? name : `${name}=${value}`)).join("&");
}

function isNoise(name: string, value: string): boolean {
  if (name.startsWith(TRACKING_PREFIX) || TRACKING_PARAMS.has(name)) return true;
  // `?amp` and `?amp=1` switch a page to its AMP rendering; other values may be real parameters.
  return name === "amp" && (value === "" || value === "1");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Re-encodes a URL component byte by byte: the bytes `%XX` escapes stand for and the UTF-8 bytes of literal
 * characters are the same thing, so `%D0%BD%D0%BE`, `%d0%bd%d0%be` and `но` all become `%D0%BD%D0%BE`, and
 * `%7E` becomes `~`. Bytes `literal` accepts are written as characters, all others as upper-case escapes.
 * Works on bytes, not on decoded text, so escapes of other charsets (windows-1251 `%EF%F0`) survive intact.
 * With `plusIsSpace`, a literal `+` is the space of HTML form encoding, as servers read query strings.
 */
function canonicalEncoding(component: string, literal: (byte: number) => boolean, plusIsSpace: boolean): string {
  let out = "";
  for (const byte of componentBytes(component, plusIsSpace)) {
    out += literal(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const utf8 = new TextEncoder();

function componentBytes(component: string, plusIsSpace: boolean): number[] {
  const bytes: number[] = [];
  let i = 0;
  while (i < component.length) {
    const ch = component[i]!;
    const hex = component.slice(i + 1, i + 3);
    if (ch === "%" && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 3;
    } else if (ch === "+" && plusIsSpace) {
      bytes.push(0x20);
      i += 1;
    } else {
      const char = String.fromCodePoint(component.codePointAt(i)!);
      bytes.push(...utf8.encode(char));
      i += char.length;
    }
  }
  return bytes;
}

/** RFC 3986 unreserved characters: escaping them never changes meaning. */
function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    byte === 0x2d || byte === 0x2e || byte === 0x5f || byte === 0x7e // - . _ ~
  );
}

/** RFC 3986 `pchar`: unreserved, sub-delims and `:@` stand for themselves inside a path segment. */
function isPathLiteral(byte: number): boolean {
  return isUnreserved(byte) || "!$&'()*+,;=:@".includes(String.fromCharCode(byte));
}

/** Inside a query name or value, `&`, `=`, `+` and `;` separate or encode, so they stay escaped. */
function isQueryLiteral(byte: number): boolean {
  return isUnreserved(byte) || "!$'()*,:@/?".includes(String.fromCharCode(byte));
}
