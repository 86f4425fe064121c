/** What a fuzz run does; see `USAGE`. */
export interface FuzzOptions {
  count: number;
  seed: number;
  batch: number;
  timeoutSeconds: number;
  /** Where to write the summary as JSON, if anywhere. */
  json: string | null;
  /** Run the working tree's bin/copyquota.js instead of a built snapshot of the code. */
  inPlace: boolean;
}

export const USAGE = `npm run fuzz -- [--count N] [--seed N] [--batch N] [--timeout SECONDS] [--json FILE] [--in-place]

Generates and mutates N inputs (HTML, RSS, Atom, sitemaps, JSON Lines, text), writes them in batches to a
temporary directory and runs the real CLI over each batch: \`sources add\`, then \`check --json\`. Exits 1 on
any crash (an exit code the command may not give), hang (a process over the time limit) or error line that
names no input; failing batches are kept and their directory printed.

  --count N        inputs to generate (default 10000)
  --seed N         seed of the generator: the same seed writes the same inputs (default 1)
  --batch N        inputs given to one process (default 100)
  --timeout S      seconds a process may run before it counts as hung and is killed (default 30)
  --json FILE      also write the summary as JSON
  --in-place       run ./bin/copyquota.js as it is, instead of a built copy of the code taken at the start
                   (a run takes a while, and others edit the working tree meanwhile)`;

/**
 * Defaults: 10,000 inputs is the size issue 13 asks for; 100 inputs a process keeps start-up a small share
 * of a run while a hang still points at a batch small enough to bisect; 30 s a process is issue 13's limit.
 */
const DEFAULTS: FuzzOptions = { count: 10_000, seed: 1, batch: 100, timeoutSeconds: 30, json: null, inPlace: false };

export function parseOptions(argv: readonly string[]): Readonly<FuzzOptions> {
  const options = { ...DEFAULTS };
  const positive = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < 1) throw new Error(`${flag} ${JSON.stringify(value ?? "")}: must be a positive integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === "--count") options.count = positive(flag, argv[++i]);
    else if (flag === "--seed") options.seed = positive(flag, argv[++i]);
    else if (flag === "--batch") options.batch = positive(flag, argv[++i]);
    else if (flag === "--timeout") options.timeoutSeconds = positive(flag, argv[++i]);
    else if (flag === "--json") {
      const file = argv[++i];
      if (!file) throw new Error("--json: needs a file name");
      options.json = file;
    } else if (flag === "--in-place") options.inPlace = true;
    else throw new Error(`${flag}: unknown option\n\n${USAGE}`);
  }
  return Object.freeze(options);
}
