import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TTriageTime = {
  /** Alerts raised in the window. */
  raised: number;
  /** Of those, how many an officer has acted on. */
  triaged: number;
  /** How many still wait for a first look (raised − triaged). */
  untriaged: number;
  /** Median time from raising to the first officer action, in seconds; null when none was triaged. */
  medianSeconds: number | null;
};

export const TRIAGE_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Median time to triage of the alerts raised in the last 30 days: from the alert's raising to
 * the first thing an officer did with it — its first transition after the raising one (start
 * review, take, assign, priority, close, escalate) or its acknowledgement, whichever came first
 * (acknowledging closes an alert without a transition row: its anchor is the acknowledgement).
 * The raising transition never counts, even when it has a byId (a break-glass declaration names
 * the clinician who declared it). Untriaged alerts are counted, not guessed at: a median over
 * triaged ones only would look better the more alerts are left alone, so the page shows both.
 */
export async function getTriageTime(prisma: PrismaClient, now = new Date()): Promise<TTriageTime> {
  const since = new Date(now.getTime() - TRIAGE_WINDOW_DAYS * DAY_MS);
  // (createdAt, id) bounds the alerts; each first action is one probe of (alertId, createdAt) or
  // of the acknowledgement's unique alertId.
  const [row] = await prisma.$queryRaw<{ raised: bigint; triaged: bigint; median: number | null }[]>`
    WITH raised AS (
      SELECT a."createdAt" AS "raisedAt",
             LEAST(
               (SELECT min(t."createdAt") FROM "PrivacyAlertTransition" t
                 WHERE t."alertId" = a.id AND t."fromStatus" IS NOT NULL),
               (SELECT k."createdAt" FROM "PrivacyAlertAcknowledgement" k WHERE k."alertId" = a.id)
             ) AS "triagedAt"
      FROM "PrivacyAlert" a
      WHERE a."createdAt" >= ${since} AND a."createdAt" <= ${now}
    )
    SELECT count(*) AS raised, count("triagedAt") AS triaged,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "triagedAt" - "raisedAt")) AS median
    FROM raised`;
  const raised = Number(row?.raised ?? 0);
  const triaged = Number(row?.triaged ?? 0);
  return {
    raised,
    triaged,
    untriaged: raised - triaged,
    medianSeconds: row?.median === null || row?.median === undefined ? null : Math.max(0, Number(row.median)),
  };
}

/** "42 s", "17 min", "3.5 h", "2.1 days": the unit a privacy office reads the figure in. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}
