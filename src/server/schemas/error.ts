import { z } from "zod";

/** Every error's body, whatever the status: a code for programs, a message for people, and the bad fields. */
export const ErrorResponse = z
  .looseObject({
    error: z.string().describe("a machine-readable code: bad_request, unauthorized, not_found, conflict, fetch_failed…"),
    message: z.string().describe("what went wrong, naming the input or field"),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe("one entry per bad field"),
  })
  .meta({ id: "Error" });
