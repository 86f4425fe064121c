/**
 * Whether a URL's host is under a top-level name reserved never to resolve: `.example` (for examples and
 * demonstrations) and `.invalid` (for names known to be invalid), RFC 2606 §2 and RFC 6761 §6.4–6.5. A page
 * there can never be fetched, so no one should wait on it: the demo's fictional re-publishers live there.
 * `.test` and `.localhost` are left out: a machine may resolve them itself.
 */
export function isNeverResolvable(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return false;
  }
  return /(^|\.)(example|invalid)$/.test(host);
}
