import type { Engine } from "../engine/engine.ts";
import type { Policy } from "../core/policy/policy.ts";
import type { CheckResult, TextDocument } from "../core/types.ts";
import type { FetchedResource, Fetcher } from "../io/fetch/fetcher.ts";
import type { Actor, Case } from "./case.ts";
import type { RecordedCheck } from "./case-store.ts";
import type { EvidenceCapture, NewEvidence } from "./evidence.ts";
import { evidenceOf } from "./evidence.ts";
import type { Storage } from "../io/storage/storage.ts";
import { DEFAULT_POLICY } from "../core/policy/schema.ts";
import { PageRefusedError } from "../core/extract/page-refused.ts";
import { FetchError } from "../io/fetch/errors.ts";
import type { PageContext, ReadPage } from "../io/page-reader/read-page.ts";
import { readHtml, readPage } from "../io/page-reader/read-page.ts";
import { UnreadablePageError } from "../io/page-reader/unreadable-page.ts";
import { CaseNotFoundError } from "./case-store.ts";
import { recordCheck, recordGone } from "./record-check.ts";
import { rulesOf } from "./policy-store.ts";

/** A candidate handed to us directly: its URL and either its HTML or its plain text. */
export interface Submission {
  url: string;
  html?: string;
  text?: string;
  /** Overrides the page's title (HTML) or names the text. */
  title?: string;
  /** Overrides the page's publication time; for text, the only source of it. */
  published?: string | null;
}

/** A check as recorded: the engine's result, what it changed in the cases, and the evidence it rests on. */
export interface RecordedResult {
  result: CheckResult;
  candidateText: string;
  recorded: RecordedCheck;
  evidence: EvidenceCapture;
}

/** A page that answered 404 or 410: nothing to check, its open cases resolved. */
export interface GoneResult {
  gone: true;
  status: number;
  recorded: RecordedCheck;
  evidence: EvidenceCapture;
}

/** HTTP statuses that mean the page was taken down, which resolves its cases. */
const GONE_STATUSES: ReadonlySet<number> = new Set([404, 410]);

/**
 * Checks candidates and keeps the record: each check's evidence, the check itself, and the cases it opens,
 * updates or resolves. The API, the demo loader and re-checks all go through it, so a case always rests on
 * stored evidence.
 */
export interface CaseService {
  /** The policy in force: the stored rules (or the default) with the stored licenses. */
  policy(): Promise<Policy>;
  /** Checks a submitted page or text and records it; `at` backdates the record (demo content). */
  checkSubmission(submission: Submission, actor: Actor, at?: string): Promise<RecordedResult>;
  /** Checks a document read elsewhere (the command line's inputs) and records it with the evidence it was read from. */
  checkDocument(doc: TextDocument, evidence: NewEvidence, actor: Actor): Promise<RecordedResult>;
  /** Fetches a URL, checks the page and records it; a 404/410 resolves the page's cases as gone. */
  checkUrl(url: string, actor: Actor): Promise<RecordedResult | GoneResult>;
  /** Fetches a case's page again and records what it shows now. @throws CaseNotFoundError */
  recheck(caseId: number, actor: Actor): Promise<{ case: Case; outcome: RecordedResult | GoneResult }>;
  /** Checks a draft or a page without recording anything: for re-publishers, before they publish. */
  selfCheck(input: { url?: string; html?: string; text?: string }): Promise<{ result: CheckResult; candidateText: string; policy: Policy }>;
}

export interface CaseServiceDeps {
  engine: Engine;
  /**
   * The database's cases, evidence, licenses and policy, and its units of work: a check's evidence and the
   * check with the cases it opens or changes commit together, so no case ever rests on evidence not stored.
   */
  storage: Pick<Storage, "cases" | "evidence" | "licenses" | "policies" | "transaction">;
  /** Null when the service may not fetch (then URL checks and re-checks fail with a clear error). */
  fetcher: Fetcher | null;
  /** A policy that replaces the stored rules and licenses (a policy file given on the command line). */
  policy?: Policy;
  now?: () => string;
}

