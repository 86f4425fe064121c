/** Block keys are 64-bit hashes written as 16 hex digits; both databases store them as signed 64-bit integers. */
export function blockKeyToInt(key: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${key}`));
}

/**
 * Block keys as the block tables hold them: XORed with a 64-bit hash of the source's domain, so that one
 * block in two domains is two keys. Two (domain, block) pairs share a key only if their keys differ by
 * exactly their domains' hashes, a chance of 2⁻⁶⁴ a pair.
 */
export class DomainKeys {
  private readonly hashes = new Map<string, bigint>();

  of(domain: string, keys: readonly bigint[]): bigint[] {
    const hash = this.hash(domain);
    return keys.map((key) => BigInt.asIntN(64, key ^ hash));
  }

  /** What `of` XORs `domain`'s keys with, as a signed 64-bit integer: for SQL that mixes keys where they are stored. */
  hash(domain: string): bigint {
    let hash = this.hashes.get(domain);
    if (hash === undefined) this.hashes.set(domain, (hash = BigInt.asIntN(64, fnv1a64(domain))));
    return hash;
  }
}

/** FNV-1a over UTF-16 code units, 64 bits. */
function fnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) hash = BigInt.asUintN(64, (hash ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n);
  return hash;
}
