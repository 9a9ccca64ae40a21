// Sliding windows over one actor's events in recorded-time order, for the rules that count
// within a window (denials, browsing, exports). A window is reported by a batch when it holds one
// of the batch's new events: events are not always sealed in recorded order (one transaction's
// rows are sealed in the order its INSERT returned them), so a window's last event may have been
// evaluated a step before the events it follows, and the window is whole only in the later step.
// A window reported again by a later batch (a late event joins it) is absorbed by its alert's key.
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
 * Every window (end − windowMs, end] ending on an event, holding a new event, in which `measure`
 * (e.g. the number of distinct patients) reaches `threshold`; returns the union of their events.
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
  let fresh = 0;
  for (let end = 0; end < o.events.length; end++) {
    const last = o.events[end]!;
    if (o.ctx.isNew(last)) fresh++;
    while (o.events[start]!.recorded.getTime() <= last.recorded.getTime() - o.windowMs) {
      if (o.ctx.isNew(o.events[start]!)) fresh--;
      start++;
    }
    if (fresh === 0) continue;
    const window = o.events.slice(start, end + 1);
    if (o.measure(window) >= o.threshold) for (const e of window) hit.add(e);
  }
  return o.events.filter((e) => hit.has(e));
}

export const distinctPatients = (window: readonly TMonitorEvent[]) => new Set(window.map((e) => e.patientId)).size;
