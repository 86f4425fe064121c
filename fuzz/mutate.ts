import type { Random } from "./random.ts";

/** A named change to an input's bytes; the names are counted in the run's summary. */
interface Mutation {
  name: string;
  apply(bytes: Uint8Array, random: Random): Uint8Array;
}

const ascii = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

function insert(bytes: Uint8Array, at: number, piece: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(at)]));
}

function insertAnywhere(piece: (random: Random) => Uint8Array) {
  return (bytes: Uint8Array, random: Random) => insert(bytes, random.int(bytes.length + 1), piece(random));
}

/** Byte sequences that are not UTF-8: lone continuation bytes, overlong forms, surrogates, cut sequences. */
const INVALID_UTF8 = [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xff, 0xfe, 0xfd]];
const BAD_ENTITIES = ["&#0;", "&#xD800;", "&#99999999999;", "&bogus;", "&#;", "&", "&#x110000;", "<![CDATA[", "]]>", "<!--", "<?", "<!DOCTYPE x [<!ENTITY a \"&a;\">]>"];
const BAD_URLS = ["https://a b.example/", "https://a\u202eb.example/", "https://[::1", "http://", "https://xn--/", "\u0000http://x/"];
const HOSTILE_TEXT = ["\u202e", "\u0000", "\uFEFF", "\u2028", "\uD800", "𝕏", "\u0301".repeat(50)];

export const MUTATIONS: readonly Mutation[] = [
  { name: "truncate", apply: (bytes, random) => bytes.subarray(0, random.int(bytes.length + 1)) },
  { name: "empty", apply: () => new Uint8Array() },
  { name: "blank", apply: (_bytes, random) => ascii(" \n\t".repeat(random.between(1, 100))) },
  {
    name: "flip-bytes",
    apply: (bytes, random) => {
      const copy = new Uint8Array(bytes);
      for (let i = random.between(1, 20); i > 0 && copy.length > 0; i--) copy[random.int(copy.length)] = random.int(256);
      return copy;
    },
  },
  { name: "nul", apply: insertAnywhere((random) => new Uint8Array(random.between(1, 4))) },
  { name: "invalid-utf8", apply: insertAnywhere((random) => new Uint8Array(random.pick(INVALID_UTF8))) },
  { name: "bad-entity", apply: insertAnywhere((random) => ascii(random.pick(BAD_ENTITIES))) },
  { name: "bad-url", apply: insertAnywhere((random) => utf8(random.pick(BAD_URLS))) },
  { name: "hostile-text", apply: insertAnywhere((random) => utf8(random.pick(HOSTILE_TEXT))) },
  { name: "deep-nesting", apply: insertAnywhere((random) => ascii(random.pick(["<div>", "<item>", "<b><i>", "[", "{\"a\":"]).repeat(random.between(1000, 20_000)))) },
  { name: "huge-attribute", apply: insertAnywhere((random) => ascii(` x="${"y".repeat(random.between(10_000, 1_000_000))}"`)) },
  { name: "bom", apply: (bytes, random) => insert(bytes, 0, new Uint8Array(random.pick([[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]]))) },
  {
    name: "binary",
    apply: (bytes, random) => {
      const junk = new Uint8Array(random.between(1, 4096)).map(() => random.int(256));
      return random.chance(0.5) ? junk : insert(bytes, random.int(bytes.length + 1), junk);
    },
  },
  { name: "magic-prefix", apply: (bytes, random) => insert(bytes, 0, new Uint8Array(random.pick([[0x89, 0x50, 0x4e, 0x47], [0x1f, 0x8b, 0x08], [0x25, 0x50, 0x44, 0x46, 0x2d], [0x50, 0x4b, 0x03, 0x04]]))) },
  {
    name: "duplicate-chunk",
    apply: (bytes, random) => {
      const start = random.int(bytes.length + 1);
      const chunk = bytes.subarray(start, start + random.between(1, 2000));
      return insert(bytes, random.int(bytes.length + 1), new Uint8Array(Buffer.concat(Array.from({ length: random.between(2, 50) }, () => chunk))));
    },
  },
  { name: "lines-crlf-cr", apply: (bytes, random) => ascii(Buffer.from(bytes).toString("latin1").replace(/\n/g, random.pick(["\r", "\r\n", "\n\n\n"]))) },
];

/** Applies 1 to 3 random mutations; returns the new bytes and the mutations' names. */
export function mutate(bytes: Uint8Array, random: Random): { bytes: Uint8Array; applied: string[] } {
  const applied: string[] = [];
  let result = bytes;
  for (let i = random.between(1, 3); i > 0; i--) {
    const mutation = random.pick(MUTATIONS);
    result = mutation.apply(result, random);
    applied.push(mutation.name);
  }
  return { bytes: result, applied };
}
