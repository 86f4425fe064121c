import type { EvidenceCapture, EvidenceOrigin, NewEvidence } from "./evidence.ts";
import type { Int64Column } from "../io/storage/int8-id.ts";

/**
 * A capture row joined with its blob's size, as both databases give it. Headers are JSON text, not
 * PostgreSQL's jsonb, which would reorder them: a capture must read back exactly as it was received.
 */
export interface CaptureRow {
  id: Int64Column;
  sha256: string;
  size: number;
  url: string;
  final_url: string;
  origin: EvidenceOrigin;
  fetched_at: string;
  status: number | null;
  headers: string;
  content_type: string | null;
}

/** The columns of a capture's row. */
export function captureColumns(evidence: NewEvidence, sha256: string): Omit<CaptureRow, "id" | "size"> {
  return {
    sha256,
    url: evidence.url,
    final_url: evidence.finalUrl,
    origin: evidence.origin,
    fetched_at: evidence.fetchedAt,
    status: evidence.status,
    headers: JSON.stringify(evidence.headers),
    content_type: evidence.contentType,
  };
}

/** The bytes as both drivers take a blob: a Buffer over the same memory, not a copy. */
export function blobOf(body: Uint8Array): Buffer {
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** A blob read back (a Buffer, from either driver) as the plain byte array the interface promises. */
export function bodyOf(blob: Buffer): Uint8Array {
  return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength);
}

export function captureFromRow(row: CaptureRow): EvidenceCapture {
  return {
    id: Number(row.id),
    sha256: row.sha256,
    size: row.size,
    url: row.url,
    finalUrl: row.final_url,
    origin: row.origin,
    fetchedAt: row.fetched_at,
    status: row.status,
    headers: JSON.parse(row.headers) as Record<string, string>,
    contentType: row.content_type,
  };
}
