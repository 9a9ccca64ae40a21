/** break-glass-escalation: a break-glass access another rule also hit, by an actor far above their peers' break-glass rate, or a window that ended without a clinical write. */
import { finding, isDenied, type TRuleContext } from "./rule-context";
import type { TFinding, TMonitorEvent } from "./types";

// Resource types that record who may see a patient, not care given (lib/access/policy/policy-rules.ts).
const NON_CLINICAL = new Set(["Consent", "CareTeam", "Disclosure"]);
const isClinicalWrite = (e: TMonitorEvent) =>
  (e.action === "C" || e.action === "U") && !isDenied(e) && !NON_CLINICAL.has(e.entityWhat ?? "");

function withOtherFinding(ctx: TRuleContext, findings: readonly TFinding[]): TFinding[] {
  const hits = new Map<string, string>();
  for (const f of findings) if (f.patientId !== null) hits.set(`${f.actorId}\n${f.patientId}`, f.ruleId);
  const out: TFinding[] = [];
  for (const e of ctx.fresh) {
    if (!e.breakGlass || e.actorId === null || e.patientId === null) continue;
    const other = hits.get(`${e.actorId}\n${e.patientId}`);
    if (!other) continue;
    const { severity } = ctx.config.breakGlassEscalation;
    out.push(
      finding(ctx, {
        ruleId: "break-glass-escalation",
        severity,
        events: [e],
        actorId: e.actorId,
        patientId: e.patientId,
        reasonCode: "break-glass-with-other-finding",
        details: { otherRule: other },
      }),
    );
  }
  return out;
}

function abovePeerRate(ctx: TRuleContext): TFinding[] {
  const { severity, peerRateMultiple, minPerDay } = ctx.config.breakGlassEscalation;
  const out: TFinding[] = [];
  for (const e of ctx.fresh) {
    if (!e.breakGlass || e.actorId === null || e.patientId === null) continue;
    const user = ctx.facts.users.get(e.actorId);
    if (!user) continue;
    const own = ctx.facts.baselines.actorBreakGlassPerDay(e.actorId);
    const peers = ctx.facts.baselines.peerBreakGlassPerDay(user.role, user.department, e.actorId);
    if (own < minPerDay || own <= peerRateMultiple * peers) continue;
    out.push(
      finding(ctx, {
        ruleId: "break-glass-escalation",
        severity,
        events: [e],
        actorId: e.actorId,
        patientId: e.patientId,
        reasonCode: "break-glass-above-peer-rate",
        details: { perDay: own, peerPerDay: peers },
      }),
    );
  }
  return out;
}

/** Windows that ended in (since, asOf]: their events are in the batch and its lookback (lookbackMs covers a window). */
function withoutClinicalWrite(ctx: TRuleContext): TFinding[] {
  const { severity } = ctx.config.breakGlassEscalation;
  const out: TFinding[] = [];
  for (const w of ctx.facts.breakGlassWindows) {
    if (w.expiresAt <= ctx.batch.since || w.expiresAt > ctx.batch.asOf) continue;
    const events = ctx.all.filter(
      (e) =>
        e.actorId === w.actorId && e.patientId === w.patientId && e.recorded >= w.startedAt && e.recorded < w.expiresAt,
    );
    if (events.length === 0 || events.some(isClinicalWrite)) continue;
    out.push(
      finding(ctx, {
        ruleId: "break-glass-escalation",
        severity,
        events,
        actorId: w.actorId,
        patientId: w.patientId,
        reasonCode: "break-glass-without-clinical-write",
        details: { breakGlassId: w.id, events: events.length },
      }),
    );
  }
  return out;
}

export const breakGlassEscalationRule = {
  id: "break-glass-escalation" as const,
  evaluate(ctx: TRuleContext, findings: readonly TFinding[]): TFinding[] {
    if (!ctx.config.breakGlassEscalation.enabled) return [];
    return [...withOtherFinding(ctx, findings), ...abovePeerRate(ctx), ...withoutClinicalWrite(ctx)];
  },
};