export function createCaseService(deps: CaseServiceDeps): CaseService {
  const now = deps.now ?? (() => new Date().toISOString());

  async function policy(): Promise<Policy> {
    if (deps.policy !== undefined) return deps.policy;
    const rules = (await deps.storage.policies.get()) ?? rulesOf(DEFAULT_POLICY);
    const licenses = (await deps.storage.licenses.list()).map(({ domain, from, until, articles, lifts }) => ({ domain, from, until, articles, lifts }));
    return { ...rules, licenses };
  }

  async function fetch(url: string): Promise<FetchedResource> {
    if (deps.fetcher === null) throw new FetchError(url, "closed", "this server does not fetch pages");
    return deps.fetcher(url);
  }

  async function record(doc: TextDocument, evidence: NewEvidence, actor: Actor, at: string): Promise<RecordedResult> {
    const current = await policy();
    const result = await deps.engine.check(doc, current);
    return deps.storage.transaction(async (tx) => {
      const capture = await tx.evidence.capture(evidence);
      const recorded = await recordCheck(tx.cases, {
        result,
        candidateText: doc.text,
        evidenceSha256: capture.sha256,
        caps: { maxShare: current.maxShare, maxChars: current.maxChars },
        actor,
        at,
      });
      return { result, candidateText: doc.text, recorded, evidence: capture };
    });
  }

  async function checkUrl(url: string, actor: Actor): Promise<RecordedResult | GoneResult> {
    let resource: FetchedResource;
    try {
      resource = await fetch(url);
    } catch (error) {
      if (!(error instanceof FetchError) || error.status === null || !GONE_STATUSES.has(error.status)) throw error;
      // The fetcher keeps no body for an error status; the capture records the answer itself.
      const at = now();
      const status = error.status;
      return deps.storage.transaction(async (tx) => {
        const capture = await tx.evidence.capture({ body: new Uint8Array(0), url, finalUrl: url, origin: "fetched", fetchedAt: at, status, headers: {}, contentType: null });
        const recorded = await recordGone(tx.cases, { candidateUrl: url, status, evidenceSha256: capture.sha256, actor, at });
        return { gone: true as const, status, recorded, evidence: capture };
      });
    }
    return record(await documentFromResource(resource), evidenceOf(resource), actor, resource.fetchedAt);
  }

  return {
    policy,

    async checkSubmission(submission, actor, at = now()) {
      const doc = await documentFromSubmission(submission);
      const body = new TextEncoder().encode(submission.html ?? submission.text ?? "");
      const evidence: NewEvidence = {
        body,
        url: submission.url,
        finalUrl: submission.url,
        origin: "submitted",
        fetchedAt: at,
        status: null,
        headers: {},
        contentType: submission.html !== undefined ? "text/html; charset=utf-8" : "text/plain; charset=utf-8",
      };
      return record(doc, evidence, actor, at);
    },

    checkDocument: (doc, evidence, actor) => record(doc, evidence, actor, evidence.fetchedAt),

    checkUrl,

    async recheck(caseId, actor) {
      const existing = await deps.storage.cases.getCase(caseId);
      if (existing === null) throw new CaseNotFoundError(caseId);
      const outcome = await checkUrl(existing.candidate.url, actor);
      return { case: (await deps.storage.cases.getCase(caseId))!, outcome };
    },

    async selfCheck(input) {
      const current = await policy();
      let doc: TextDocument;
      if (input.html !== undefined || input.text !== undefined) {
        doc = await documentFromSubmission({ url: input.url ?? DRAFT_URL, html: input.html, text: input.text });
      } else if (input.url !== undefined) {
        doc = await documentFromResource(await fetch(input.url));
      } else {
        throw new SubmissionError("give a url, html or text to check");
      }
      const result = await deps.engine.check(doc, current);
      return { result, candidateText: doc.text, policy: current };
    },
  };
}

/**
 * The URL a draft without one is checked under: a draft is not published anywhere yet, and `.invalid`
 * (RFC 2606) can never be a real site, so no license or publisher domain can match it by accident.
 */
export const DRAFT_URL = "https://draft.invalid/";

/** A submission that cannot be checked; the message says what is missing or wrong. */
export class SubmissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SubmissionError";
  }
}

/**
 * The document a submission describes: HTML is read by the page reader under the submission's URL, extracted in
 * an extraction thread; text is taken as is.
 * @throws SubmissionError; PageRefusedError naming the page and the limit it is past.
 */
export async function documentFromSubmission(submission: Submission): Promise<TextDocument> {
  if (submission.html !== undefined && submission.text !== undefined) throw new SubmissionError("give either html or text, not both");
  const { html } = submission;
  if (html !== undefined) {
    const context = { subject: `the HTML submitted for ${submission.url}`, fetched: null, declaredUrl: submission.url, title: submission.title, published: submission.published };
    return read(context, () => readHtml(html, context));
  }
  if (submission.text !== undefined) {
    if (submission.text.trim() === "") throw new SubmissionError(`the text submitted for ${submission.url} is empty`);
    return { url: submission.url, title: submission.title ?? "", published: submission.published ?? null, text: submission.text, links: [] };
  }
  throw new SubmissionError(`give the html or the text of ${submission.url}`);
}

/** The document a fetched page holds, read by the page reader under the URL asked for. */
async function documentFromResource(resource: FetchedResource): Promise<TextDocument> {
  const body = { bytes: resource.body, contentType: resource.headers["content-type"] ?? null };
  const context = { subject: `the page at ${resource.requestedUrl}`, fetched: { url: resource.requestedUrl, finalUrl: resource.url }, declaredUrl: null };
  return read(context, () => readPage(body, context));
}

/** A page's document, the reader's refusals said as the API says them: a page without text is a bad submission. */
async function read(context: PageContext, reading: () => Promise<ReadPage>): Promise<TextDocument> {
  try {
    return (await reading()).doc;
  } catch (error) {
    if (error instanceof UnreadablePageError) throw new SubmissionError(error.message);
    throw error instanceof PageRefusedError ? error.about(context.subject) : error;
  }
}
