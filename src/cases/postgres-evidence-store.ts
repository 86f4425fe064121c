import type { PgExecutor } from "../io/storage/postgres-executor.ts";
import type { EvidenceCapture, EvidenceStore, NewEvidence } from "./evidence.ts";
import type { CaptureRow } from "./evidence-row.ts";
import { sha256Hex } from "./evidence.ts";
import { blobOf, bodyOf, captureColumns, captureFromRow } from "./evidence-row.ts";
import { isInt8Id } from "../io/storage/int8-id.ts";
import { withStorableText } from "../io/storage/postgres-text.ts";

/** A capture with its blob's size, as `CaptureRow` reads it. */
const CAPTURE_WITH_SIZE = "SELECT c.*, b.size FROM evidence_captures c JOIN evidence_blobs b USING (sha256)";

/**
 * Evidence in PostgreSQL (tables: postgres-tables/evidence.ts): bytes keyed by their SHA-256, and one row per
 * capture, refused every UPDATE and DELETE by triggers as in SQLite. Two processes capturing the same bytes at
 * once are ordered by the blob's primary key: the second's `ON CONFLICT DO NOTHING` waits for the first to
 * commit and then adds only its capture row.
 */
export class PostgresEvidenceStore implements EvidenceStore {
  private readonly db: PgExecutor;

  constructor(db: PgExecutor) {
    this.db = withStorableText(db);
  }

  /** One statement, hence atomic: the blob (once per hash) and the capture row referring to it. */
  async capture(evidence: NewEvidence): Promise<EvidenceCapture> {
    const row = captureColumns(evidence, sha256Hex(evidence.body));
    const { rows } = await this.db.query<CaptureRow>(
      `WITH blob AS (INSERT INTO evidence_blobs (sha256, size, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING)
      INSERT INTO evidence_captures (sha256, url, final_url, origin, fetched_at, status, headers, content_type)
        VALUES ($1, $4, $5, $6, $7, $8, $9, $10) RETURNING *, $2::int4 AS size`,
      [row.sha256, evidence.body.byteLength, blobOf(evidence.body), row.url, row.final_url, row.origin, row.fetched_at, row.status, row.headers, row.content_type],
    );
    return captureFromRow(rows[0]!);
  }

  async getCapture(id: number): Promise<EvidenceCapture | null> {
    if (!isInt8Id(id)) return null;
    const { rows } = await this.db.query<CaptureRow>(`${CAPTURE_WITH_SIZE} WHERE c.id = $1`, [id]);
    return rows[0] ? captureFromRow(rows[0]) : null;
  }

  async capturesOf(sha256: string): Promise<EvidenceCapture[]> {
    const { rows } = await this.db.query<CaptureRow>(`${CAPTURE_WITH_SIZE} WHERE c.sha256 = $1 ORDER BY c.id`, [sha256]);
    return rows.map(captureFromRow);
  }

  async body(sha256: string): Promise<Uint8Array | null> {
    const { rows } = await this.db.query<{ bytes: Buffer }>("SELECT bytes FROM evidence_blobs WHERE sha256 = $1", [sha256]);
    return rows[0] ? bodyOf(rows[0].bytes) : null;
  }
}
