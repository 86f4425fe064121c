import type { IsoDate, WordSequence } from "../../core/types.ts";

/** A source as stored: the publisher's article (or a reference document) and its protected text. */
export interface StoredSource {
  id: number;
  url: string;
  title: string;
  published: IsoDate;
  /** Not the publisher's own text (press release, agency wire, official statement). */
  reference: boolean;
  /** Registrable domain of `url`. */
  domain: string;
  /** Main text as extracted, boilerplate included, blocks separated by "\n\n". */
  text: string;
  /** `text` without boilerplate blocks: what the share is computed over. */
  protectedText: string;
  /** The blocks removed from `text` as boilerplate, in order. */
  boilerplate: string[];
  addedAt: string;
}

export type NewSource = Omit<StoredSource, "id" | "addedAt">;

/** What a source is found and compared by, computed from its protected text. */
export interface SourceIndexEntry {
  /** The protected text's words, kept so checks align against them without tokenizing the source again. */
  words: WordSequence;
  /** Winnowed fingerprints of the protected text. */
  fingerprints: readonly number[];
  /** Keys of the text's blocks, counted per domain to find recurring boilerplate. */
  blockKeys: readonly string[];
}

/** A source sharing fingerprints with a candidate, and how many. */
export interface CandidateSource {
  sourceId: number;
  shared: number;
}

/**
 * Persistence of sources and their fingerprint index, for the API, the monitor and checks: a source at a time.
 * SQLite implements it for one machine, PostgreSQL for several; loading an archive goes through a
 * `SourceBulkWriter` instead.
 */
export interface SourceStore {
  /** Stores a source with its index entry, replacing any source with the same URL, in one transaction. */
  putSource(source: NewSource, index: SourceIndexEntry): Promise<{ source: StoredSource; replaced: boolean }>;
  removeSource(url: string): Promise<boolean>;
  getSource(idOrUrl: number | string): Promise<StoredSource | null>;
  getSources(ids: readonly number[]): Promise<StoredSource[]>;
  /** The stored words of sources by id (ids not found are absent from the map). */
  getWords(ids: readonly number[]): Promise<Map<number, WordSequence>>;
  listSources(options: { limit: number; offset: number; query?: string }): Promise<StoredSource[]>;
  /** How many sources are stored; with `query`, how many `listSources` finds for it. */
  countSources(query?: string): Promise<number>;
  /**
   * Sources sharing at least `minShared` of the given fingerprints, most shared first, at most `limit`.
   * Fingerprints held by more than `maxDf` sources are ignored: they are boilerplate or stock phrases.
   */
  candidates(fingerprints: readonly number[], options: { maxDf: number; minShared: number; limit: number }): Promise<CandidateSource[]>;
  /** For each block key, how many of the domain's sources other than `exceptUrl` hold it. */
  blockCounts(domain: string, blockKeys: readonly string[], exceptUrl: string): Promise<Map<string, number>>;
  /** URLs of the domain's sources holding a block, for re-protecting them once the block proves recurrent. */
  sourcesWithBlock(domain: string, blockKey: string): Promise<string[]>;
  close(): Promise<void>;
}
