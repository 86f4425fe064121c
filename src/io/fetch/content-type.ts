/** The media type of a `Content-Type` header as `type/subtype` in lower case, or null when absent or blank. */
export function mediaType(header: string | undefined): string | null {
  const type = header?.split(";")[0]?.trim().toLowerCase();
  return type ? type : null;
}

/**
 * Whether a response of this media type may be read. A missing `Content-Type` is let through: small and
 * old servers omit it for HTML, RFC 9110 §8.3 lets the recipient sniff, and the extractors do.
 */
export function isAccepted(type: string | null, accepted: readonly string[]): boolean {
  return type === null || accepted.includes(type);
}

/** The `Accept` header announcing exactly the types we read, so content negotiation can serve one of them. */
export function acceptHeader(accepted: readonly string[]): string {
  return accepted.join(", ");
}
