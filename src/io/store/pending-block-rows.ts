/**
 * The block rows of a group of sources written in one transaction (see `SqliteBulkWriter`), held until the
 * group commits, as they came (inserting a group's blocks in key order saved less than sorting them cost),
 * with how many of the group's sources hold each key, which block counts add to the stored ones.
 */
export class PendingBlockRows {
  private rows: BlockRow[] = [];
  /** Sources added per block key. */
  private readonly counts = new Map<bigint, number>();

  get empty(): boolean {
    return this.rows.length === 0;
  }

  /** Adds a source's distinct block keys (as the store keys them, with the domain). */
  add(sourceId: number, blockKeys: readonly bigint[]): void {
    for (const key of blockKeys) {
      this.rows.push({ key, sourceId });
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

  /** Hands over the rows and forgets them. */
  take(): readonly BlockRow[] {
    const rows = this.rows;
    this.rows = [];
    this.counts.clear();
    return rows;
  }
}

export interface BlockRow {
  key: bigint;
  sourceId: number;
}
