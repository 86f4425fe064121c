/**
 * Quoted stretches of a text, found independently of the engine's quotation finder so the false-match
 * classification does not trust the code it judges: «…» (nesting „…“ inside), “…”, „…“ and "…", within
 * one paragraph.
 */
export function quotedRanges(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const pairs: Record<string, string> = { "«": "»", "“": "”", "„": "“", '"': '"' };
  let i = 0;
  while (i < text.length) {
    const close = pairs[text[i]!];
    if (close === undefined) {
      i++;
      continue;
    }
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      const ch = text[j]!;
      if (ch === "\n" && text[j + 1] === "\n") break;
      if (ch === close && depth === 0) break;
      if (ch === close) depth--;
      else if (ch === text[i] && close !== ch) depth++;
    }
    if (j < text.length && text[j] === close) {
      out.push({ start: i, end: j + 1 });
      i = j + 1;
    } else i++;
  }
  return out;
}
