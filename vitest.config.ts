import { configDefaults, defineConfig } from "vitest/config";

/**
 * The exhaustive tier: fast paths proven equal to Intl.Segmenter on every text of the evaluation corpora and
 * on hundreds of thousands of generated strings, the block assembly on the corpora, the fuzzer's 100 inputs.
 * Proofs that change only with the code they prove, so `npm test` leaves them out and
 * `npm run test:exhaustive` (vitest's mode `exhaustive`) runs them alone; CI runs both.
 */
const EXHAUSTIVE = "test/**/*.exhaustive.test.ts";

/**
 * A test's time limit in the exhaustive tier. The proofs are CPU-bound and take three to four times longer
 * on a machine shared with other work (measured: 300,000 random strings, 7 s idle, 25 s loaded); the limit
 * only catches a hang.
 */
const EXHAUSTIVE_TIMEOUT_MS = 600_000;

export default defineConfig(({ mode }) => {
  const exhaustive = mode === "exhaustive";
  return {
    test: {
      include: [exhaustive ? EXHAUSTIVE : "test/**/*.test.ts"],
      exclude: exhaustive ? configDefaults.exclude : [...configDefaults.exclude, EXHAUSTIVE],
      testTimeout: exhaustive ? EXHAUSTIVE_TIMEOUT_MS : 60_000,
      hookTimeout: 120_000,
      // End-to-end tests spawn the CLI; two workers match the machine's two cores.
      poolOptions: { forks: { maxForks: 2, minForks: 1 } },
      pool: "forks",
    },
  };
});
