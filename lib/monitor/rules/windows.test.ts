// The sliding window counts in one pass what the definition counts window by window: for any
// events (new and already evaluated, any times, any patients), the events it reports are those of
// every window (end − w, end] that holds a new event and reaches the threshold.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batch, event, facts, PATIENT, OTHER_PATIENT } from "./rule-fixtures";
import { buildRuleContext } from "./rule-context";
import { DEFAULT_RULE_SET_CONFIG } from "./rule-set";
import type { TMonitorEvent } from "./types";
import { windowsReaching, type TWindowCount } from "./windows";

const T0 = Date.parse("2026-06-03T10:00:00Z");
const PATIENTS = [PATIENT, OTHER_PATIENT, "00000000-0000-4000-8000-0000000000b3", null];

/** The definition, window by window. */
function byDefinition(o: {
  events: readonly TMonitorEvent[];
  isNew: (e: TMonitorEvent) => boolean;
  windowMs: number;
  threshold: number;
  count: TWindowCount;
}): TMonitorEvent[] {
  const hit = new Set<TMonitorEvent>();
  for (const last of o.events) {
    const window = o.events.filter(
      (e) =>
        o.events.indexOf(e) <= o.events.indexOf(last) && e.recorded.getTime() > last.recorded.getTime() - o.windowMs,
    );
    if (!window.some(o.isNew)) continue;
    const measure = o.count === "events" ? window.length : new Set(window.map((e) => e.patientId)).size;
    if (measure >= o.threshold) for (const e of window) hit.add(e);
  }
  return o.events.filter((e) => hit.has(e));
}

describe("windowsReaching", () => {
  it("reports what the definition reports, counting events or patients", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ minute: fc.integer({ min: 0, max: 90 }), patient: fc.nat(3), isNew: fc.boolean() }), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom<TWindowCount>("events", "patients"),
        (specs, threshold, windowMinutes, count) => {
          const all = specs
            .map((s) => ({
              ...s,
              e: event({ recorded: new Date(T0 + s.minute * 60_000), patientId: PATIENTS[s.patient] }),
            }))
            .sort((a, b) => a.minute - b.minute || a.e.ledgerIndex - b.e.ledgerIndex);
          const ctx = buildRuleContext(
            batch(
              all.filter((s) => s.isNew).map((s) => s.e),
              { lookback: all.filter((s) => !s.isNew).map((s) => s.e) },
            ),
            facts(),
            DEFAULT_RULE_SET_CONFIG,
          );
          const events = all.map((s) => s.e);
          const o = { events, windowMs: windowMinutes * 60_000, threshold, count };
          expect(windowsReaching({ ...o, ctx })).toEqual(byDefinition({ ...o, isNew: ctx.isNew }));
        },
      ),
      { numRuns: 300 },
    );
  });
});
