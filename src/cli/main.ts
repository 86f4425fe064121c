import { Command, CommanderError } from "commander";
import { cliContext, EXIT, UsageError } from "./context.ts";
import { registerCommands } from "./command-loader.ts";

const program = new Command("copyquota")
  .description("Find pages that reuse a publisher's articles, measure the share taken, check the link back.")
  .option("--db <file|url>", "SQLite database file, or postgres:// URL for sources and checks (default: $COPYQUOTA_DB or ./copyquota.db)")
  .option("--policy <file>", "reuse policy JSON file (default: 30% cap, link to the article required)")
  .option("--allow-private", "allow fetching private, loopback and link-local addresses (tests, demos)")
  .showHelpAfterError()
  .exitOverride();

try {
  await registerCommands(program, cliContext(program), process.argv.slice(2));
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version are successful exits; every other commander error is a usage error.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError || isInputError(error)) {
    process.stderr.write(`copyquota: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  process.stderr.write(`copyquota: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.usage;
}

/** Errors that name a bad input (files, policies, URLs, a database of another index format or a newer schema) carry the input they are about. */
function isInputError(error: unknown): boolean {
  return error instanceof Error && ["InputError", "PolicyError", "FetchError", "IndexFormatError", "NewerSchemaError"].includes(error.name);
}
