import { decodeBody } from "../io/decode.ts";

/**
 * The text of a fetched body (a listing, a site's home page, robots.txt), decoded by the product's one charset
 * rule (`decodeBody`), which does not trust a `Content-Type` charset the bytes contradict: monitored sites are
 * not ours, and a web server's default charset overriding what the pages really are is a common misconfiguration.
 */
export function decodePage(bytes: Uint8Array, contentType: string | undefined): string {
  return decodeBody(bytes, contentType).text;
}
