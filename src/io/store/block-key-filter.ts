/**
 * A Bloom filter of block keys (64-bit hashes already, so its probes are cut from the key's own bits):
 * "no" means no row holds the key, "maybe" means look. Nearly all of a new source's blocks are its own
 * paragraphs, held by no other source, so most block-count look-ups end here without a statement.
 */
export class BlockKeyFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  private keys = 0;

  /** Sized for `capacity` keys; `full` once more were added and the filter should be rebuilt larger. */
  constructor(readonly capacity: number) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(2 ** 16, capacity * BITS_PER_KEY)));
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  get full(): boolean {
    return this.keys > this.capacity;
  }

  add(key: bigint): void {
    this.keys++;
    this.probe(key, (bit) => {
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
      return true;
    });
  }

  mayHold(key: bigint): boolean {
    return this.probe(key, (bit) => (this.bits[bit >>> 5]! & (1 << (bit & 31))) !== 0);
  }

  /** Double hashing over the key's two 32-bit halves; stops at the first probe `visit` refuses. */
  private probe(key: bigint, visit: (bit: number) => boolean): boolean {
    const low = Number(BigInt.asUintN(32, key));
    const high = Number(BigInt.asUintN(32, key >> 32n)) | 1;
    for (let i = 0; i < PROBES; i++) if (!visit((low + Math.imul(i, high)) & this.mask)) return false;
    return true;
  }
}

/** 16 bits and 6 probes a key: about 0.1% false "maybe"s, each one look-up the filter does not save. */
const BITS_PER_KEY = 16;
const PROBES = 6;
