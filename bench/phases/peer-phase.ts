import { rmSync } from "node:fs";
import { createNewsGenerator } from "../generator/news-generator.ts";
import { PUBLISHER } from "../generator/outlets.ts";
import type { NewsGenerator } from "../generator/news-generator.ts";
import { peakRssBytes } from "../measure/process-stats.ts";
import { now } from "../measure/stats.ts";
import { DEFAULT_POLICY, openEngine } from "./engine-under-test.ts";
import { loadPeer } from "./peer-package.ts";
import type { ReuseScore } from "./reuse-score.ts";
import { emptyScore, scoreCandidate } from "./reuse-score.ts";

/** Both tools get the same corpus: `sources` generated sources and `candidates` text candidates reusing them. */
export interface PeerTask {
  phase: "dolos" | "copyquota";
  repoRoot: string;
  sources: number;
  candidates: number;
  seed: number;
  /** Temporary SQLite file (CopyQuota only). */
  db?: string;
}

export interface PeerResult {
  tool: "dolos" | "copyquota";
  sources: number;
  candidates: number;
  /** Wall seconds of the work a user waits for, split into its steps. */
  seconds: number;
  steps: Record<string, number>;
  peakRss: number;
  /** Peak RSS after the corpus was generated, before the tool ran: the generator's share of `peakRss`. */
  rssBeforeTool: number;
  score: ReuseScore;
  /** Pairs the tool computed (Dolos: every pair of files; CopyQuota: candidate–source alignments reported). */
  pairs: number;
}

/**
 * Dolos reports a similarity for every pair. A pair counts as found reuse when its longest common run of
 * fingerprints is at least this long: with Dolos's character k-grams (k = 23, window 17, about one
 * fingerprint per 9 characters) three consecutive shared fingerprints mean roughly 45–60 identical
 * characters, the length of CopyQuota's minimum passage of 8 words. Single shared fingerprints are the
 * stock phrases that unrelated news share.
 */
export const DOLOS_MIN_LONGEST = 3;

function corpus(generator: NewsGenerator, task: PeerTask) {
  const sources = Array.from({ length: task.sources }, (_, i) => generator.source(i));
  const candidates = Array.from({ length: task.candidates }, (_, j) => generator.textCandidate(j, task.sources));
  return { sources, candidates };
}

export async function runPeerPhase(task: PeerTask): Promise<PeerResult> {
  const generator = createNewsGenerator({ repoRoot: task.repoRoot, seed: task.seed });
  const { sources, candidates } = corpus(generator, task);
  const rssBeforeTool = peakRssBytes();
  const expected = candidates.map((c) => new Set(c.truth.sources.map((i) => `s${i}`)));
  const score = emptyScore();
  const steps: Record<string, number> = {};
  let pairs = 0;

  if (task.phase === "dolos") {
    const { Dolos, File } = await loadPeer(task.repoRoot);
    // Dolos's own character tokenizer ("char"): prose has no syntax tree for its tree-sitter languages.
    const files = [
      ...sources.map((s) => new File(`s${s.index}.txt`, s.doc.text)),
      ...candidates.map((c, j) => new File(`c${j}.txt`, c.doc.text)),
    ];
    const t0 = now();
    // The notice every source carries is boilerplate: Dolos drops it when given as the template ("ignore") file.
    const report = await new Dolos({ language: "char" }).analyze(files, "bench", new File("notice.txt", PUBLISHER.notice));
    const t1 = now();
    const all = report.allPairs();
    const t2 = now();
    pairs = all.length;
    const reported = candidates.map(() => new Set<string>());
    for (const pair of all) {
      if (pair.longest < DOLOS_MIN_LONGEST) continue;
      const a = pair.leftFile.path.replace(/\.txt$/, "");
      const b = pair.rightFile.path.replace(/\.txt$/, "");
      const [candidate, source] = a.startsWith("c") ? [a, b] : [b, a];
      if (!candidate.startsWith("c") || !source.startsWith("s")) continue;
      reported[Number(candidate.slice(1))]!.add(source);
    }
    candidates.forEach((_, j) => scoreCandidate(score, expected[j]!, reported[j]!));
    Object.assign(steps, { analyze: (t1 - t0) / 1000, allPairs: (t2 - t1) / 1000 });
  } else {
    const db = task.db!;
    for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true });
    const bulk = openEngine(db, { bulk: true });
    const urlToKey = new Map(sources.map((s) => [s.doc.url, `s${s.index}`]));
    const t0 = now();
    await bulk.addAll(sources);
    await bulk.close();
    const t1 = now();
    const { engine, close } = openEngine(db);
    for (const [j, c] of candidates.entries()) {
      const result = await engine.check(c.doc, DEFAULT_POLICY);
      pairs += result.matches.length;
      scoreCandidate(score, expected[j]!, new Set(result.matches.map((m) => urlToKey.get(m.source.url) ?? m.source.url)));
    }
    const t2 = now();
    await close();
    Object.assign(steps, { index: (t1 - t0) / 1000, check: (t2 - t1) / 1000 });
  }
  return {
    tool: task.phase,
    sources: task.sources,
    candidates: task.candidates,
    seconds: Object.values(steps).reduce((a, b) => a + b, 0),
    steps,
    peakRss: peakRssBytes(),
    rssBeforeTool,
    score,
    pairs,
  };
}
