import type { CorpusKind } from "./generator/corpus.ts";
import type { TextProfile } from "./generator/realism.ts";
import type { MachineInfo } from "./measure/machine.ts";
import type { BenchOptions } from "./options.ts";
import type { ApiResult } from "./phases/api-phase.ts";
import type { CheckResult } from "./phases/check-phase.ts";
import type { IndexResult } from "./phases/index-phase.ts";
import type { MonitorResult } from "./phases/monitor-phase.ts";
import type { PeerResult } from "./phases/peer-phase.ts";
import type { PostgresResults } from "./postgres-results.ts";

/** A phase run once against an index of `against` sources: its result, or why there is none. */
export interface PhaseRun<R> {
  against: number;
  result: R | null;
  failure: string | null;
}

/** Everything one run measured, as the report renders it. */
export interface BenchResults {
  options: BenchOptions;
  command: string;
  machine: MachineInfo;
  realism: { origin: string; kind: CorpusKind; real: TextProfile; generated: TextProfile };
  builds: Array<{ size: number; runs: IndexResult[]; failures: string[] }>;
  checks: Array<{ against: number; kind: "text" | "html"; result: CheckResult | null; failure: string | null }>;
  peer: {
    dolos: Array<{ size: number; result: PeerResult | null; failure: string | null; wallSeconds: number }>;
    copyquota: Array<{ size: number; result: PeerResult | null; failure: string | null }>;
    /** Largest size Dolos completed within budget, or null. */
    largest: number | null;
  };
  /** The API and the monitor (issues 4 and 5); null when skipped with `--skip`. */
  api: PhaseRun<ApiResult> | null;
  monitor: PhaseRun<MonitorResult> | null;
  /** The PostgreSQL phase (issue 11); null unless run with `--postgres`. */
  postgres: PostgresResults | null;
  totalSeconds: number;
}
