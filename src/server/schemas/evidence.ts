import { z } from "zod";
import type { EvidenceCapture } from "../../cases/evidence.ts";
import { documents } from "./documents.ts";

export const EvidenceCaptureSchema = documents<EvidenceCapture>()(
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
