import { z } from "zod";
import type { Case, CaseStatus } from "../cases/case.ts";
import type { CheckResult } from "../core/types.ts";
import type { Policy } from "../core/policy/policy.ts";
import type { StoredLicense } from "../cases/license-store.ts";
import type { EvidenceCapture } from "../cases/evidence.ts";
import type { LetterLanguage } from "../cases/notice-letter.ts";
import type { WatchedSiteView, WatchFailureView } from "./watched-site-view.ts";
import { CASE_STATUSES } from "../cases/case.ts";
import { LETTER_LANGUAGES } from "../cases/notice-letter.ts";
import { URL_STATUSES } from "../monitor/url-states.ts";
import { DEFAULT_INTERVAL_MS, MAX_INTERVAL_MS } from "../monitor/manage-watchlist.ts";
import { formatDuration, parseDuration } from "../monitor/duration.ts";
import { ROLES } from "./auth/role.ts";

/**
 * The API's shapes as zod schemas: they validate requests and, turned into JSON Schema, document the API in
 * `/api/openapi.json`. Responses are documented, not filtered: the server serializes what a handler returns
 * as is (see `app.ts`), because the check result may gain fields ("more fields may be added") and a response
 * schema must never strip them. Response objects are therefore loose in the document too, and typed as the
 * domain type the handler returns.
 */

/** A response schema that documents `schema` and types the handler's result as the domain type `T`. */
function documents<T>(schema: z.ZodType): z.ZodType<T> {
  return schema as unknown as z.ZodType<T>;
}

export const VIOLATIONS = ["over_quota", "over_char_cap", "missing_link", "link_not_to_article", "link_not_indexable"] as const;

const HttpUrl = z
  .string()
  .trim()
  .min(1)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { error: "must be an absolute http(s) URL" });

const IsoTimestamp = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), { error: "must be an ISO date or timestamp like 2024-03-14T10:30:00+05:00" });

export const ErrorResponse = z
  .looseObject({
    error: z.string().describe("a machine-readable code: bad_request, unauthorized, not_found, conflict, fetch_failed…"),
    message: z.string().describe("what went wrong, naming the input or field"),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe("one entry per bad field"),
  })
  .meta({ id: "Error" });

const SpanSchema = z.object({ start: z.number().int(), end: z.number().int() });
const PassageSchema = z.looseObject({ source: SpanSchema, candidate: SpanSchema });
const LinkFindingSchema = z.looseObject({
  present: z.boolean(),
  href: z.string().nullable(),
  target: z.enum(["article", "domain"]).nullable(),
  nofollow: z.boolean(),
  noindex: z.boolean(),
  hidden: z.boolean().optional(),
});

export const CheckResultSchema = documents<CheckResult>(
  z.looseObject({
    candidate: z.looseObject({ url: z.string(), title: z.string(), chars: z.number().int(), published: z.string().nullable() }),
    verdict: z.enum(["violation", "compliant", "licensed", "own_page", "no_reuse"]),
    matches: z.array(
      z.looseObject({
        source: z.looseObject({ url: z.string(), title: z.string(), published: z.string().nullable(), reference: z.boolean() }),
        share: z.number(),
        reusedChars: z.number().int(),
        sourceChars: z.number().int(),
        link: LinkFindingSchema,
        licensed: z.boolean(),
        predatesSource: z.boolean(),
        verdict: z.enum(["violation", "compliant", "licensed", "predates_source", "own_page"]),
        violations: z.array(z.enum(VIOLATIONS)),
        passages: z.array(PassageSchema),
      }),
    ),
  }).meta({ id: "CheckResult", description: "The same object `copyquota check --json` prints for a candidate." }),
);

