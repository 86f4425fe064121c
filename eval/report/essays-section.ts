import { REWRITE_LABELS } from "../data/essays.ts";
import { GROUPS, labelRow, overall, type EssayRun } from "../tasks/essays.ts";
import { MIN_SCORE, type CrossLingualReport } from "../tasks/crosslingual.ts";
import type { MicroScores } from "../measures/pan.ts";
import { num, pct, ratio, table } from "./format.ts";

/** One row of the alignment-parameter sweep over essays 1 and 2. */
export interface EssaySweepRow {
  seedLength: number;
  minMatched: number;
  maxGap: number;
  light: [EssaySweepCell, EssaySweepCell];
  heavy: [EssaySweepCell, EssaySweepCell];
  pan: [MicroScores, MicroScores];
  passagePrecision: [number, number];
}

export interface EssaySweepCell {
  found: number;
  fragments: number;
}

export interface EssaySectionInput {
  /** Essays 1 and 2 at the default options (essay 1 is the tuning essay). */
  runs: EssayRun[];
  essay3: EssayRun;
  crossLingual: CrossLingualReport;
  crossLingualNoDictionary: CrossLingualReport;
  sweep: EssaySweepRow[];
}

const panCells = (p: MicroScores) => [num(p.precision), num(p.recall), num(p.granularity), num(p.plagdet)];

