import path from "node:path";
import type { Command } from "commander";
import type { Policy } from "../core/policy/policy.ts";
import { DEFAULT_POLICY } from "../core/policy/schema.ts";
import { loadPolicyFile } from "../io/policy-file.ts";

/** Exit codes of the CLI contract. */
export const EXIT = Object.freeze({ ok: 0, violation: 1, usage: 2 });

/** An error the user caused (bad input, bad usage): printed without a stack, exit code 2. */
export class UsageError extends Error {}

/** Global options every command reads: where the database is and which policy applies. */
export interface CliContext {
  dbFile(): string;
  policy(): Promise<Policy>;
  allowPrivate(): boolean;
}

export function cliContext(program: Command): CliContext {
  return {
    dbFile: () => path.resolve(program.opts<{ db?: string }>().db ?? process.env.COPYQUOTA_DB ?? "copyquota.db"),
    policy: async () => {
      const file = program.opts<{ policy?: string }>().policy;
      return file ? loadPolicyFile(file) : DEFAULT_POLICY;
    },
    allowPrivate: () => Boolean(program.opts<{ allowPrivate?: boolean }>().allowPrivate),
  };
}
