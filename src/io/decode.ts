import chardet from "chardet";
import iconv from "iconv-lite";

/** How far into a document a `<meta charset>` or XML declaration may sit: HTML requires the first 1024 bytes; pages overrun that. */
const DECLARATION_WINDOW = 4096;
/** How much of a body the binary and encoding sniffers read: enough for a verdict, cheap on big files. */
const SNIFF_WINDOW = 8192;

/** Spellings of charsets the way pages write them, mapped to one name each. */
const CHARSET_ALIASES: Record<string, string> = {
  utf8: "utf-8",
  "unicode-1-1-utf-8": "utf-8",
  cp1251: "windows-1251",
  "win-1251": "windows-1251",
  windows1251: "windows-1251",
  "x-cp1251": "windows-1251",
  koi8r: "koi8-r",
  koi8: "koi8-r",
  // The WHATWG Encoding Standard decodes these labels as windows-1252, as browsers do.
  "iso-8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  latin1: "windows-1252",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
};

/**
 * Good multi-byte UTF-8 characters needed per bad byte for bytes that are not valid UTF-8 to still be read as
 * UTF-8. Single-byte Cyrillic text almost never forms a UTF-8 character by chance (a lower-case letter,
 * 0xE0–0xFF in windows-1251, would need two continuation bytes, 0x80–0xBF, after it), so its ratio is far
 * below 1, while a UTF-8 page damaged in transit keeps thousands of good characters for a few bad bytes.
 */
const UTF8_GOOD_PER_BAD = 10;
/** Single-byte Cyrillic encodings that chardet names; see `cyrillicByLetterCase` for telling two of them apart. */
const CYRILLIC = new Set(["windows-1251", "koi8-r", "iso-8859-5", "ibm866"]);

/**
 * Decodes a document's bytes: the one charset rule of every page the product reads (files, uploads, fetched
 * pages, the monitor's). The charset comes from, in order: a byte-order mark, the HTTP `Content-Type` header,
 * a `<meta>` charset or XML `encoding` declaration in the first 4 KB, sniffing, and else UTF-8. A label the
 * bytes prove wrong is passed over for the next clue (`bytesAllow`): servers and CMSs add `charset=utf-8` to
 * old windows-1251 pages, and a site moved to UTF-8 keeps its server's old single-byte default.
 * `charset` is the name used, lower-case (e.g. "windows-1251").
 */
export function decodeBody(bytes: Uint8Array, contentType?: string): { text: string; charset: string } {
  const labels = [canonicalCharset(/charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType ?? "")?.[1]), declaredCharset(bytes)];
  const charset = charsetFromBom(bytes) ?? labels.find((label) => label !== null && bytesAllow(bytes, label)) ?? sniffCharset(bytes);
  return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset), charset };
}

/**
 * Whether bytes may be in the charset a label names. UTF-8 they must be valid as: other charsets read as
 * UTF-8 are replacement characters matching nothing. Any other charset they must not be valid UTF-8 with
 * characters past ASCII in: text in another charset practically never forms valid multi-byte UTF-8 by chance,
 * so such bytes are UTF-8 whatever the label says. A UTF-16 label in a header is believed (a
 * declaration inside the page never names UTF-16: see `declaredCharset`).
 */
function bytesAllow(bytes: Uint8Array, charset: string): boolean {
  if (charset === "utf-8") return isValidUtf8(bytes);
  if (charset.startsWith("utf-16")) return true;
  return !(bytes.some((byte) => byte >= 0x80) && isValidUtf8(bytes));
}

/**
 * Whether bytes are not text: a known binary format (PNG, JPEG, GIF, PDF, ZIP, gzip) or NUL bytes,
 * which text never holds (except UTF-16, recognised by its byte-order mark).
 */
export function sniffBinary(bytes: Uint8Array): boolean {
  if (MAGIC_NUMBERS.some((magic) => magic.every((byte, i) => bytes[i] === byte))) return true;
  if (charsetFromBom(bytes)?.startsWith("utf-16")) return false;
  return bytes.subarray(0, SNIFF_WINDOW).includes(0);
}