export const CheckRequest = z
  .object({
    url: HttpUrl.describe("the candidate page's URL"),
    html: z.string().optional().describe("the page's HTML; links and metadata are read from it"),
    text: z.string().optional().describe("the page's plain text, when there is no HTML"),
    title: z.string().optional(),
    published: IsoTimestamp.nullable().optional().describe("overrides the page's publication time"),
  })
  .describe("Give html or text; with neither, the server fetches the URL.");

export const SelfCheckRequest = z.object({
  url: HttpUrl.optional().describe("the page to fetch, or the URL the draft will have"),
  html: z.string().optional(),
  text: z.string().optional().describe("a draft pasted as plain text"),
});

export const SelfCheckResponse = z.looseObject({
  result: CheckResultSchema,
  candidateText: z.string().describe("the text checked: passage candidate offsets index it"),
  policy: documents<Policy>(z.looseObject({ maxShare: z.number(), maxChars: z.number().nullable() }).describe("the policy in force")),
  sources: z.array(z.looseObject({ url: z.string(), protectedText: z.string() })).describe("the matched sources' protected texts"),
});

export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const SourceSummary = z
  .looseObject({
    id: z.number().int(),
    url: z.string(),
    title: z.string(),
    published: z.string().nullable(),
    reference: z.boolean(),
    domain: z.string(),
    chars: z.number().int().describe("length of the protected text"),
    addedAt: z.string(),
  })
  .meta({ id: "SourceSummary" });

export const SourceDetail = SourceSummary.extend({
  text: z.string(),
  protectedText: z.string(),
  boilerplate: z.array(z.string()),
  segments: z.array(z.object({ text: z.string(), boilerplate: z.boolean() })).describe("`text` cut into protected and boilerplate runs, in order"),
}).meta({ id: "SourceDetail" });

export const SourceRequest = z.object({
  url: HttpUrl,
  title: z.string().optional(),
  html: z.string().optional(),
  text: z.string().optional(),
  published: IsoTimestamp.nullable().optional(),
  reference: z.boolean().default(false).describe("not the publisher's own text (press release, agency wire)"),
});

export const UploadQuery = z.object({
  filename: z.string().min(1).max(200).describe("the uploaded file's name; its extension tells the format (.html, .txt, .jsonl, .xml, .rss)"),
  url: HttpUrl.optional().describe("URL of a single page or text (required for .txt)"),
  published: IsoTimestamp.optional(),
  title: z.string().trim().min(1).max(500).optional().describe("title of a single page or text (a text's is its file name otherwise)"),
  reference: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
});

export const UploadResponse = z.looseObject({
  added: z.array(z.looseObject({ url: z.string(), title: z.string(), replaced: z.boolean() })),
  errors: z.array(z.looseObject({ input: z.string(), message: z.string() })),
  warnings: z.array(z.string()).describe("what loaded but deserves a look, e.g. most documents without a publication date"),
});

const StatusEnum = z.enum(CASE_STATUSES as [CaseStatus, ...CaseStatus[]]);

export const CaseSchema = documents<Case>(
  z.looseObject({
    id: z.number().int(),
    candidate: z.looseObject({ url: z.string(), domain: z.string(), title: z.string() }),
    source: z.looseObject({ url: z.string(), title: z.string() }),
    status: StatusEnum,
    share: z.number(),
    reusedChars: z.number().int(),
    sourceChars: z.number().int(),
    maxShare: z.number(),
    maxChars: z.number().nullable(),
    violations: z.array(z.enum(VIOLATIONS)),
    link: LinkFindingSchema,
    passages: z.array(PassageSchema),
    firstSeen: z.string(),
    lastSeen: z.string(),
    updatedAt: z.string(),
    resolution: z.string().nullable(),
    lastCheckId: z.number().int(),
  }).meta({ id: "Case" }),
);

