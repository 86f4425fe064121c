import { z } from "zod";
import type { MonitorOverview, MonitorStatusView } from "../monitor-status-view.ts";
import { documents } from "./documents.ts";

// The monitors' statuses as `GET /api/monitor` documents them.

/** A finished pass: when, and what its URLs came to (`PassSummary`). */
const PassSchema = z.looseObject({
  startedAt: z.string(),
  finishedAt: z.string(),
  sitesDue: z.number().int().describe("watched sites the pass read"),
  rechecksQueued: z.number().int().describe("pages of open cases queued for a re-check"),
  events: z
    .record(z.enum(["discovered", "listed", "checked", "unchanged", "duplicate", "gone", "failed"]), z.number().int())
    .describe("URLs per outcome: discovered, listed, checked (pages read and checked), unchanged, duplicate, gone, failed"),
  casesOpened: z.number().int(),
  casesResolved: z.number().int(),
  retrying: z.number().int().describe("failures to be tried again, included in events.failed"),
});

const MonitorStatusSchema = documents<MonitorStatusView>()(
  z.looseObject({
    process: z.string().describe("host/pid of the server process whose monitor this is"),
    thisProcess: z.boolean().describe("whether it is the monitor of the process that answered"),
    startedAt: z.string(),
    updatedAt: z.string().describe("when it last recorded its status"),
    state: z.enum(["running", "idle"]).describe("running: a pass is reading sites or re-checking pages"),
    currentPass: z
      .object({ startedAt: z.string(), sites: z.array(z.number().int()).describe("ids of the watched sites it reads") })
      .nullable(),
    lastPass: PassSchema.nullable().describe("the last pass finished; null before the first"),
    nextLookAt: z.string().nullable().describe("when it looks at the schedule again (at once when a site is added or checked now through this process)"),
    lastError: z.object({ at: z.string(), message: z.string() }).nullable().describe("the last URL or pass that failed"),
  }).meta({ id: "MonitorStatus" }),
);

export const MonitorOverviewSchema = documents<MonitorOverview>()(
  z.object({
    monitors: z.array(MonitorStatusSchema).describe("the monitors running on this database, one per server process; empty when none runs"),
    nextPassAt: z.string().nullable().describe("when the earliest watched site is next due; null when nothing is watched"),
  }),
);
