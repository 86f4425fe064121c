import { z } from "zod";
import type { License, LicenseLift, Policy } from "./policy.ts";
import { LICENSE_LIFTS } from "./policy.ts";
import { LINK_TARGETS } from "../types.ts";
import { normalizeHost, normalizeUrl, registrableDomain } from "../links/normalize-url.ts";

/**
 * The policy file's JSON form. Every key is optional and falls back to `DEFAULT_POLICY`; unknown keys are
 * errors, so a typo (`maxshare`) is reported instead of silently leaving the default in force.
 *
 * ```json
 * { "maxShare": "30%", "maxChars": null, "minPassageChars": 0,
 *   "link": { "required": true, "target": "article", "indexable": false },
 *   "licenses": [{ "domain": "partner.kz", "from": "2024-01-01", "until": "2024-12-31",
 *                  "articles": ["https://kapital.kz/economic/"], "lifts": ["cap"] }],
 *   "excludeQuotations": false, "publisherDomains": ["old-kapital.kz"], "fixDeadlineDays": 3 }
 * ```
 *
 * `maxShare` is a fraction 0..1, or a percentage string ("30%") because that is how outlets word their
 * rules; a bare number above 1 (`30`) is rejected, not read as a percentage, since `1` would be ambiguous.
 * Dates are `YYYY-MM-DD` or ISO timestamps; only their calendar day (as written) matters, and they are kept
 * as `YYYY-MM-DD`. Domains are kept normalized (lower case, punycode, no `www.`).
 */

/**
 * The seed outlet's policy (Kapital.kz: "лишь 30% текста с обязательной гиперссылкой на источник"):
 * a 30% cap, no absolute character cap, a mandatory link to the source article that may be nofollow (the notice
 * says nothing of indexing), no licenses, quotations counted.
 * `minPassageChars` is 0, every passage the alignment finds counting (it already needs several words in a row,
 * see `minMatched`): the notice sets no minimum, and a higher default would change what the evaluation measures.
 * `fixDeadlineDays` is 3: the notice names no deadline, and 3 days is the only one the surveyed outlets state
 * (docs/policies.md) — long enough to edit a page, short enough that the copy does not outrank the source.
 */
export const DEFAULT_POLICY: Policy = deepFreeze({
  maxShare: 0.3,
  maxChars: null,
  minPassageChars: 0,
  link: { required: true, target: "article", indexable: false },
  licenses: [],
  excludeQuotations: false,
  publisherDomains: [],
  fixDeadlineDays: 3,
});

/**
 * A license lifts both the cap and the link rule unless it says otherwise: a license is the editors'
 * written permission, and an editor who registers a partner expects that partner's reuse to stop showing
 * up as a violation. A publisher who grants full text but still wants the link writes `"lifts": ["cap"]`.
 */
const DEFAULT_LIFTS: readonly LicenseLift[] = ["cap", "link"];

/** One problem of a policy: where (`licenses[0].from`, empty for the whole document) and what. */
export interface PolicyIssue {
  path: string;
  message: string;
}

/** A policy that cannot be used; the message has one line per problem, each naming the origin and the field. */
export class PolicyError extends Error {
  readonly origin: string;
  readonly issues: readonly PolicyIssue[];

  constructor(origin: string, issues: readonly PolicyIssue[]) {
    super(issues.map((issue) => `${origin}: ${issue.path === "" ? "" : `${issue.path}: `}${issue.message}`).join("\n"));
    this.name = "PolicyError";
    this.origin = origin;
    this.issues = issues;
  }
}

/**
 * Validates a policy document (parsed JSON) and fills in defaults.
 * @param origin names the document in errors, usually its file path.
 * @throws PolicyError listing every bad field.
 */
export function parsePolicy(json: unknown, origin: string): Policy {
  const result = PolicyJson.safeParse(json, { error: messageFor });
  if (!result.success) throw new PolicyError(origin, result.error.issues.flatMap(toPolicyIssues));
  const doc = result.data;
  return {
    maxShare: doc.maxShare ?? DEFAULT_POLICY.maxShare,
    maxChars: doc.maxChars === undefined ? DEFAULT_POLICY.maxChars : doc.maxChars,
    minPassageChars: doc.minPassageChars ?? DEFAULT_POLICY.minPassageChars,
    link: {
      required: doc.link?.required ?? DEFAULT_POLICY.link.required,
      target: doc.link?.target ?? DEFAULT_POLICY.link.target,
      indexable: doc.link?.indexable ?? DEFAULT_POLICY.link.indexable,
    },
    licenses: (doc.licenses ?? []).map(
      (license): License => ({
        domain: license.domain,
        from: license.from ?? null,
        until: license.until ?? null,
        articles: license.articles ?? [],
        lifts: license.lifts ?? [...DEFAULT_LIFTS],
      }),
    ),
    excludeQuotations: doc.excludeQuotations ?? DEFAULT_POLICY.excludeQuotations,
    publisherDomains: doc.publisherDomains ?? [...DEFAULT_POLICY.publisherDomains],
    fixDeadlineDays: doc.fixDeadlineDays ?? DEFAULT_POLICY.fixDeadlineDays,
  };
}

const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;

const MaxShare = z
  .union([z.number(), z.string()], { error: (issue) => `must be a fraction from 0 to 1 or a percentage like "30%" (got ${describe(issue.input)})` })
  .transform((value, ctx) => {
    if (typeof value === "number") {
      if (value >= 0 && value <= 1) return value;
      const hint = value > 1 && value <= 100 ? `; for ${value}% write "${value}%"` : "";
      ctx.addIssue({ code: "custom", message: `must be between 0 and 1 (got ${value})${hint}` });
      return z.NEVER;
    }
    const percent = PERCENT.exec(value);
    const share = percent === null ? NaN : Number(percent[1]) / 100;
    if (share >= 0 && share <= 1) return share;
    ctx.addIssue({
      code: "custom",
      message: percent === null ? `must be a fraction from 0 to 1 or a percentage like "30%" (got ${describe(value)})` : `must be between 0% and 100% (got ${describe(value)})`,
    });
    return z.NEVER;
  });

