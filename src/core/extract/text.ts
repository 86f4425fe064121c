/** Collapses runs of whitespace (non-breaking spaces included) to one space and trims the ends. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
