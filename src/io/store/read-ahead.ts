/**
 * Values a store read in one statement for a call that will ask for them next, by source id, each handed out
 * once. A source's id is never given to another source and its row never changes (replacing a source inserts
 * a new row), so a value kept here can only be out of date in that its source was removed since it was read:
 * it then tells what the database held when it was read, as an answer read at that moment would have.
 * Values nobody asks for are dropped oldest first past `capacity`, which bounds the memory they hold.
 */
export class ReadAhead<V> {
  private readonly values = new Map<number, V>();

  constructor(private readonly capacity: number) {}

  put(id: number, value: V): void {
    // Deleted first, so that a value read again counts as the newest.
    this.values.delete(id);
    this.values.set(id, value);
    if (this.values.size > this.capacity) this.values.delete(this.values.keys().next().value!);
  }

  /** The value kept for `id`, no longer kept; undefined when there is none. */
  take(id: number): V | undefined {
    const value = this.values.get(id);
    this.values.delete(id);
    return value;
  }

  /** Drops what is kept for a source this process has just removed or replaced. */
  forget(id: number): void {
    this.values.delete(id);
  }
}
