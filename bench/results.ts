import type { TextProfile } from "./generator/realism.ts";
import type { MachineInfo } from "./measure/machine.ts";
import type { BenchOptions } from "./options.ts";
import type { CheckResult } from "./phases/check-phase.ts";
import type { IndexResult } from "./phases/index-phase.ts";
import type { PeerResult } from "./phases/peer-phase.ts";

/** Everything one run measured, as the report renders it. */
export interface BenchResults {
  options: BenchOptions;
  command: string;
  machine: MachineInfo;
  realism: { origin: string; real: TextProfile; generated: TextProfile };
  builds: Array<{ size: number; runs: IndexResult[]; failures: string[] }>;
  checks: Array<{ against: number; kind: "text" | "html"; result: CheckResult | null; failure: string | null }>;
  peer: {
    dolos: Array<{ size: number; result: PeerResult | null; failure: string | null; wallSeconds: number }>;
    copyquota: Array<{ size: number; result: PeerResult | null; failure: string | null }>;
    /** Largest size Dolos completed within budget, or null. */
    largest: number | null;
  };
  totalSeconds: number;
}
