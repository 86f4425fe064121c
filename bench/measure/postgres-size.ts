import pg from "pg";

/** A PostgreSQL database's size on disk, and its source tables' (indexes and TOAST included). */
export interface PostgresSize {
  databaseBytes: number;
  /** Bytes by table: sources, source_words, fingerprints, blocks. */
  tables: Record<string, number>;
}

/** The tables the source store writes; the rest of the schema is empty in an index-only database. */
const SOURCE_TABLES = ["sources", "source_words", "fingerprints", "blocks"];

/** Measured after a CHECKPOINT, so that what the bulk load left in shared buffers is counted on disk. */
export async function measurePostgres(url: string): Promise<PostgresSize> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CHECKPOINT");
    const { rows } = await client.query<{ name: string; bytes: string }>(
      "SELECT name, pg_total_relation_size(name::regclass)::text AS bytes FROM unnest($1::text[]) AS name UNION ALL SELECT '', pg_database_size(current_database())::text",
      [SOURCE_TABLES],
    );
    const tables = Object.fromEntries(rows.filter((r) => r.name !== "").map((r) => [r.name, Number(r.bytes)]));
    return { databaseBytes: Number(rows.find((r) => r.name === "")!.bytes), tables };
  } finally {
    await client.end();
  }
}
