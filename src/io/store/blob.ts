/**
 * A copy of a blob's bytes in an ArrayBuffer of its own. Blobs come back from the database as Buffers
 * that may sit at any offset of a shared pool, where a Uint32Array or BigInt64Array view would be
 * misaligned; the copy starts at offset 0. (`Uint8Array.from(buffer)` would also copy, but element by
 * element through the iterator, which made reading a source's words cost more than the query itself.)
 */
export function ownBuffer(blob: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return copy.buffer;
}
