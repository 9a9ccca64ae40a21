// Whether an auditor's audit engagement lets them issue or download a report. Pure: the caller
// loads the auditor's engagements and records the decision (allowed or denied) as an access event.

/** Stable codes for a refusal, beside the sentence shown to the auditor. */
export const ENGAGEMENT_REFUSALS = [
  "no_engagement",
  "not_your_engagement",
  "revoked",
  "expired",
  "type_not_covered",
  "period_outside",
] as const;
export type TEngagementRefusal = (typeof ENGAGEMENT_REFUSALS)[number];

export type TEngagementFacts = {
  id: string;
  auditorId: string;
  periodStart: Date;
  periodEnd: Date;
  reportTypes: readonly string[];
  expiresAt: Date;
  revokedAt: Date | null;
};

export type TEngagementStatus = "active" | "revoked" | "expired";

export type TEngagementDecision =
  | { allowed: true; engagementId: string; period: { from: Date; to: Date } | null }
  | { allowed: false; code: TEngagementRefusal; message: string };

const day = (d: Date) => d.toISOString().slice(0, 10);
const span = (e: TEngagementFacts) => `${day(e.periodStart)} to ${day(e.periodEnd)}`;

/** Revoked wins over expired: a revocation is a decision, expiry only the passing of time. */
export function engagementStatus(e: Pick<TEngagementFacts, "expiresAt" | "revokedAt">, now: Date): TEngagementStatus {
  if (e.revokedAt && e.revokedAt <= now) return "revoked";
  return e.expiresAt <= now ? "expired" : "active";
}

/** Worst to best: the refusal reported is the one of the engagement that came closest. */
const CLOSENESS: TEngagementRefusal[] = ["revoked", "expired", "type_not_covered", "period_outside"];

/**
 * May this auditor issue a report of `type`? For a type taking a period, the report's period
 * (`period`, already cut to the issue time) must lie inside an active engagement that lists the
 * type; with no period asked for, the engagement's period (cut to now) is the report's. For a
 * type with no period, the issue time must lie inside the engagement's period.
 */
export function decideIssueUnderEngagement(input: {
  auditorId: string;
  engagements: readonly TEngagementFacts[];
  type: string;
  takesPeriod: boolean;
  period: { from: Date; to: Date } | null;
  now: Date;
}): TEngagementDecision {
  const { now, type } = input;
  const own = input.engagements.filter((e) => e.auditorId === input.auditorId);
  if (own.length === 0)
    return {
      allowed: false,
      code: "no_engagement",
      message: "You have no audit engagement: ask a compliance officer for one.",
    };
  let best: { code: TEngagementRefusal; message: string } | null = null;
  for (const e of own) {
    const refusal = refusalOf(e, input);
    if (!refusal) {
      if (!input.takesPeriod) return { allowed: true, engagementId: e.id, period: null };
      const period = input.period ?? {
        from: e.periodStart,
        to: new Date(Math.min(e.periodEnd.getTime(), now.getTime())),
      };
      return { allowed: true, engagementId: e.id, period };
    }
    if (!best || CLOSENESS.indexOf(refusal.code) > CLOSENESS.indexOf(best.code)) best = refusal;
  }
  return { allowed: false, ...best! };

  function refusalOf(e: TEngagementFacts, q: typeof input): { code: TEngagementRefusal; message: string } | null {
    const status = engagementStatus(e, now);
    if (status === "revoked") return { code: "revoked", message: `Your audit engagement ${e.id} was revoked.` };
    if (status === "expired")
      return { code: "expired", message: `Your audit engagement ${e.id} expired on ${e.expiresAt.toISOString()}.` };
    if (!e.reportTypes.includes(type))
      return {
        code: "type_not_covered",
        message: `Your audit engagement ${e.id} does not cover ${type} reports (it covers: ${e.reportTypes.join(", ")}).`,
      };
    const inside = (d: Date) => d >= e.periodStart && d <= e.periodEnd;
    if (!q.takesPeriod && !inside(now))
      return {
        code: "period_outside",
        message: `Your audit engagement ${e.id} covers ${span(e)}: a report as of today is outside it.`,
      };
    if (q.takesPeriod && q.period && !(inside(q.period.from) && inside(q.period.to)))
      return {
        code: "period_outside",
        message: `Your audit engagement ${e.id} covers ${span(e)}: the period asked for (${day(q.period.from)} to ${day(q.period.to)}) is outside it.`,
      };
    if (q.takesPeriod && !q.period && e.periodStart > now)
      return {
        code: "period_outside",
        message: `Your audit engagement ${e.id} covers ${span(e)}, which has not begun.`,
      };
    return null;
  }
}

/** May this auditor download (or see) a report issued under `engagement`? */
export function decideReadUnderEngagement(input: {
  auditorId: string;
  engagement: TEngagementFacts | null;
  now: Date;
}): TEngagementDecision {
  const e = input.engagement;
  if (!e || e.auditorId !== input.auditorId)
    return {
      allowed: false,
      code: "not_your_engagement",
      message: "This report was not issued under an audit engagement of yours.",
    };
  const status = engagementStatus(e, input.now);
  if (status === "revoked")
    return { allowed: false, code: "revoked", message: `Your audit engagement ${e.id} was revoked.` };
  if (status === "expired")
    return {
      allowed: false,
      code: "expired",
      message: `Your audit engagement ${e.id} expired on ${e.expiresAt.toISOString()}.`,
    };
  return { allowed: true, engagementId: e.id, period: null };
}
