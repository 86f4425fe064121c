import { createHash } from "node:crypto";
import type { FetchedResource } from "../io/fetch/fetcher.ts";

/** How the checked bytes reached us. */
export type EvidenceOrigin = "fetched" | "submitted";

/**
 * One capture of a page: the exact bytes as received, named by their SHA-256, with where and when they came
 * from. Bytes are stored once per hash (content-addressed); every capture is a row of its own, even when the
 * bytes are the same as an earlier capture's, because its time and headers are evidence too.
 */
export interface EvidenceCapture {
  id: number;
  /** SHA-256 of the bytes, lower-case hex. */
  sha256: string;
  size: number;
  /** The URL requested (for a submission: the URL the submitter named). */
  url: string;
  /** The URL that answered, after redirects; the same as `url` for a submission. */
  finalUrl: string;
  origin: EvidenceOrigin;
  /** ISO timestamp of the response (or of the submission). */
  fetchedAt: string;
  /** HTTP status; null for a submission. */
  status: number | null;
  /** Response headers, names lower-cased; empty for a submission. */
  headers: Record<string, string>;
  /** Media type of the bytes as received (`content-type` header, or what the submitter sent). */
  contentType: string | null;
}

export type NewEvidence = Omit<EvidenceCapture, "id" | "sha256" | "size"> & { body: Uint8Array };

/** Evidence of a fetched page: the exact bytes received, where they came from and when. */
export function evidenceOf(resource: FetchedResource): NewEvidence {
  return {
    body: resource.body,
    url: resource.requestedUrl,
    finalUrl: resource.url,
    origin: "fetched",
    fetchedAt: resource.fetchedAt,
    status: resource.status,
    headers: resource.headers,
    contentType: resource.headers["content-type"] ?? null,
  };
}

/**
 * Append-only storage of captures. Nothing is ever updated or deleted: a case may rest on a capture for
 * years, and its hash must still name the same bytes.
 */
export interface EvidenceStore {
  capture(evidence: NewEvidence): Promise<EvidenceCapture>;
  getCapture(id: number): Promise<EvidenceCapture | null>;
  /** Captures of these bytes, oldest first. */
  capturesOf(sha256: string): Promise<EvidenceCapture[]>;
  /** The bytes named by a hash, or null when none are stored. */
  body(sha256: string): Promise<Uint8Array | null>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A SHA-256 in the lower-case hex form the stores use. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
