import type Database from "better-sqlite3";
import type { EvidenceCapture, EvidenceStore, NewEvidence } from "./evidence.ts";
import type { CaptureRow } from "./evidence-row.ts";
import { sha256Hex } from "./evidence.ts";
import { blobOf, bodyOf, captureColumns, captureFromRow } from "./evidence-row.ts";

/**
 * Evidence in the CopyQuota SQLite database: bytes keyed by their SHA-256, and one row per capture.
 * Triggers refuse every UPDATE and DELETE, so not even a bug of ours can rewrite what a case rests on.
 */
export class SqliteEvidenceStore implements EvidenceStore {
  private readonly stmts;
  /** Stores the bytes (once per hash) and a capture row, in one transaction; returns the capture's id. */
  private readonly store: (evidence: NewEvidence, sha256: string) => number;

  constructor(db: Database.Database) {
    this.stmts = {
      insertBlob: db.prepare("INSERT INTO evidence_blobs (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING"),
      insertCapture: db.prepare(`INSERT INTO evidence_captures (sha256, url, final_url, origin, fetched_at, status, headers, content_type)
        VALUES (@sha256, @url, @final_url, @origin, @fetched_at, @status, @headers, @content_type)`),
      captureById: db.prepare("SELECT c.*, b.size FROM evidence_captures c JOIN evidence_blobs b USING (sha256) WHERE c.id = ?"),
      capturesBySha: db.prepare("SELECT c.*, b.size FROM evidence_captures c JOIN evidence_blobs b USING (sha256) WHERE c.sha256 = ? ORDER BY c.id"),
      body: db.prepare("SELECT bytes FROM evidence_blobs WHERE sha256 = ?").pluck(),
    };
    this.store = db.transaction((evidence: NewEvidence, sha256: string): number => {
      this.stmts.insertBlob.run(sha256, evidence.body.byteLength, blobOf(evidence.body));
      const info = this.stmts.insertCapture.run(captureColumns(evidence, sha256));
      return Number(info.lastInsertRowid);
    });
  }

  async capture(evidence: NewEvidence): Promise<EvidenceCapture> {
    const id = this.store(evidence, sha256Hex(evidence.body));
    return captureFromRow(this.stmts.captureById.get(id) as CaptureRow);
  }

  async getCapture(id: number): Promise<EvidenceCapture | null> {
    const row = this.stmts.captureById.get(id) as CaptureRow | undefined;
    return row ? captureFromRow(row) : null;
  }

  async capturesOf(sha256: string): Promise<EvidenceCapture[]> {
    return (this.stmts.capturesBySha.all(sha256) as CaptureRow[]).map(captureFromRow);
  }

  async body(sha256: string): Promise<Uint8Array | null> {
    const bytes = this.stmts.body.get(sha256) as Buffer | undefined;
    return bytes === undefined ? null : bodyOf(bytes);
  }
}
