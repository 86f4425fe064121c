import type { License } from "../core/policy/policy.ts";
import { PolicyError, parsePolicy } from "../core/policy/schema.ts";

/**
 * Validates one license in the policy file's JSON form (`{"domain", "from", "until", "articles", "lifts"}`),
 * with the same rules as a license inside a policy file.
 * @throws PolicyError whose issues name the license's own fields (`until`, not `licenses[0].until`).
 */
export function parseLicense(json: unknown, origin: string): License {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new PolicyError(origin, [{ path: "", message: "must be a JSON object" }]);
  }
  try {
    return parsePolicy({ licenses: [json] }, origin).licenses[0]!;
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    throw new PolicyError(
      origin,
      error.issues.map((issue) => ({ path: issue.path.replace(/^licenses\[0\]\.?/, ""), message: issue.message })),
    );
  }
}
