/**
 * The postings of the sources a bulk load has written, held in memory until they are enough to be merged
 * into the large fingerprint table at once (see `SqliteBulkWriter`). Held by source, so that a source
 * replaced before the merge drops its own.
 */
export class HeldPostings {
  private readonly bySource = new Map<number, Int32Array>();
  private lowest = Infinity;
  private count = 0;

  /** Postings held. */
  get size(): number {
    return this.count;
  }

  get empty(): boolean {
    return this.bySource.size === 0;
  }

  /** The sources whose postings are held. */
  sourceIds(): number[] {
    return [...this.bySource.keys()];
  }

  /** Whether a source can join: the held ids must span fewer than SOURCE_ID_RANGE (see `SortedPostings`). */
  fits(sourceId: number): boolean {
    return this.empty || (sourceId >= this.lowest && sourceId - this.lowest < SOURCE_ID_RANGE);
  }

  add(sourceId: number, hashes: Int32Array): void {
    if (!this.fits(sourceId)) throw new RangeError(`source ${sourceId} is outside the held sources' ids`);
    if (this.empty) this.lowest = sourceId;
    // An id held already was another source's, removed by another connection and its id given again.
    this.drop(sourceId);
    this.bySource.set(sourceId, hashes);
    this.count += hashes.length;
  }

  /** Forgets a source's postings; whether it had any held. */
  drop(sourceId: number): boolean {
    const hashes = this.bySource.get(sourceId);
    if (hashes === undefined) return false;
    this.bySource.delete(sourceId);
    this.count -= hashes.length;
    return true;
  }

  /** The postings in the table's key order (signed hash, then source). */
  sorted(): SortedPostings {
    const keys = new Float64Array(this.count);
    let i = 0;
    for (const [sourceId, hashes] of this.bySource) for (const hash of hashes) keys[i++] = (hash + 2 ** 31) * SOURCE_ID_RANGE + (sourceId - this.lowest);
    return new SortedPostings(keys.sort(), this.lowest);
  }

  clear(): void {
    this.bySource.clear();
    this.count = 0;
  }
}

/**
 * Postings sorted as one number each, (hash + 2³¹) × 2²¹ + (source id − the lowest held), which a typed array
 * sorts without a comparator, and read back from it: two columns beside it would take as much memory again.
 */
export class SortedPostings {
  constructor(
    private readonly keys: Float64Array,
    private readonly lowest: number,
  ) {}

  get length(): number {
    return this.keys.length;
  }

  hash(i: number): number {
    return Math.floor(this.keys[i]! / SOURCE_ID_RANGE) - 2 ** 31;
  }

  sourceId(i: number): number {
    return this.lowest + (this.keys[i]! % SOURCE_ID_RANGE);
  }
}

/** Source ids the held postings can span: 2³² × 2²¹ is the largest integer a double holds exactly. */
const SOURCE_ID_RANGE = 2 ** 21;
