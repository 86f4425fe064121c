import { describe, expect, it } from "vitest";
import { parseOptions } from "../../bench/options.ts";
import type { BenchOptions } from "../../bench/options.ts";

function parse(argv: string[], env: NodeJS.ProcessEnv = {}): BenchOptions {
  const options = parseOptions(argv, env);
  if (options === "help") throw new Error("unexpected help");
  return options;
}

describe("bench options", () => {
  it("runs the API against the check index and the monitor against the smallest built index by default", () => {
    const full = parse([]);
    expect(full.skip).toEqual(["peer"]);
    expect(full.checkAgainst).toBe(100_000);
    expect(full.monitorAgainst).toBe(10_000);
    expect(full.monitorPages).toBe(10_000);
    expect(parse(["--sizes", "2000,50000"]).monitorAgainst).toBe(2000);
  });

  it("makes the API and monitor phases small with --quick", () => {
    const quick = parse(["--quick"]);
    expect(quick.monitorAgainst).toBe(300);
    expect(quick.monitorPages).toBeLessThanOrEqual(200);
    expect(quick.apiRequests * quick.rounds).toBeLessThanOrEqual(100);
    expect(quick.uiLoads).toBe(1);
  });

  it("sizes the phases from flags and BENCH_* variables, flags first", () => {
    const options = parse(["--api-requests", "50", "--monitor-pages", "300"], { BENCH_API_REQUESTS: "70", BENCH_API_CLIENTS: "3", BENCH_SKIP: "peer" });
    expect(options.apiRequests).toBe(50);
    expect(options.apiClients).toBe(3);
    expect(options.monitorPages).toBe(300);
    expect(options.skip).toEqual(["peer"]);
  });

  it("runs the peer only with --peer (it is installed on demand)", () => {
    expect(parse(["--peer"]).skip).toEqual([]);
    expect(parse([], { BENCH_PEER: "1" }).skip).toEqual([]);
    expect(parse(["--peer", "--skip", "monitor"]).skip).toEqual(["monitor"]);
  });

  it("skips named phases and refuses unknown ones, naming those it knows", () => {
    expect(parse(["--skip", "api, monitor,api"]).skip).toEqual(["api", "monitor", "peer"]);
    // The peer, installed on first use, runs only when asked for: naming other phases does not bring it in.
    expect(parse(["--skip", "api", "--peer"]).skip).toEqual(["api"]);
    expect(() => parse(["--skip", "api,index"])).toThrow(/--skip: unknown phase "index".*api, monitor, peer/);
  });

  it("runs the PostgreSQL phase only with --postgres, at the check size unless told", () => {
    expect(parse([]).postgres).toBe(false);
    expect(parse(["--postgres", "--sizes", "30000"])).toMatchObject({ postgres: true, postgresSize: 30_000 });
    expect(parse(["--postgres-size", "5000"], { BENCH_POSTGRES: "1" })).toMatchObject({ postgres: true, postgresSize: 5000 });
    expect(() => parse(["--postgres", "--postgres-size", "1"])).toThrow(/--postgres-size: expected an integer ≥ 2, got "1"/);
  });

  it("refuses a monitor index size that is not built, unless the monitor is skipped", () => {
    expect(() => parse(["--monitor-against", "5000"])).toThrow(/--monitor-against: 5000 is not one of the built sizes \(10000, 100000\)/);
    expect(parse(["--monitor-against", "5000", "--skip", "monitor"]).skip).toEqual(["monitor", "peer"]);
    expect(() => parse(["--api-clients", "0"])).toThrow(/--api-clients: expected an integer ≥ 1, got "0"/);
  });
});
