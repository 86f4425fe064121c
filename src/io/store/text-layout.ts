import { ownBuffer } from "./blob.ts";
import type { Span } from "../../core/types.ts";

/**
 * Where a source's protected blocks and boilerplate blocks sit in its text. Storing these spans instead
 * of the protected text and the boilerplate strings halves what a source costs on disk: both are
 * slices of the text, which is stored anyway.
 */
export interface TextLayout {
  kept: Span[];
  removed: Span[];
}

/**
 * A source's protected text and boilerplate as a store keeps them: the layout blob, or, when the protected
 * text is not made of the text's blocks, the protected text and the boilerplate (as JSON) themselves.
 */
export interface StoredTexts {
  layout: Buffer | null;
  protectedText: string | null;
  boilerplate: string | null;
}

export function storedTexts(text: string, protectedText: string, boilerplate: readonly string[]): StoredTexts {
  const layout = layoutOf(text, protectedText, boilerplate);
  return layout ? { layout: encodeLayout(layout), protectedText: null, boilerplate: null } : { layout: null, protectedText, boilerplate: JSON.stringify(boilerplate) };
}

/** The protected text and boilerplate back from what `storedTexts` gave the store. */
export function restoredTexts(text: string, stored: Readonly<StoredTexts>): { protectedText: string; boilerplate: string[] } {
  if (stored.layout === null) return { protectedText: stored.protectedText ?? "", boilerplate: JSON.parse(stored.boilerplate ?? "[]") as string[] };
  const layout = decodeLayout(stored.layout);
  return { protectedText: protectedTextOf(text, layout), boilerplate: boilerplateOf(text, layout) };
}

/** The separator `protectText` joins kept blocks with. */
const BLOCK_SEPARATOR = "\n\n";

/**
 * Finds the kept and removed blocks in the text, in order, or returns null when the protected text is
 * not the kept blocks joined by a blank line (then the store keeps the protected text itself).
 */
function layoutOf(text: string, protectedText: string, boilerplate: readonly string[]): TextLayout | null {
  const kept = locate(text, protectedText === "" ? [] : protectedText.split(BLOCK_SEPARATOR));
  const removed = locate(text, boilerplate);
  if (!kept || !removed) return null;
  const layout = { kept, removed };
  return protectedTextOf(text, layout) === protectedText ? layout : null;
}

function locate(text: string, blocks: readonly string[]): Span[] | null {
  const spans: Span[] = [];
  let from = 0;
  for (const block of blocks) {
    const start = text.indexOf(block, from);
    if (start < 0) return null;
    spans.push({ start, end: start + block.length });
    from = start + block.length;
  }
  return spans;
}

function protectedTextOf(text: string, layout: TextLayout): string {
  return layout.kept.map((s) => text.slice(s.start, s.end)).join(BLOCK_SEPARATOR);
}

function boilerplateOf(text: string, layout: TextLayout): string[] {
  return layout.removed.map((s) => text.slice(s.start, s.end));
}

/** Layout as a blob: [kept count, kept starts and ends..., removed starts and ends...] as 32-bit integers. */
function encodeLayout(layout: TextLayout): Buffer {
  const ints = new Uint32Array(1 + 2 * (layout.kept.length + layout.removed.length));
  ints[0] = layout.kept.length;
  let i = 1;
  for (const s of [...layout.kept, ...layout.removed]) {
    ints[i++] = s.start;
    ints[i++] = s.end;
  }
  return Buffer.from(ints.buffer);
}

function decodeLayout(blob: Uint8Array): TextLayout {
  const ints = new Uint32Array(ownBuffer(blob));
  const spans: Span[] = [];
  for (let i = 1; i + 1 < ints.length; i += 2) spans.push({ start: ints[i]!, end: ints[i + 1]! });
  return { kept: spans.slice(0, ints[0]), removed: spans.slice(ints[0]) };
}
