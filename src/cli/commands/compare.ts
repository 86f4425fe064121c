import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import type { Span, Token } from "../../core/types.ts";
import { UsageError } from "../context.ts";

export function registerCompare(program: Command, context: CliContext): void {
  program
    .command("compare")
    .description("show the aligned passages of two texts side by side (no database needed)")
    .argument("<source>", "the publisher's article: HTML or text file, or URL")
    .argument("<candidate>", "the page suspected of reuse: HTML or text file, or URL")
    .action(async (sourceInput: string, candidateInput: string) => {
      const allowPrivate = context.allowPrivate();
      const [{ protectText }, { compareTexts }, { titleLine }] = await Promise.all([
        import("../../core/boilerplate/protect.ts"),
        import("../../core/compare.ts"),
        import("../../io/inputs/plain-text.ts"),
      ]);
      const source = await readOne(sourceInput, "source", allowPrivate);
      const candidate = await readOne(candidateInput, "candidate", allowPrivate);
      // Read as a candidate so a text file needs no --url; its headline is still not protected text.
      const headline = titleLine(source.text);
      const { protectedText } = protectText(headline?.title === source.title ? headline.rest : source.text);
      const cmp = compareTexts(protectedText, candidate.text);
      const color = process.stdout.isTTY === true;
      const out: string[] = [
        `source:    ${sourceInput} (${cmp.sourceChars} chars of protected text)`,
        `candidate: ${candidateInput} (${candidate.text.length} chars)`,
        `reused:    ${cmp.reusedChars} of ${cmp.sourceChars} chars = ${(cmp.share * 100).toFixed(1)}% in ${cmp.passages.length} passage(s)`,
      ];
      const matchedS = new Set(cmp.alignments.flatMap((a) => a.pairs.map((p) => p.source)));
      const matchedC = new Set(cmp.alignments.flatMap((a) => a.pairs.map((p) => p.candidate)));
      cmp.passages.forEach((p, i) => {
        out.push("", `── passage ${i + 1}: source ${p.source.start}–${p.source.end} ↔ candidate ${p.candidate.start}–${p.candidate.end}`);
        out.push(`  source:    ${marked(protectedText, p.source, cmp.sourceTokens, matchedS, color)}`);
        out.push(`  candidate: ${marked(candidate.text, p.candidate, cmp.candidateTokens, matchedC, color)}`);
      });
      if (!color) out.push("", "Words in ⟨⟩ have no counterpart in the other text (edited, inserted or deleted).");
      process.stdout.write(`${out.join("\n")}\n`);
    });
}

async function readOne(input: string, role: "source" | "candidate", allowPrivate: boolean) {
  const { readInputs } = await import("../read-inputs.ts");
  for await (const item of readInputs([input], { purpose: "candidate", allowPrivate })) {
    if ("error" in item) throw item.error;
    return item.doc;
  }
  throw new UsageError(`${input}: holds no ${role} document`);
}

/** The span's text with words that have no counterpart marked: red on a terminal, ⟨⟩ when piped. */
function marked(text: string, span: Span, tokens: readonly Token[], matched: ReadonlySet<number>, color: boolean): string {
  let out = "";
  let at = span.start;
  tokens.forEach((t, i) => {
    if (t.start < span.start || t.end > span.end || matched.has(i)) return;
    out += text.slice(at, t.start) + (color ? `\x1b[31m${text.slice(t.start, t.end)}\x1b[0m` : `⟨${text.slice(t.start, t.end)}⟩`);
    at = t.end;
  });
  return (out + text.slice(at, span.end)).replace(/\s+/g, " ");
}
