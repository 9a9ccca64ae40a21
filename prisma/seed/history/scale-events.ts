// The same ordinary activity, scaled to any number of events for scale runs, one day at a time
// (memory holds one day, flat at millions): each day gets its share of `count`, generated pass after
// pass with new seeds, and is handed out in recorded order, as a live hospital's events are sealed.
// A world larger than the count needs (grow-world.ts) is run below the demo's intensity, and what a
// pass makes beyond the day's share is thinned evenly over the day, never cut off at some hour.
// (Passes handed out one after another would seal each day many times over, out of order, which no
// live log does and which makes every consumer re-read history.) No break-glass (a declaration is a
// row of its own) and no planted snooping. Pure.
import type { THistoricAccessEvent } from "../../../lib/access/import-access-events";
import { generateActivity } from "./generate-activity";
import type { TWorld } from "./world";
import { DAY_MS } from "./zoned-time";

/** Intensity is capped: beyond it, more passes (new seeds) add the volume. */
const MAX_INTENSITY = 8;
/** Below it a shift still opens one chart at least, so the thinning does the rest. */
const MIN_INTENSITY = 0.02;

const byRecorded = (a: THistoricAccessEvent, b: THistoricAccessEvent) => a.recorded.getTime() - b.recorded.getTime();

export function* scaleEvents(o: {
  world: TWorld;
  count: number;
  days: number;
  now: Date;
  seed: number;
}): Generator<THistoricAccessEvent> {
  const from = o.now.getTime() - o.days * DAY_MS;
  let intensity = 1;
  for (let d = 0; d < o.days; d++) {
    // Day d's share: the remainder goes to the first days.
    const quota = Math.floor(o.count / o.days) + (d < o.count % o.days ? 1 : 0);
    const day: THistoricAccessEvent[] = [];
    for (let pass = 0; day.length < quota; pass++) {
      const made: THistoricAccessEvent[] = [];
      for (const item of generateActivity({
        world: o.world,
        from: new Date(from + d * DAY_MS),
        to: new Date(Math.min(from + (d + 1) * DAY_MS, o.now.getTime())),
        seed: o.seed + pass * 1_000 + d,
        intensity,
        breakGlass: false,
      }))
        if (item.kind === "event") made.push(item.event);
      if (made.length === 0 && pass > 0 && intensity >= MAX_INTENSITY)
        throw new Error("scaleEvents: the world has no one at work (seed the demo first)");
      const wanted = quota - day.length;
      // One at a time: a day of a large world is more than a spread's arguments may be.
      for (const event of evenlyThinned(made, wanted)) day.push(event);
      // The first pass measures the day at this intensity; later ones are as dense as needed.
      if (made.length > 0)
        intensity = Math.min(MAX_INTENSITY, Math.max(MIN_INTENSITY, (intensity * wanted) / made.length));
      else intensity = MAX_INTENSITY;
    }
    day.sort(byRecorded);
    yield* day;
  }
}

/** At most `n` of `events` (in time order), spread evenly over them. */
function evenlyThinned<T>(events: readonly T[], n: number): readonly T[] {
  if (events.length <= n) return events;
  return Array.from({ length: n }, (_, i) => events[Math.floor((i * events.length) / n)]!);
}
