import fc from "fast-check";
import { expect, it } from "vitest";
import { scaleEvents } from "./scale-events";
import { syntheticWorld } from "./testing/synthetic-world";

const world = syntheticWorld();
const now = new Date("2026-12-01T10:17:00Z");

// A scale run's events are sealed in the order they are handed out: in recorded order, as a live
// hospital's are, so consumers behind the sequencer never re-read history (the rules' lookback cache).
it("hands out exactly the count asked for, in recorded order, within the days asked for", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6_000 }),
      fc.integer({ min: 1, max: 4 }),
      fc.nat(1e6),
      (count, days, seed) => {
        const events = [...scaleEvents({ world, count, days, now, seed })];
        expect(events).toHaveLength(count);
        for (let i = 1; i < events.length; i++)
          expect(events[i]!.recorded.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.recorded.getTime());
        expect(events[0]!.recorded.getTime()).toBeGreaterThanOrEqual(now.getTime() - days * 86_400_000);
        expect(events.at(-1)!.recorded.getTime()).toBeLessThanOrEqual(now.getTime());
      },
    ),
    { numRuns: 12 },
  );
});
