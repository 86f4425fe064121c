/** A run of a source's text: protected (counts toward the share) or boilerplate (excluded). */
export interface TextSegment {
  text: string;
  boilerplate: boolean;
}

/**
 * Cuts a source's text into protected and boilerplate runs, for showing the boilerplate greyed out.
 * The removed blocks are found in order, each after the previous one; a block that cannot be found (the
 * text changed since) is skipped rather than guessed at, so the view never greys out protected text.
 */
export function sourceSegments(text: string, boilerplate: readonly string[]): TextSegment[] {
  const segments: TextSegment[] = [];
  const push = (segment: TextSegment) => {
    if (segment.text === "") return;
    const last = segments[segments.length - 1];
    if (last !== undefined && last.boilerplate === segment.boilerplate) last.text += segment.text;
    else segments.push({ ...segment });
  };
  let cursor = 0;
  for (const block of boilerplate) {
    const needle = block.trim();
    if (needle === "") continue;
    const at = text.indexOf(needle, cursor);
    if (at < 0) continue;
    push({ text: text.slice(cursor, at), boilerplate: false });
    push({ text: needle, boilerplate: true });
    cursor = at + needle.length;
  }
  push({ text: text.slice(cursor), boilerplate: false });
  return segments;
}
