// Sliding windows over one actor's events in recorded-time order, for the rules that count
// within a window (denials, browsing, exports). Lookback events fill the start of a window but a
// window is only reported when it ends on a new event, so each window is reported once.
import type { TRuleContext } from "./rule-context";
import type { TMonitorEvent } from "./types";

const byRecorded = (a: TMonitorEvent, b: TMonitorEvent) =>
  a.recorded.getTime() - b.recorded.getTime() || a.ledgerIndex - b.ledgerIndex;

/** Events of `all` that pass `keep`, grouped by actor, each group in recorded order. */
export function byActor(ctx: TRuleContext, keep: (e: TMonitorEvent) => boolean): Map<string, TMonitorEvent[]> {
  const groups = new Map<string, TMonitorEvent[]>();
  for (const e of ctx.all) {
    if (e.actorId === null || !keep(e)) continue;
    const group = groups.get(e.actorId);
    if (group) group.push(e);
    else groups.set(e.actorId, [e]);
  }
  for (const group of groups.values()) group.sort(byRecorded);
  return groups;
}

/**
 * Every window (end − windowMs, end] ending on a new event in which `measure` (e.g. the number of
 * distinct patients) reaches `threshold`; returns the union of the events of those windows.
 */
export function windowsReaching(o: {
  ctx: TRuleContext;
  events: readonly TMonitorEvent[];
  windowMs: number;
  threshold: number;
  measure: (window: readonly TMonitorEvent[]) => number;
}): TMonitorEvent[] {
  const hit = new Set<TMonitorEvent>();
  let start = 0;
  for (let end = 0; end < o.events.length; end++) {
    const last = o.events[end]!;
    while (o.events[start]!.recorded.getTime() <= last.recorded.getTime() - o.windowMs) start++;
    if (!o.ctx.isNew(last)) continue;
    const window = o.events.slice(start, end + 1);
    if (o.measure(window) >= o.threshold) for (const e of window) hit.add(e);
  }
  return o.events.filter((e) => hit.has(e));
}

export const distinctPatients = (window: readonly TMonitorEvent[]) => new Set(window.map((e) => e.patientId)).size;
