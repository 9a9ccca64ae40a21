/** account-status: an account acts while disabled or terminated, or after being dormant for the configured days. */
import { finding, type TRule } from "./rule-context";
import type { TAccountStatus, TFinding, TMonitorEvent, TUserFacts } from "./types";

const DAY_MS = 86_400_000;

/** The account's status at an instant: the latest change at or before it; active before any. */
export function statusAt(user: TUserFacts, at: Date): TAccountStatus {
  let latest: { status: TAccountStatus; at: Date } | null = null;
  for (const change of user.statusHistory) {
    if (change.at <= at && (latest === null || change.at >= latest.at)) latest = change;
  }
  return latest?.status ?? "active";
}

export const accountStatusRule: TRule = {
  id: "account-status",
  evaluate(ctx) {
    const { enabled, severity, dormantSeverity, dormantDays } = ctx.config.accountStatus;
    if (!enabled) return [];
    const inactive = new Map<string, TMonitorEvent[]>();
    const dormant: TFinding[] = [];
    const previous = new Map<string, number>();
    for (const event of ctx.all) {
      if (event.actorId === null) continue;
      const user = ctx.facts.users.get(event.actorId);
      if (!user) continue;
      const at = event.recorded.getTime();
      const before = previous.get(event.actorId) ?? user.lastActivityBefore?.getTime() ?? null;
      previous.set(event.actorId, Math.max(at, before ?? at));
      if (!ctx.isNew(event)) continue;
      const status = statusAt(user, event.recorded);
      if (status !== "active") {
        const key = `${event.actorId}\n${ctx.local(event).day}\n${status}`;
        inactive.set(key, [...(inactive.get(key) ?? []), event]);
      } else if (before !== null && at - before >= dormantDays * DAY_MS) {
        dormant.push(
          finding(ctx, {
            ruleId: "account-status",
            severity: dormantSeverity,
            events: [event],
            actorId: event.actorId,
            patientId: null,
            reasonCode: "dormant-account-active",
            details: { daysInactive: Math.floor((at - before) / DAY_MS) },
          }),
        );
      }
    }
    const acted = [...inactive.entries()].map(([key, events]) =>
      finding(ctx, {
        ruleId: "account-status",
        severity,
        events,
        actorId: events[0]!.actorId!,
        patientId: null,
        reasonCode: key.endsWith("terminated") ? "acted-while-terminated" : "acted-while-disabled",
        details: { events: events.length },
      }),
    );
    return [...acted, ...dormant];
  },
};
