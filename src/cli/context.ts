import path from "node:path";
import type { Command } from "commander";
import type { Policy } from "../core/policy/policy.ts";
import { isPostgresUrl } from "../io/store/postgres-url.ts";

/** Exit codes of the CLI contract. */
export const EXIT = Object.freeze({ ok: 0, violation: 1, usage: 2 });

/** An error the user caused (bad input, bad usage): printed without a stack, exit code 2. */
export class UsageError extends Error {}

/** Global options every command reads: where the database is and which policy applies. */
export interface CliContext {
  /** The database: the SQLite file's absolute path, or the PostgreSQL URL as given (password included). */
  database(): string;
  /** The database URL when `--db` / COPYQUOTA_DB names a PostgreSQL database, else null (a SQLite file). */
  postgresUrl(): string | null;
  /** Neither `--db` nor COPYQUOTA_DB names the database: it is `./copyquota.db`, which messages must say. */
  defaultDatabase(): boolean;
  policy(): Promise<Policy>;
  allowPrivate(): boolean;
}

export function cliContext(program: Command): CliContext {
  // An empty COPYQUOTA_DB is unset, as shells leave it after `COPYQUOTA_DB= copyquota …`.
  const named = () => program.opts<{ db?: string }>().db ?? (process.env.COPYQUOTA_DB || undefined);
  const db = () => named() ?? "copyquota.db";
  return {
    database: () => (isPostgresUrl(db()) ? db() : path.resolve(db())),
    postgresUrl: () => (isPostgresUrl(db()) ? db() : null),
    defaultDatabase: () => named() === undefined,
    // Loaded when asked for: the policy schema brings zod, which commands that apply no policy do not need.
    policy: async () => {
      const file = program.opts<{ policy?: string }>().policy;
      if (file) return (await import("../io/policy-file.ts")).loadPolicyFile(file);
      return (await import("../core/policy/schema.ts")).DEFAULT_POLICY;
    },
    allowPrivate: () => Boolean(program.opts<{ allowPrivate?: boolean }>().allowPrivate),
  };
}
