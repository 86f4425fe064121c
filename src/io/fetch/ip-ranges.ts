import { isIPv4, isIPv6 } from "node:net";

/**
 * Which IP addresses are not on the public Internet, so that a URL taken from a page cannot make the
 * fetcher reach the machine it runs on, its cloud metadata service or the private network behind it (SSRF).
 * Pure: address text in, verdict out.
 */

/** A range an address falls in, named for the error message. */
export interface NonPublicRange {
  cidr: string;
  label: string;
}

interface Range extends NonPublicRange {
  base: bigint;
  prefix: number;
}

const IPV4_BITS = 32;
const IPV6_BITS = 128;

/** IPv4 ranges that are not globally reachable unicast (IANA special-purpose registry, RFC 6890). */
const IPV4_RANGES: readonly Range[] = [
  range4("0.0.0.0/8", "\"this network\" (connects to the local host on many systems)"),
  range4("10.0.0.0/8", "private (RFC 1918)"),
  range4("100.64.0.0/10", "carrier-grade NAT shared space (RFC 6598)"),
  range4("127.0.0.0/8", "loopback"),
  range4("169.254.0.0/16", "link-local (includes the cloud metadata service 169.254.169.254)"),
  range4("172.16.0.0/12", "private (RFC 1918)"),
  range4("192.0.0.0/24", "IETF protocol assignments"),
  range4("192.0.2.0/24", "documentation (TEST-NET-1)"),
  range4("192.168.0.0/16", "private (RFC 1918)"),
  range4("198.18.0.0/15", "benchmarking (RFC 2544)"),
  range4("198.51.100.0/24", "documentation (TEST-NET-2)"),
  range4("203.0.113.0/24", "documentation (TEST-NET-3)"),
  range4("224.0.0.0/4", "multicast"),
  range4("240.0.0.0/4", "reserved (includes broadcast 255.255.255.255)"),
];

/** IPv6 ranges that are not globally reachable unicast. */
const IPV6_RANGES: readonly Range[] = [
  range6("::/128", "unspecified"),
  range6("::1/128", "loopback"),
  // Deprecated IPv4-compatible addresses (RFC 4291 §2.5.5.1): no public host has one.
  range6("::/96", "IPv4-compatible (deprecated)"),
  range6("64:ff9b:1::/48", "local-use IPv4/IPv6 translation (RFC 8215)"),
  range6("100::/64", "discard-only (RFC 6666)"),
  range6("2001:db8::/32", "documentation"),
  range6("fc00::/7", "unique-local"),
  range6("fe80::/10", "link-local"),
  range6("fec0::/10", "site-local (deprecated)"),
  range6("ff00::/8", "multicast"),
];

/**
 * IPv6 prefixes that carry an IPv4 address: the IPv4 address decides, since that is where packets end up.
 * `embedded` gives the 32-bit IPv4 addresses the IPv6 address carries; a carrier is refused when any of them
 * is non-public. (`::/96` IPv4-compatible and `64:ff9b:1::/48` local-use NAT64 are refused whole above: no
 * public host has the one, and the other only ever leads into the operator's own network.)
 */
const IPV4_CARRIERS: readonly { range: Range; embedded(value: bigint): bigint[] }[] = [
  { range: range6("::ffff:0:0/96", "IPv4-mapped"), embedded: (value) => [lowBits(value, 0)] },
  { range: range6("::ffff:0:0:0/96", "IPv4-translated (RFC 6145)"), embedded: (value) => [lowBits(value, 0)] },
  { range: range6("64:ff9b::/96", "NAT64 (RFC 6052)"), embedded: (value) => [lowBits(value, 0)] },
  { range: range6("2002::/16", "6to4"), embedded: (value) => [lowBits(value, 80)] },
  // Teredo (RFC 4380): the server's address in bits 32-63, the client's, inverted, in the last 32 bits.
  { range: range6("2001::/32", "Teredo"), embedded: (value) => [lowBits(value, 64), lowBits(value, 0) ^ 0xffff_ffffn] },
];

/**
 * The non-public range `address` belongs to, or null when it is a public unicast address.
 * Accepts IPv4 dotted quads and IPv6 text (with or without brackets and zone id).
 * Throws on text that is not an IP address.
 */
export function nonPublicRange(address: string): NonPublicRange | null {
  const ip = parseIp(address);
  if (ip.family === 4) return findRange(ip.value, IPV4_BITS, IPV4_RANGES);
  const direct = findRange(ip.value, IPV6_BITS, IPV6_RANGES);
  if (direct) return direct;
  const carrier = IPV4_CARRIERS.find(({ range }) => inRange(ip.value, IPV6_BITS, range));
  if (carrier === undefined) return null;
  for (const embedded of carrier.embedded(ip.value)) {
    const inner = findRange(embedded, IPV4_BITS, IPV4_RANGES);
    if (inner) return { cidr: carrier.range.cidr, label: `${carrier.range.label} form of ${inner.label} ${inner.cidr}` };
  }
  return null;
}

/** The 32 bits of an IPv6 address that start `shift` bits above its least significant bit. */
function lowBits(value: bigint, shift: number): bigint {
  return (value >> BigInt(shift)) & 0xffff_ffffn;
}

/** An IP address as a number, so that two spellings of one address (`::1`, `0:0::1`) compare equal. */
export interface ParsedIp {
  family: 4 | 6;
  value: bigint;
}

/** Parses IPv4 or IPv6 text (brackets and a `%zone` suffix allowed); throws naming the text otherwise. */
export function parseIp(text: string): ParsedIp {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const address = bare.split("%")[0] ?? bare;
  if (isIPv4(address)) return { family: 4, value: parseIpv4(address) };
  if (isIPv6(address)) return { family: 6, value: parseIpv6(address) };
  throw new Error(`"${text}" is not an IPv4 or IPv6 address`);
}

/** True when `text` is an IP literal (as URL hosts may be), false for a host name. */
export function isIpLiteral(text: string): boolean {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return isIPv4(bare) || isIPv6(bare.split("%")[0] ?? bare);
}

function parseIpv4(address: string): bigint {
  return address.split(".").reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

/** `address` is already known to be valid IPv6 (checked by `isIPv6`). */
function parseIpv6(address: string): bigint {
  let text = address.toLowerCase();
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4 = parseIpv4(tail);
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = "", rest] = text.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const restGroups = rest === undefined || rest === "" ? [] : rest.split(":");
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = rest === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill("0"), ...restGroups];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function findRange(value: bigint, bits: number, ranges: readonly Range[]): NonPublicRange | null {
  const hit = ranges.find((range) => inRange(value, bits, range));
  return hit ? { cidr: hit.cidr, label: hit.label } : null;
}

function inRange(value: bigint, bits: number, range: Range): boolean {
  const shift = BigInt(bits - range.prefix);
  return value >> shift === range.base >> shift;
}

function range4(cidr: string, label: string): Range {
  const [address = "", prefix = ""] = cidr.split("/");
  return { cidr, label, base: parseIpv4(address), prefix: Number(prefix) };
}

function range6(cidr: string, label: string): Range {
  const [address = "", prefix = ""] = cidr.split("/");
  return { cidr, label, base: parseIpv6(address), prefix: Number(prefix) };
}
