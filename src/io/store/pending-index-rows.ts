/**
 * The index rows of a group of sources written in one transaction (see `SqliteSourceStore.groupCommits`),
 * held until the group commits and then given in key order: postings, the blocks each source holds, and
 * how many of each domain's sources hold a block.
 */
export class PendingIndexRows {
  /**
   * One number a posting, (hash + 2³¹) × 2²¹ + (source id − `base`), so that sorting the numbers sorts
   * the postings as SQLite orders them (signed hash, then source).
   */
  private postings: number[] = [];
  private base = 0;
  private blocks: Array<{ key: bigint; sourceId: number }> = [];
  /** Sources added per domain and block key, keyed by both. */
  private counts = new Map<string, { domain: string; key: bigint; added: number }>();

  get empty(): boolean {
    return this.postings.length === 0 && this.blocks.length === 0;
  }

  /** Whether a source can join: the group's ids must span fewer than SOURCE_ID_RANGE. */
  fits(sourceId: number): boolean {
    return this.empty || (sourceId >= this.base && sourceId - this.base < SOURCE_ID_RANGE);
  }

  add(sourceId: number, hashes: Int32Array, domain: string, blockKeys: readonly bigint[]): void {
    if (!this.fits(sourceId)) throw new RangeError(`source ${sourceId} is outside the pending group's ids`);
    if (this.empty) this.base = sourceId;
    for (const hash of hashes) this.postings.push((hash + 2 ** 31) * SOURCE_ID_RANGE + (sourceId - this.base));
    for (const key of blockKeys) {
      this.blocks.push({ key, sourceId });
      const id = `${domain}\n${key}`;
      const count = this.counts.get(id);
      if (count) count.added++;
      else this.counts.set(id, { domain, key, added: 1 });
    }
  }

  /** The pending sources of `domain` holding block `key`. */
  added(domain: string, key: bigint): number {
    return this.counts.get(`${domain}\n${key}`)?.added ?? 0;
  }

  /** The rows, each kind in its table's key order. */
  sorted(): SortedIndexRows {
    const keys = Float64Array.from(this.postings).sort();
    const hashes = new Int32Array(keys.length);
    const sourceIds = new Int32Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      hashes[i] = Math.floor(keys[i]! / SOURCE_ID_RANGE) - 2 ** 31;
      sourceIds[i] = this.base + (keys[i]! % SOURCE_ID_RANGE);
    }
    return {
      postings: { hashes, sourceIds },
      blocks: [...this.blocks].sort((a, b) => compareKeys(a.key, b.key) || a.sourceId - b.sourceId),
      counts: [...this.counts.values()].sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : compareKeys(a.key, b.key))),
    };
  }

  clear(): void {
    this.postings = [];
    this.blocks = [];
    this.counts.clear();
  }
}

export interface SortedIndexRows {
  postings: { hashes: Int32Array; sourceIds: Int32Array };
  blocks: ReadonlyArray<{ key: bigint; sourceId: number }>;
  counts: ReadonlyArray<{ domain: string; key: bigint; added: number }>;
}

/** Source ids a group can span: 2³² × 2²¹ is the largest integer a double holds exactly. */
const SOURCE_ID_RANGE = 2 ** 21;

function compareKeys(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
