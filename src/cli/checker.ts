import type { CheckResult } from "../core/types.ts";
import type { Policy } from "../core/policy/policy.ts";
import type { LoadedInput } from "../io/inputs/types.ts";
import type { SourceStore } from "../io/store/source-store.ts";
import type { RecordedCheck } from "../cases/case-store.ts";
import type { NewEvidence } from "../cases/evidence.ts";
import type { CliContext } from "./context.ts";
import { withEngine } from "./open-engine.ts";
import { UsageError } from "./context.ts";
import { withStorage } from "./open-storage.ts";

/** What `check` runs each candidate through: the engine alone, or the case service that also records it. */
export interface Checker {
  /** The sources, for the report's excerpts. */
  store: SourceStore;
  /**
   * Checks one candidate found at `address` (null when unknown: see `CheckOptions.foundAt`); `recorded` says
   * which cases the check opened or changed, null when nothing is recorded.
   */
  check(input: LoadedInput, address: string | null): Promise<{ result: CheckResult; recorded: RecordedCheck | null }>;
}

/** Who the case history names for checks made from the command line. */
const CLI_ACTOR = "cli";

/**
 * Opens the database for the duration of `work` with a checker over it. Without `openCases` nothing is
 * written and the policy is `givenPolicy` (from the policy file), else the default. With it, each check goes through
 * the case service as `POST /api/check` does — the check, its evidence and the cases it opens, updates or
 * resolves are recorded together — under `givenPolicy` when a policy file was given, else the policy stored in
 * the database (the one the API, the monitor and re-checks apply).
 */
export async function withChecker<T>(context: CliContext, options: { openCases: boolean; givenPolicy: Policy | undefined }, work: (checker: Checker) => Promise<T>): Promise<T> {
  if (!options.openCases) {
    const policy = options.givenPolicy ?? (await context.policy());
    return withEngine(context, (engine, store) => work({ store, check: async (input, address) => ({ result: await engine.check(input.doc, policy, { foundAt: address }), recorded: null }) }));
  }
  const [{ createEngine }, { createCaseService }, { evidenceOf }] = await Promise.all([
    import("../engine/create-engine.ts"),
    import("../cases/case-service.ts"),
    import("../cases/evidence.ts"),
  ]);
  return withStorage(context, async (storage) => {
    const service = createCaseService({
      engine: createEngine(storage.sources),
      storage,
      fetcher: null,
      policy: options.givenPolicy,
    });
    return work({
      store: storage.sources,
      async check(input, address) {
        // A case is about the page where it was found, as the API's and the monitor's are.
        if (address === null) throw new UsageError(`${input.origin}: a case needs the page's web address: give --url URL, or check the page by its URL`);
        const evidence = input.fetched ? evidenceOf(input.fetched) : submittedEvidence(input);
        const { result, recorded } = await service.checkDocument({ ...input.doc, url: address }, evidence, CLI_ACTOR);
        return { result, recorded };
      },
    });
  });
}

/** Evidence of an input read from a file: its bytes as read (a JSON Lines document's text, having no bytes of its own). */
function submittedEvidence(input: LoadedInput): NewEvidence {
  return {
    body: input.bytes ?? new TextEncoder().encode(input.doc.text),
    url: input.doc.url,
    finalUrl: input.doc.url,
    origin: "submitted",
    fetchedAt: new Date().toISOString(),
    status: null,
    headers: {},
    contentType: null,
  };
}
