/**
 * The index rows of a group of sources written in one transaction (see `SqliteBulkWriter`),
 * held until the group commits: postings, given in key order, and the blocks each source holds, as they
 * came (inserting a group's blocks in key order saved less than sorting them cost).
 */
export class PendingIndexRows {
  /**
   * One number a posting, (hash + 2³¹) × 2²¹ + (source id − `base`), so that sorting the numbers sorts
   * the postings as SQLite orders them (signed hash, then source).
   */
  private postings: number[] = [];
  private base = 0;
  private blocks: Array<{ key: bigint; sourceId: number }> = [];
  /** Sources added per block key. */
  private readonly counts = new Map<bigint, number>();

  get empty(): boolean {
    return this.postings.length === 0 && this.blocks.length === 0;
  }

  /** Whether a source can join: the group's ids must span fewer than SOURCE_ID_RANGE. */
  fits(sourceId: number): boolean {
    return this.empty || (sourceId >= this.base && sourceId - this.base < SOURCE_ID_RANGE);
  }

  /** Adds a source's postings and its distinct block keys (as the store keys them, with the domain). */
  add(sourceId: number, hashes: Int32Array, blockKeys: readonly bigint[]): void {
    if (!this.fits(sourceId)) throw new RangeError(`source ${sourceId} is outside the pending group's ids`);
    if (this.empty) this.base = sourceId;
    for (const hash of hashes) this.postings.push((hash + 2 ** 31) * SOURCE_ID_RANGE + (sourceId - this.base));
    for (const key of blockKeys) {
      this.blocks.push({ key, sourceId });
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
  }

  /** The pending sources holding block `key`. */
  added(key: bigint): number {
    return this.counts.get(key) ?? 0;
  }

  /** The distinct block keys pending. */
  blockKeys(): bigint[] {
    return [...this.counts.keys()];
  }

  /** The rows, postings in their table's key order. */
  rows(): IndexRows {
    const keys = Float64Array.from(this.postings).sort();
    const hashes = new Int32Array(keys.length);
    const sourceIds = new Int32Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      hashes[i] = Math.floor(keys[i]! / SOURCE_ID_RANGE) - 2 ** 31;
      sourceIds[i] = this.base + (keys[i]! % SOURCE_ID_RANGE);
    }
    return {
      postings: { hashes, sourceIds },
      blocks: this.blocks,
    };
  }

  clear(): void {
    this.postings = [];
    this.blocks = [];
    this.counts.clear();
  }
}

export interface IndexRows {
  postings: { hashes: Int32Array; sourceIds: Int32Array };
  blocks: ReadonlyArray<{ key: bigint; sourceId: number }>;
}

/** Source ids a group can span: 2³² × 2²¹ is the largest integer a double holds exactly. */
const SOURCE_ID_RANGE = 2 ** 21;
