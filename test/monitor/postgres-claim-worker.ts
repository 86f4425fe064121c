/**
 * A monitor worker in its own process, for the test of a worker dying mid-lease: it claims one job from the
 * PostgreSQL queue at argv[2] (whose table the test created) with a lease of argv[3] ms, prints `{"id", "owner"}`
 * as one line, and then holds the lease, never finishing, until it is killed.
 */
import pg from "pg";
import { poolExecutor } from "../../src/io/storage/postgres-executor.ts";
import { PostgresJobQueue } from "../../src/monitor/postgres-job-queue.ts";
import { leaseOwners } from "../../src/monitor/lease-owner.ts";

const [url, leaseMs] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url });
const queue = new PostgresJobQueue(poolExecutor(pool));
const [owner] = leaseOwners(1);
const job = await queue.claim(owner!, Number(leaseMs));
process.stdout.write(`${JSON.stringify({ id: job?.id ?? null, owner })}\n`);
setInterval(() => undefined, 60_000);
