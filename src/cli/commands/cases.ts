import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import type { Case, CaseStatus } from "../../cases/case.ts";
import type { Violation } from "../../core/types.ts";
import { VIOLATIONS } from "../../core/types.ts";
import { UsageError } from "../context.ts";
import { CASE_STATUSES, OPEN_STATUSES } from "../../cases/case.ts";
import { parsePositiveInt } from "../options.ts";
import { requireDatabase } from "../database-file.ts";
import { withStorage } from "../open-storage.ts";


/** `copyquota cases list`: the cases the server opened, from the same database file. */
export function registerCases(program: Command, context: CliContext): void {
  const cases = program.command("cases").description("cases opened by checks through the API (copyquota serve)");
  cases
    .command("list")
    .description("list cases, newest activity first")
    .option("--json", "one JSON object per case (JSONL)")
    .option("--status <list>", `comma-separated statuses (${CASE_STATUSES.join(", ")}) or "open"`)
    .option("--violation <name>", `only cases with this violation (${VIOLATIONS.join(", ")})`)
    .option("--domain <domain>", "only cases of this candidate domain (a host or URL on it will do), or of domains containing this text")
    .option("--limit <n>", "at most n cases", parsePositiveInt("--limit"), 1000)
    .action(async (opts: { json?: boolean; status?: string; violation?: string; domain?: string; limit: number }) => {
      requireDatabase(context);
      const status = parseStatuses(opts.status);
      if (opts.violation !== undefined && !(VIOLATIONS as readonly string[]).includes(opts.violation)) {
        throw new UsageError(`--violation ${JSON.stringify(opts.violation)}: must be one of ${VIOLATIONS.join(", ")}`);
      }
      await withStorage(context, async (storage) => {
        const { total, items } = await storage.cases.listCases({ status, violation: opts.violation as Violation | undefined, domain: opts.domain }, { limit: opts.limit, offset: 0 });
        if (opts.json) {
          for (const c of items) process.stdout.write(`${JSON.stringify(c)}\n`);
          return;
        }
        process.stdout.write(formatCaseTable(items));
        process.stderr.write(`${items.length} of ${total} cases\n`);
      });
    });
}

function parseStatuses(value: string | undefined): CaseStatus[] | undefined {
  if (value === undefined) return undefined;
  return value.split(",").flatMap((part): CaseStatus[] => {
    const name = part.trim();
    if (name === "open") return [...OPEN_STATUSES];
    if ((CASE_STATUSES as readonly string[]).includes(name)) return [name as CaseStatus];
    throw new UsageError(`--status ${JSON.stringify(value)}: "${name}" is not a status (use ${CASE_STATUSES.join(", ")} or open)`);
  });
}

/** Cases as an aligned text table: id, status, share vs cap, violations, page and source. */
export function formatCaseTable(cases: readonly Case[]): string {
  const rows = [
    ["ID", "STATUS", "SHARE/CAP", "VIOLATIONS", "LAST SEEN", "PAGE", "SOURCE"],
    ...cases.map((c) => [
      String(c.id),
      c.status,
      `${pct(c.share)}/${pct(c.maxShare)}`,
      c.violations.join(",") || "—",
      c.lastSeen.slice(0, 10),
      c.candidate.url,
      c.source.url,
    ]),
  ];
  // The last column is left ragged: URLs are long, and padding it would only add trailing spaces.
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")).join("\n") + "\n";
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
