import { lookup as dnsLookup } from "node:dns";
import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { isIpLiteral, nonPublicRange, parseIp } from "./ip-ranges.ts";
import type { NonPublicRange } from "./ip-ranges.ts";

/** A connection target refused because its address is not public. */
export class PrivateAddressError extends Error {
  override readonly name = "PrivateAddressError";

  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: NonPublicRange,
  ) {
    const via = hostname === address ? address : `${hostname} resolves to ${address}, which`;
    super(`${via} is not public: it lies in ${range.cidr}, ${range.label}; private addresses are refused without --allow-private`);
  }
}

/**
 * Keeps the fetcher off non-public addresses. Two checkpoints, because a host name is only an address once
 * resolved: IP-literal hosts are refused before anything is sent (`checkHost`), and names are checked
 * inside the socket's own DNS lookup (`lookup`), so the address checked is the very one connected to — a
 * name that resolves to a public address for a check and to 127.0.0.1 for the connect (DNS rebinding)
 * gets no second resolution to exploit.
 */
export class AddressGuard {
  private readonly allowed: ReadonlySet<string>;

  /**
   * @param allowList exact addresses exempt from the guard (a local test server, an intranet mirror);
   *   exact addresses rather than ranges, so an exemption cannot silently open a whole network.
   */
  constructor(allowList: readonly string[]) {
    this.allowed = new Set(allowList.map((address) => canonical(address)));
  }

  /** The refusal for connecting to `address` (reached through `hostname`), or null when it is allowed. */
  refusal(hostname: string, address: string): PrivateAddressError | null {
    const range = nonPublicRange(address);
    if (range === null || this.allowed.has(canonical(address))) return null;
    return new PrivateAddressError(hostname, address, range);
  }

  /** For a URL host: the refusal when it is a non-public IP literal; null for public literals and names. */
  checkHost(hostname: string): PrivateAddressError | null {
    if (!isIpLiteral(hostname)) return null;
    const address = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
    return this.refusal(address, address);
  }

  /**
   * A `net.connect` lookup that resolves like the system resolver and fails the connection when any
   * resolved address is non-public: a name pointing into a private network is refused outright rather
   * than trimmed to its public addresses, so the outcome never depends on which address is tried first.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, []);
        return;
      }
      for (const { address } of addresses) {
        const refusal = this.refusal(hostname, address);
        if (refusal) {
          callback(refusal, []);
          return;
        }
      }
      const [first] = addresses;
      if (options.all) callback(null, addresses);
      else if (first) callback(null, first.address, first.family);
      else callback(Object.assign(new Error(`${hostname} resolved to no address`), { code: "ENOTFOUND" }), []);
    });
  };
}

/** One spelling per address, so `::1` and `0::1` (or `::ffff:10.0.0.1` and `::ffff:a00:1`) match. */
function canonical(address: string): string {
  const ip = parseIp(address);
  return `${ip.family}:${ip.value.toString(16)}`;
}
