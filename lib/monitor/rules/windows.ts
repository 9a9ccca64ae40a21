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

/** What a window counts: its events, or the distinct patients among them. */
export type TWindowCount = "events" | "patients";

/**
 * Every window (end − windowMs, end] ending on an event, holding a new event, in which the count
 * reaches `threshold`; returns the union of their events, in order. The window slides in one pass,
 * its patients counted as they enter and leave (a browsing actor's day holds thousands of opens;
 * a copy and a Set per window made this the rules' largest source of garbage).
 */
export function windowsReaching(o: {
  ctx: TRuleContext;
  events: readonly TMonitorEvent[];
  windowMs: number;
  threshold: number;
  count: TWindowCount;
}): TMonitorEvent[] {
  const { events } = o;
  const hit = new Uint8Array(events.length);
  const patients = new Map<string | null, number>();
  let start = 0;
  let fresh = 0;
  let marked = -1;
  for (let end = 0; end < events.length; end++) {
    const last = events[end]!;
    if (o.ctx.isNew(last)) fresh++;
    patients.set(last.patientId, (patients.get(last.patientId) ?? 0) + 1);
    while (events[start]!.recorded.getTime() <= last.recorded.getTime() - o.windowMs) {
      const first = events[start]!;
      if (o.ctx.isNew(first)) fresh--;
      const n = patients.get(first.patientId)! - 1;
      if (n === 0) patients.delete(first.patientId);
      else patients.set(first.patientId, n);
      start++;
    }
    if (fresh === 0) continue;
    const measure = o.count === "events" ? end - start + 1 : patients.size;
    if (measure < o.threshold) continue;
    // Windows only move forward: mark what this one adds past the last marked event.
    for (let i = Math.max(start, marked + 1); i <= end; i++) hit[i] = 1;
    marked = end;
  }
  return events.filter((_, i) => hit[i] === 1);
}

export const distinctPatients = (window: readonly TMonitorEvent[]) => new Set(window.map((e) => e.patientId)).size;
