import { readFile } from "node:fs/promises";
import type { Policy } from "../core/policy/policy.ts";
import { PolicyError, parsePolicy } from "../core/policy/schema.ts";

/**
 * Reads and validates a policy JSON file (see `src/core/policy/schema.ts` for its form and defaults).
 * @throws PolicyError naming `path` when the file cannot be read, is not JSON, or breaks the schema.
 */
export async function loadPolicyFile(path: string): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PolicyError(path, [{ path: "", message: `cannot read the policy file (${code ?? String(error)})` }]);
  }
  let json: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse rejects.
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new PolicyError(path, [{ path: "", message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return parsePolicy(json, path);
}
