/**
 * What a key may do. A reader looks (cases, evidence, sources, the watchlist) and self-checks drafts; an
 * editor also works the cases and feeds the product (checks, case status, sources, the watchlist); an admin
 * also sets the rules that decide verdicts (policy, licenses) and manages keys.
 */
export const ROLES = ["reader", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Whether a key of `held` may use a route that needs `needed`. */
export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