const wholeChars = (issue: { input?: unknown }): string => `must be a whole number of characters or null (got ${describe(issue.input)})`;

const MaxChars = z
  .number({ error: wholeChars })
  .int({ error: wholeChars })
  .min(0, { error: (issue) => `must not be negative (got ${describe(issue.input)})` })
  .nullable();

const passageChars = (issue: { input?: unknown }): string => `must be a whole number of characters (got ${describe(issue.input)})`;

const MinPassageChars = z
  .number({ error: passageChars })
  .int({ error: passageChars })
  .min(0, { error: (issue) => `must not be negative (got ${describe(issue.input)})` });

const Domain = z.string().transform((value, ctx) => {
  const host = normalizeHost(value);
  if (host !== null && registrableDomain(host) !== null) return host;
  ctx.addIssue({ code: "custom", message: `must be a domain like "partner.kz" (got ${describe(value)})` });
  return z.NEVER;
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** A calendar day, from `YYYY-MM-DD` or an ISO timestamp (whose day as written is kept). */
const Day = z.string().transform((value, ctx) => {
  const match = ISO_DATE.exec(value.trim());
  if (match !== null) {
    const [, year, month, day] = match;
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    const iso = `${year}-${month}-${day}`;
    if (date.toISOString().startsWith(iso) && !Number.isNaN(Date.parse(value.trim().replace(" ", "T")))) return iso;
  }
  ctx.addIssue({ code: "custom", message: `must be a date like "2024-01-31" or an ISO timestamp (got ${describe(value)})` });
  return z.NEVER;
});

const ArticlePrefix = z.string().refine((value) => normalizeUrl(value) !== null, {
  error: (issue) => `must be an http(s) URL prefix like "https://kapital.kz/economic/" (got ${describe(issue.input)})`,
});

const LinkJson = z.strictObject({
  required: z.boolean().optional(),
  target: z.enum(LINK_TARGETS).optional(),
  indexable: z.boolean().optional(),
});

const LicenseJson = z
  .strictObject({
    domain: Domain,
    from: Day.nullable().optional(),
    until: Day.nullable().optional(),
    articles: z.array(ArticlePrefix).optional(),
    lifts: z
      .array(z.enum(LICENSE_LIFTS))
      .min(1, { error: 'must name at least one of "cap", "link" (an empty list lifts nothing)' })
      .transform((lifts) => [...new Set(lifts)])
      .optional(),
  })
  .refine((license) => !datesReversed(license), {
    path: ["until"],
    // Run even when other fields of the license are bad, so every problem is reported at once
    // (but not on a license that is not an object at all: that has its own message).
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
    error: (issue) => {
      const { from, until } = issue.input as { from: string; until: string };
      return `must not be before from (${from}; got ${until})`;
    },
  });

/** Whether a license's window ends before it starts; false unless both bounds parsed as days. */
function datesReversed(license: { from?: unknown; until?: unknown }): boolean {
  const { from, until } = license;
  return typeof from === "string" && typeof until === "string" && DAY.test(from) && DAY.test(until) && from > until;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const PolicyJson = z.strictObject({
  maxShare: MaxShare.optional(),
  maxChars: MaxChars.optional(),
  minPassageChars: MinPassageChars.optional(),
  link: LinkJson.optional(),
  licenses: z.array(LicenseJson).optional(),
  excludeQuotations: z.boolean().optional(),
  publisherDomains: z.array(Domain).optional(),
  fixDeadlineDays: z
    .number()
    .int({ error: (issue) => `must be a whole number of days (got ${describe(issue.input)})` })
    .min(1, { error: (issue) => `must be at least 1 day (got ${describe(issue.input)})` })
    .optional(),
});

/** Keys each object of the document accepts, to suggest the intended one for an unknown key. */
function knownKeys(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return Object.keys(PolicyJson.shape);
  if (path.length === 1 && path[0] === "link") return Object.keys(LinkJson.shape);
  if (path.length === 2 && path[0] === "licenses") return Object.keys(LicenseJson.shape);
  return [];
}

/** Messages for the checks that carry none of their own: what was expected, and what came. */
const messageFor: z.core.$ZodErrorMap = (issue) => {
  const got = `(got ${describe(issue.input)})`;
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected} ${got}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")} ${got}`;
    default:
      return undefined;
  }
};

const TYPE_NAMES: Record<string, string> = {
  boolean: "true or false",
  number: "a number",
  string: "a string",
  array: "a list",
  object: "an object",
};

function toPolicyIssues(issue: z.core.$ZodIssue): PolicyIssue[] {
  if (issue.code !== "unrecognized_keys") return [{ path: formatPath(issue.path), message: issue.message }];
  const known = knownKeys(issue.path);
  return issue.keys.map((key) => {
    const guess = closest(key, known);
    return { path: formatPath([...issue.path, key]), message: `unknown key${guess === null ? "" : ` (did you mean "${guess}"?)`}` };
  });
}

/** `["licenses", 0, "from"]` → `licenses[0].from`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out === "" ? String(key) : `${out}.${String(key)}`), "");
}

/** A value as a message quotes it: short, JSON-like, never the whole of a large object. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value !== null && typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}

/**
 * The known key nearest to a misspelt one, or null when none is near. "Near" is an edit distance of at most
 * 2 after case folding: enough for a swapped, missing or doubled letter, not enough to pair unrelated words.
 */
function closest(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