/** Comma-separated statuses (`new,confirmed`) or `open` for every open status. */
const StatusFilter = z
  .string()
  .transform((value, ctx) => {
    const parts = value.split(",").map((s) => s.trim()).filter(Boolean);
    const out: CaseStatus[] = [];
    for (const part of parts) {
      if (part === "open") out.push("new", "confirmed", "notified");
      else if ((CASE_STATUSES as readonly string[]).includes(part)) out.push(part as CaseStatus);
      else {
        ctx.addIssue({ code: "custom", message: `unknown status "${part}"; use ${CASE_STATUSES.join(", ")} or open` });
        return z.NEVER;
      }
    }
    return out as CaseStatus[];
  });

export const CaseListQuery = Pagination.extend({
  status: StatusFilter.optional().describe("comma-separated statuses, or `open`"),
  violation: z.enum(VIOLATIONS).optional(),
  domain: z.string().trim().min(1).optional().describe("the candidate's domain, a host or URL on it (www. and other subdomains find their domain), or part of a domain's name"),
  from: IsoTimestamp.optional().describe("first seen on or after"),
  until: IsoTimestamp.optional().describe("first seen on or before (a bare day includes the whole day)"),
  q: z.string().trim().min(1).optional().describe("text in the candidate's or source's URL or title"),
});

export const CaseExportQuery = CaseListQuery.omit({ limit: true, offset: true }).extend({
  format: z.enum(["csv", "json"]).default("csv"),
});

export const StatusChangeRequest = z.object({
  status: StatusEnum,
  comment: z.string().max(2000).default(""),
});

export const LetterQuery = z.object({
  lang: z.enum(LETTER_LANGUAGES as [LetterLanguage, ...LetterLanguage[]]).default("ru"),
  format: z.enum(["json", "text"]).default("json"),
});

export const IdParams = z.object({ id: z.coerce.number().int().min(1) });

export const LicenseRequest = z
  .looseObject({
    domain: z.unknown().describe('the licensee\'s domain, e.g. "partner.kz"'),
    from: z.unknown().optional().describe("first day, YYYY-MM-DD"),
    until: z.unknown().optional().describe("last day, YYYY-MM-DD"),
    articles: z.unknown().optional().describe("URL prefixes of the articles covered; empty = all"),
    lifts: z.unknown().optional().describe('what it lifts: ["cap"], ["link"] or both'),
    note: z.string().max(2000).optional().describe("the partner's name, the contract"),
  })
  .describe("Validated like a license in a policy file; errors name the field.");

