import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getTriageTime, type TTriageTime } from "./alerts/get-triage-time";
import { getCaseDeadlines, type TCaseDeadlines } from "./cases/get-case-deadlines";
import { getOverview, type TOverview } from "./get-overview";
import { sharedSnapshotPerKey, type TSnapshot } from "./shared-snapshot";

/** Everything the compliance dashboard shows: office-wide figures, the same for every reader. */
export type TDashboardFigures = { overview: TOverview; triage: TTriageTime; caseDeadlines: TCaseDeadlines };

/**
 * How often the dashboard's figures are read again, and how old they may ever be. Its event
 * figures already trail the sealed log (the rollups' watermark); a few seconds more is invisible
 * to a privacy office, and it lets one computation serve every page load and API call of those
 * seconds (docs/benchmarks.md, Monitor).
 */
export const DASHBOARD_REFRESH_MS = 5_000;
export const DASHBOARD_MAX_AGE_MS = 10_000;

/**
 * The dashboard's figures, computed at most once per DASHBOARD_REFRESH_MS per process and shared
 * by the requests meanwhile (lib/monitor/shared-snapshot.ts). Nothing in them depends on who
 * asks: callers check the reader's permission (dashboard.read) before they call this.
 */
export const readDashboardFigures: (prisma: PrismaClient) => Promise<TSnapshot<TDashboardFigures>> =
  sharedSnapshotPerKey("dashboard-figures", {
    refreshAfterMs: DASHBOARD_REFRESH_MS,
    maxAgeMs: DASHBOARD_MAX_AGE_MS,
    compute: async (prisma: PrismaClient) => {
      const now = new Date();
      const [overview, triage, caseDeadlines] = await Promise.all([
        getOverview(prisma, now),
        getTriageTime(prisma, now),
        getCaseDeadlines(prisma, { now }),
      ]);
      return { overview, triage, caseDeadlines };
    },
  });
