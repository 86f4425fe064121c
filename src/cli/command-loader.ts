import { Command } from "commander";
import type { CliContext } from "./context.ts";

/** Adds one top-level command, with its subcommands, to the program. */
type Register = (program: Command, context: CliContext) => void;

/**
 * The top-level commands in help order, each behind a dynamic import. Some commands' modules bring what their
 * options' help quotes (the server's and the monitor's defaults, and with them fastify, undici and linkedom):
 * loading every module would cost `check` or `sources list` most of a second spent on code they never run.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  sources: async () => (await import("./commands/sources.ts")).registerSources,
  check: async () => (await import("./commands/check.ts")).registerCheck,
  compare: async () => (await import("./commands/compare.ts")).registerCompare,
  watch: async () => (await import("./commands/watch.ts")).registerWatch,
  monitor: async () => (await import("./commands/monitor.ts")).registerMonitor,
  serve: async () => (await import("./commands/serve.ts")).registerServe,
  cases: async () => (await import("./commands/cases.ts")).registerCases,
};

/**
 * Registers the command that `args` (the command line after `node copyquota`) runs, or every command when
 * they name none: for the program's help, for a usage error, for a misspelt command that commander answers
 * with "did you mean". Only the top-level command is chosen here; it registers its own subcommands.
 */
export async function registerCommands(program: Command, context: CliContext, args: readonly string[]): Promise<void> {
  const named = invokedCommand(program, args);
  const loaders = named !== undefined && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]!] : Object.values(COMMANDS);
  for (const register of await Promise.all(loaders.map((load) => load()))) register(program, context);
}

/**
 * The first operand of the command line, found by commander's own option parser given the program's global
 * options, so that `--db FILE check` and `--db=FILE check` both name `check` exactly as the real parse will.
 * A separate, silent command does the looking, leaving the program's state to the real parse.
 */
function invokedCommand(program: Command, args: readonly string[]): string | undefined {
  const probe = new Command().exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  for (const option of program.options) probe.addOption(option);
  try {
    return probe.parseOptions([...args]).operands[0];
  } catch {
    // A global option missing its value: no command is known, and the real parse reports the error.
    return undefined;
  }
}
