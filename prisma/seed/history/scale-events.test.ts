import fc from "fast-check";
import { expect, it } from "vitest";
import { generateActivity } from "./generate-activity";
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

// A grown world (grow-world.ts) makes more in a day than a small count needs: the events kept are
// spread over the whole working day and over the staff, not the first hours of it.
it("thins a large world's day evenly instead of cutting it off", () => {
  const large = syntheticWorld({ staff: 400, patients: 2_000 });
  const from = new Date(now.getTime() - 86_400_000);
  const day = generateActivity({ world: large, from, to: now, seed: 7, breakGlass: false }).flatMap((item) =>
    item.kind === "event" ? [item.event] : [],
  );
  const kept = [...scaleEvents({ world: large, count: 1_000, days: 1, now, seed: 7 })];
  expect(day.length).toBeGreaterThan(10 * kept.length);
  expect(kept).toHaveLength(1_000);
  const actors = (events: readonly { actorId?: string | null }[]) => new Set(events.map((e) => e.actorId)).size;
  const span = (events: readonly { recorded: Date }[]) =>
    events.at(-1)!.recorded.getTime() - events[0]!.recorded.getTime();
  expect(actors(kept)).toBeGreaterThan(0.7 * actors(day));
  expect(span(kept)).toBeGreaterThan(0.9 * span(day));
});
