import { z } from "zod";
import { RoleSchema } from "./keys.ts";

export const SessionRequest = z.object({ key: z.string().min(1).describe("an API key") });

export const SessionResponse = z.object({ user: z.string(), role: RoleSchema, csrfToken: z.string(), expiresAt: z.string() });