const MAGIC_NUMBERS: ReadonlyArray<readonly number[]> = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8(7|9)a
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x50, 0x4b, 0x03, 0x04], // ZIP (also docx, xlsx, epub)
  [0x50, 0x4b, 0x05, 0x06], // empty ZIP
  [0x1f, 0x8b], // gzip
];

function charsetFromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

/** `<meta charset=…>`, `<meta http-equiv=Content-Type content="…; charset=…">` or `<?xml … encoding="…"?>`. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, DECLARATION_WINDOW)).toString("latin1");
  const declared =
    /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1] ??
    /<meta\s[^>]*charset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(head)?.[1];
  const charset = canonicalCharset(declared);
  // A document that could declare its charset in ASCII is not UTF-16, whatever it says (WHATWG rule).
  return charset?.startsWith("utf-16") ? "utf-8" : charset;
}

/** A charset name iconv-lite can decode, or null for a missing or unknown label. */
function canonicalCharset(label: string | undefined): string | null {
  if (!label) return null;
  const lower = label.trim().toLowerCase();
  const name = CHARSET_ALIASES[lower] ?? lower;
  return iconv.encodingExists(name) ? name : null;
}

/**
 * Guesses the charset of bytes with no usable declaration. It reads from the first byte that is not ASCII,
 * since markup and scripts can fill a page's first kilobytes and every charset here writes ASCII alike.
 * What reads as UTF-8 is UTF-8 (`looksLikeUtf8`: a page with a stray bad byte stays UTF-8). Otherwise chardet
 * guesses; since our pages are mostly Russian and chardet often takes KOI8-R for Hebrew, a Cyrillic guess not
 * far behind its best is preferred.
 */
function sniffCharset(bytes: Uint8Array): string {
  const firstNonAscii = bytes.findIndex((byte) => byte >= 0x80);
  if (firstNonAscii === -1) return "utf-8";
  const sample = bytes.subarray(firstNonAscii, firstNonAscii + SNIFF_WINDOW);
  if (looksLikeUtf8(sample)) return "utf-8";
  const guesses = chardet.analyse(sample);
  const best = guesses[0];
  if (!best) return "utf-8";
  const cyrillic = guesses.find((g) => CYRILLIC.has(g.name.toLowerCase()));
  // "Not far behind": at least half the best confidence (KOI8-R text scored 41 against Hebrew's 60 in our tests).
  if (cyrillic && cyrillic.confidence * 2 >= best.confidence) {
    const name = cyrillic.name.toLowerCase();
    return name === "windows-1251" || name === "koi8-r" ? cyrillicByLetterCase(sample) : name;
  }
  return canonicalCharset(best.name) ?? "utf-8";
}

/**
 * windows-1251 and KOI8-R use the same byte ranges for Cyrillic with the cases swapped: lower-case letters
 * are 0xE0–0xFF in windows-1251 and 0xC0–0xDF in KOI8-R. Running text is mostly lower-case, so whichever
 * range is the more frequent tells the encoding.
 */
function cyrillicByLetterCase(bytes: Uint8Array): string {
  let upperRange = 0;
  let lowerRange = 0;
  for (const byte of bytes) {
    if (byte >= 0xe0) upperRange++;
    else if (byte >= 0xc0) lowerRange++;
  }
  return upperRange >= lowerRange ? "windows-1251" : "koi8-r";
}

/**
 * Whether bytes read as UTF-8: valid, or with stray bad bytes among many good multi-byte characters
 * (`UTF8_GOOD_PER_BAD`). Other encodings of real text almost never form valid UTF-8 by chance.
 */
function looksLikeUtf8(bytes: Uint8Array): boolean {
  if (isValidUtf8(bytes)) return true;
  let good = 0;
  let bad = 0;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    let complete = length > 0 && i + length <= bytes.length;
    for (let k = 1; complete && k < length; k++) complete = (bytes[i + k]! & 0xc0) === 0x80;
    if (complete) {
      good++;
      i += length;
    } else {
      bad++;
      i++;
    }
  }
  return good >= bad * UTF8_GOOD_PER_BAD;
}

/** Whether bytes are valid UTF-8; a character cut off at the end of a sample is allowed (`stream`). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
