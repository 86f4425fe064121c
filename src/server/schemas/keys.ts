import { z } from "zod";
import type { ApiKey } from "../auth/auth-store.ts";
import { ROLES } from "../auth/role.ts";
import { documents } from "./documents.ts";

export const RoleSchema = z
  .enum(ROLES)
  .describe("reader: looks and self-checks; editor: also checks pages, works cases, sources and the watchlist; admin: also policy, licenses and keys");

const KeyObject = z.object({ id: z.number().int(), name: z.string(), role: RoleSchema, createdAt: z.string() });

/** A key's holder as listed: never the key. */
export const KeySchema = documents<ApiKey>()(KeyObject);

/** A key as issuing it answers: the only time the key itself is shown, since only its hash is stored. */
export const IssuedKeySchema = documents<ApiKey & { key: string }>()(KeyObject.extend({ key: z.string() }));