export function essaysSection(input: EssaySectionInput): string {
  const { runs } = input;
  const role = (r: EssayRun) => (r.essay.name.startsWith("essay1") ? "tuning" : "held out");
  const out: string[] = [];
  out.push("## 1. Human-written reuse: ParaPlag essays (PlagEvalRus)");
  out.push(
    "Each essay is one candidate; its saved source pages are decoded (`decodeBody`, by their `<meta charset>`), extracted (`extractPage`) and indexed with `createEngine(...).addSource` into a fresh SQLite file. " +
      "Ground truth: each borrowed fragment's span in the essay (fragments concatenated in order), and its source sentence located in the source's *protected* text (folded exact match, else the best word window holding ≥ 60% of its words). " +
      "A fragment is **found** when ≥ 50% of its characters lie in passages (any source); **passage precision** is the share of passage characters inside borrowed fragments. " +
      "PAN measures are character-level micro averages on both sides (suspicious + source), exactly as in `pan-text-alignment-spec/SOURCE.md`; a fragment whose source sentence could not be placed is scored on the essay side only. " +
      "Essay 1 is the tuning essay, essay 2 is held out; labels are as submitted, repaired as SOURCE.md advises (`ССT`→CCT, `SST`→SSP/SEP, `SHR`→SHF).",
  );

  out.push("### Overall");
  out.push(
    table(
      ["essay", "split", "borrowed fragments", "fragment recall", "passage precision", "PAN precision", "PAN recall", "granularity", "plagdet", "check time"],
      [...runs, input.essay3].map((r) => {
        const o = overall([r]);
        return [r.essay.name, r.essay.crossLanguage ? "cross-language" : role(r), o.fragments, pct(o.fragmentRecall), pct(o.passagePrecision), ...panCells(o.pan), `${(r.ms / 1000).toFixed(1)} s`];
      }),
    ),
  );
  out.push(
    `Source pages: ${[...runs, input.essay3]
      .map((r) => `${r.essay.name} ${r.pages.length} (${r.pages.filter((p) => p.charset !== "utf-8").map((p) => p.charset).join(", ") || "all UTF-8"}; ${r.pages.reduce((n, p) => n + p.protectedChars, 0)} protected characters)`)
      .join("; ")}.`,
  );
  const both = overall(runs);
  out.push(`Essays 1 + 2 together: fragment recall ${pct(both.fragmentRecall)}, passage precision ${pct(both.passagePrecision)}, PAN micro P ${num(both.pan.precision)} / R ${num(both.pan.recall)} / gran ${num(both.pan.granularity)} / **plagdet ${num(both.pan.plagdet)}**.`);

  out.push("### Per rewrite label (essays 1 + 2; a fragment counts under each label it carries)");
  out.push(
    "PAN precision for a label is measured on the detections that touch fragments with that label, so it reads as \"how clean are the passages found there\".",
  );
  const rows: Array<Array<string | number>> = [];
  for (const g of GROUPS) {
    const cells = runs.map((r) => labelRow([r], g.name, (f) => g.test(f.labels)));
    const all = labelRow(runs, g.name, (f) => g.test(f.labels));
    rows.push([`**${g.name}**`, ratio(cells[0]!.found, cells[0]!.fragments), ratio(cells[1]!.found, cells[1]!.fragments), ratio(all.found, all.fragments), ...panCells(all.pan)]);
  }
  for (const label of REWRITE_LABELS.filter((l) => l !== "ORIG")) {
    const cells = runs.map((r) => labelRow([r], label, (f) => f.labels.includes(label)));
    const all = labelRow(runs, label, (f) => f.labels.includes(label));
    if (all.fragments === 0) continue;
    rows.push([label, ratio(cells[0]!.found, cells[0]!.fragments), ratio(cells[1]!.found, cells[1]!.fragments), ratio(all.found, all.fragments), ...panCells(all.pan)]);
  }
  out.push(table(["label", "found, essay 1 (tuning)", "found, essay 2 (held out)", "found, both", "PAN P", "PAN R", "gran", "plagdet"], rows));
  const orig = runs.flatMap((r) => r.fragments.filter((f) => f.fragment.sourceFile === null));
  out.push(`ORIG (the writers' own sentences): ${orig.filter((f) => f.coveredChars > 0).length} of ${orig.length} touched by a passage, ${orig.reduce((n, f) => n + f.coveredChars, 0)} characters in all.`);

  out.push("### Why fragments are missed");
  out.push(
    "How much each fragment still shares with its source sentence, in the engine's stemmed words: the longest common subsequence (LCS, in order, gaps allowed). " +
      "The aligner needs seeds of 3 consecutive shared words and at least `minMatched` = 8 aligned words, so a fragment whose LCS is below 8 cannot be found alone (it can only be bridged by neighbours).",
  );
  const buckets = ["< 5", "5–7", "8–11", "≥ 12"];
  const bucketOf = (lcs: number) => (lcs < 5 ? "< 5" : lcs < 8 ? "5–7" : lcs < 12 ? "8–11" : "≥ 12");
  out.push(
    table(
      ["LCS with source (words)", ...runs.map((r) => `${r.essay.name}: found / fragments`)],
      buckets.map((b) => [b, ...runs.map((r) => {
        const fs = r.fragments.filter((f) => f.overlap && bucketOf(f.overlap.lcs) === b);
        return ratio(fs.filter((f) => f.found).length, fs.length);
      })]),
    ),
  );
  out.push(
    table(
      ["where the source sentence is", ...runs.map((r) => r.essay.name)],
      (["protected", "boilerplate", "not-extracted", "not-in-page"] as const).map((t) => [
        { protected: "in the protected text", boilerplate: "extracted, then removed as boilerplate", "not-extracted": "in the page, not extracted", "not-in-page": "not found in the page at all" }[t],
        ...runs.map((r) => r.fragments.filter((f) => f.trace === t).length),
      ]),
    ),
  );
  out.push(
    `Borrowed fragments whose source page the engine did not match at all (no passage with that page): ${runs
      .map((r) => `${r.essay.name} ${r.fragments.filter((f) => f.fragment.sourceFile !== null && !f.sourceMatched).length}`)
      .join(", ")}.`,
  );

  out.push("### Alignment parameters (tuned on essay 1, checked on essay 2)");
  out.push("Same index, only the aligner's options changed. Light = fragments labelled only CPY/DEL/ADD/LPR/SHF; heavy = any of HPR/SYN/CCT.");
  out.push(
    table(
      ["seedLength", "minMatched", "maxGap", "light e1", "heavy e1", "plagdet e1", "passage prec. e1", "light e2", "heavy e2", "plagdet e2", "passage prec. e2"],
      input.sweep.map((s) => [
        s.seedLength,
        s.minMatched,
        s.maxGap,
        ratio(s.light[0].found, s.light[0].fragments),
        ratio(s.heavy[0].found, s.heavy[0].fragments),
        num(s.pan[0].plagdet),
        pct(s.passagePrecision[0]),
        ratio(s.light[1].found, s.light[1].fragments),
        ratio(s.heavy[1].found, s.heavy[1].fragments),
        num(s.pan[1].plagdet),
        pct(s.passagePrecision[1]),
      ]),
    ),
  );

  out.push("### Essay 3: cross-language reuse (Beyond the anchors)");
  const e3 = overall([input.essay3]);
  out.push(
    `The engine as it is (same-language alignment): fragment recall ${pct(e3.fragmentRecall)}, plagdet ${num(e3.pan.plagdet)} on ${e3.fragments} borrowed fragments — it cannot see through translation, as expected.`,
  );
  const cl = input.crossLingual;
  out.push(
    "Without any model, each Russian sentence of the essay is paired with the English source sentence sharing the most *anchors*: numbers and years (written the same in both languages), month names (mapped), " +
      "proper names (Russian stem transliterated to Latin, compared by consonant skeleton: Пресли/Presley → `prsl`, Филлипс/Phillips → `flps`), and words through a bilingual dictionary when one is installed. " +
      `A pair is reported when its score (year 3, other number 2, name 2, month 1, dictionary word 0.5) reaches ${MIN_SCORE} with at least one number or name — fixed in advance, since essay 3 is the only data and nothing may be tuned on it. ` +
      `Dictionary: ${cl.dictionary.present ? `FreeDict English–Russian (Debian \`dict-freedict-eng-rus\`, ${cl.dictionary.headwords} headwords, GPL-2.0+), found on this machine` : "not installed on this machine (Debian `dict-freedict-eng-rus` would add ~1,700 headwords)"}. ` +
      `English pages: ${cl.englishPages}, ${cl.englishSentences} sentences searched.`,
  );
  const clRows: Array<readonly [string, CrossLingualReport]> = cl.dictionary.present
    ? [["anchors + dictionary", cl], ["anchors only (no dictionary)", input.crossLingualNoDictionary]]
    : [["anchors only (no dictionary)", input.crossLingualNoDictionary]];
  out.push(
    table(
      ["method", "detections", "fragments found", "right source sentence", "passage precision", "PAN P", "PAN R", "gran", "plagdet"],
      clRows.map(([name, r]) => [
        name,
        r.detections,
        ratio(r.fragments.filter((f) => f.found).length, r.fragments.length),
        ratio(r.fragments.filter((f) => f.sourceCorrect).length, r.fragments.length),
        pct(r.passagePrecision),
        ...panCells(r.pan),
      ]),
    ),
  );
  out.push(
    table(
      ["fragment", "labels", "shared numbers", "months", "names", "dictionary words", "score", "found", "right source"],
      cl.fragments.map((f) => [
        f.no,
        f.labels.join("+"),
        f.withTrueSource?.numbers ?? "—",
        f.withTrueSource?.months ?? "—",
        f.withTrueSource?.names ?? "—",
        f.withTrueSource?.words ?? "—",
        f.withTrueSource ? num(f.withTrueSource.score, 1) : "—",
        f.found ? "yes" : "no",
        f.sourceCorrect ? "yes" : "no",
      ]),
    ),
  );
  out.push(
    "Honest reading: anchors work where a sentence carries a date, a number or two names, which biographical and news text often does; a sentence with none (\"he settled in Hollywood and starred in films\") is invisible to this method. " +
      "Six borrowed fragments are far too few to generalise; the figures show the approach is viable as a *candidate finder* for cross-language reuse, not a measure of reused share.",
  );
  return out.join("\n\n");
}
