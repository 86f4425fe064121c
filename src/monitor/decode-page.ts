import { decodeBody } from "../io/decode.ts";

/**
 * Decodes a fetched body, not trusting the server's `Content-Type` charset where the bytes contradict it.
 * Monitored sites are not ours, and a web server's default charset header overriding what the pages really
 * are is a common misconfiguration:
 * - bytes that are valid UTF-8 and hold non-ASCII characters are UTF-8, whatever the header says (other
 *   encodings of real text practically never form valid multi-byte UTF-8 by chance);
 * - bytes that the header's charset cannot decode (UTF-8 declared, windows-1251 sent) are decoded as if no
 *   header had come: by the page's `<meta>` declaration, or else by sniffing.
 */
export function decodePage(bytes: Uint8Array, contentType: string | undefined): string {
  const declared = decodeBody(bytes, contentType);
  if (declared.charset === "utf-8") {
    if (isValidUtf8(bytes)) return declared.text;
    const undeclared = decodeBody(bytes);
    return undeclared.charset === "utf-8" ? declared.text : undeclared.text;
  }
  if (declared.charset.startsWith("utf-16") || !hasNonAscii(bytes) || !isValidUtf8(bytes)) return declared.text;
  return new TextDecoder("utf-8").decode(bytes);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte >= 0x80);
}
