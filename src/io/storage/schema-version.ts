/** One step of a database's schema: applied once, in order, inside the transaction that records it. */
export interface Migration {
  version: number;
  /** What the step creates or changes, kept with the version in the database for whoever looks. */
  name: string;
}

/**
 * A database written by a newer CopyQuota: its tables may mean what this build cannot know, so it is refused
 * (and left untouched) rather than misread.
 */
export class NewerSchemaError extends Error {
  override readonly name = "NewerSchemaError";
  constructor(database: string, found: number, known: number) {
    super(`${database} was written by a newer CopyQuota (schema ${found}; this one knows up to ${known}): upgrade CopyQuota to open it`);
  }
}
