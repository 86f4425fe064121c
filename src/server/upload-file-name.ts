import path from "node:path";

/**
 * Longest name, in UTF-8 bytes, given to an uploaded file in its temporary directory: well under the 255
 * bytes Linux and macOS file systems allow, since 200 Cyrillic characters (within the API's limit) take 400.
 */
const MAX_NAME_BYTES = 120;
/** Longest extension kept when a name is shortened: `.jsonl` is the longest one the loaders care about. */
const MAX_EXTENSION_BYTES = 10;
/** The name used when nothing of the uploaded one is usable (`..`, `/`, only symbols). */
const DEFAULT_NAME = "upload";

/**
 * A name for an uploaded file inside its private temporary directory, from the name the user gave: its last
 * path part, with anything but letters, digits, `.`, `_` and `-` (NUL and control characters included)
 * made `_`, no leading dots (so never `.` or `..`, which name directories), and shortened keeping its
 * extension, which tells the loaders the file's format.
 */
export function uploadFileName(filename: string): string {
  const safe = path.basename(filename.replaceAll("\\", "/")).replace(/[^\p{L}\p{N}._-]+/gu, "_").replace(/^\.+/, "");
  if (safe === "" || /^[._]*$/.test(safe)) return DEFAULT_NAME;
  if (Buffer.byteLength(safe) <= MAX_NAME_BYTES) return safe;
  const extension = path.extname(safe);
  const kept = Buffer.byteLength(extension) <= MAX_EXTENSION_BYTES ? extension : "";
  return `${truncateUtf8(safe.slice(0, safe.length - kept.length), MAX_NAME_BYTES - Buffer.byteLength(kept))}${kept}`;
}

/** The longest start of `text` that fits in `bytes` UTF-8 bytes, never splitting a character. */
function truncateUtf8(text: string, bytes: number): string {
  let length = 0;
  let end = 0;
  for (const char of text) {
    length += Buffer.byteLength(char);
    if (length > bytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}