const LicenseObject = z.looseObject({
  id: z.number().int(),
  domain: z.string(),
  from: z.string().nullable(),
  until: z.string().nullable(),
  articles: z.array(z.string()),
  lifts: z.array(z.enum(["cap", "link"])),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const LicenseSchema = documents<StoredLicense>(LicenseObject.meta({ id: "License" }));

/** A license as granting or changing it answers: with the open cases it settles, which stay open until re-checked or resolved. */
export const GrantedLicenseSchema = documents<StoredLicense & { coveredOpenCases: number[] }>(
  LicenseObject.extend({
    coveredOpenCases: z
      .array(z.number().int())
      .describe("ids of the open cases of the licensee's domain that the license covers (dates, articles) and whose every violation it lifts"),
  }).meta({ id: "GrantedLicense" }),
);

export const PolicyRulesSchema = z
  .looseObject({
    maxShare: z.number(),
    maxChars: z.number().nullable(),
    minPassageChars: z.number().int().describe("source characters a passage must span to count; 0 counts every passage"),
    link: z.looseObject({ required: z.boolean(), target: z.enum(["article", "domain"]), indexable: z.boolean() }),
    excludeQuotations: z.boolean(),
    publisherDomains: z.array(z.string()),
    fixDeadlineDays: z.number().int(),
  })
  .meta({ id: "PolicyRules", description: "The policy file's rules; licenses are managed at /api/licenses." });

export const SessionRequest = z.object({ key: z.string().min(1).describe("an API key") });
export const RoleSchema = z.enum(ROLES).describe("reader: looks and self-checks; editor: also checks pages, works cases, sources and the watchlist; admin: also policy, licenses and keys");
export const SessionResponse = z.object({ user: z.string(), role: RoleSchema, csrfToken: z.string(), expiresAt: z.string() });

export const EvidenceCaptureSchema = documents<EvidenceCapture>(
  z.looseObject({
    id: z.number().int(),
    sha256: z.string(),
    size: z.number().int(),
    url: z.string(),
    finalUrl: z.string(),
    origin: z.enum(["fetched", "submitted"]),
    fetchedAt: z.string(),
    status: z.number().int().nullable(),
    headers: z.record(z.string(), z.string()),
    contentType: z.string().nullable(),
  }).meta({ id: "EvidenceCapture" }),
);

/**
 * The longest time between two passes over a watched site: a feed keeps only its last 20–50 items, so a busy
 * site read less often than monthly drops most of what it published between two reads.
 */
export const MAX_WATCH_INTERVAL_MS = MAX_INTERVAL_MS;

/** A time between passes as `watch add --interval` takes it (`90s`, `30m`, `6h`, `1d`), in milliseconds. */
const WatchInterval = z
  .string()
  .transform((value, ctx) => {
    try {
      const ms = parseDuration("interval", value);
      if (ms <= MAX_WATCH_INTERVAL_MS) return ms;
      ctx.addIssue({ code: "custom", message: `interval ${JSON.stringify(value)}: at most ${formatDuration(MAX_WATCH_INTERVAL_MS)} (a feed keeps only its latest items)` });
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
    return z.NEVER;
  })
  .describe(`time between passes: 90s, 30m, 6h, 1d… (at least 1s, at most ${formatDuration(MAX_WATCH_INTERVAL_MS)})`);

export const WatchRequest = z.object({
  url: z.string().trim().min(1).describe("a site (its feeds and sitemaps are discovered), an RSS/Atom feed or a sitemap: an absolute http(s) URL"),
  interval: WatchInterval.optional().describe(`time between passes (default ${formatDuration(DEFAULT_INTERVAL_MS)})`),
  since: IsoTimestamp.transform((value) => new Date(Date.parse(value)).toISOString())
    .nullable()
    .optional()
    .describe("check only items dated on or after this; by default every item listed, however old"),
});

export const WatchScheduleRequest = z.object({ interval: WatchInterval });

export const WatchedSiteSchema = documents<WatchedSiteView>(
  z.looseObject({
    id: z.number().int(),
    url: z.string().describe("the URL as given when it was added"),
    kind: z.enum(["site", "feed", "sitemap"]),
    listings: z.array(z.string()).describe("the feeds and sitemaps read each pass"),
    intervalMs: z.number().int(),
    interval: z.string().describe("intervalMs as 30m, 6h, 1d"),
    since: z.string().nullable().describe("items dated before this are not checked"),
    addedAt: z.string(),
    lastPassAt: z.string().nullable().describe("when the last pass over it started; null before the first"),
    nextPassAt: z.string(),
    urls: z.record(z.enum(URL_STATUSES as [string, ...string[]]), z.number().int()).describe("the site's URLs per status, as `watch list --json` gives them"),
    counts: z
      .object({ done: z.number().int(), failed: z.number().int(), queued: z.number().int() })
      .describe("URLs done with (checked, listed, unchanged, duplicate, gone), whose last attempt failed, and jobs queued"),
  }).meta({ id: "WatchedSite" }),
);

export const WatchFailureSchema = documents<WatchFailureView>(
  z.looseObject({
    url: z.string(),
    role: z.enum(["site", "listing", "page"]),
    status: z.enum(["failed", "retrying"]).describe("retrying: another attempt is scheduled"),
    reason: z.string().nullable().describe("a reason word (timeout, http_status, robots_disallowed, malformed_xml…), a colon, then detail"),
    httpStatus: z.number().int().nullable(),
    updatedAt: z.string(),
  }).meta({ id: "WatchFailure" }),
);
