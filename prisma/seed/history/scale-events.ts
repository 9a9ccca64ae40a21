// The same ordinary activity, scaled to any number of events for scale runs: generated one day at
// a time (memory stays flat at millions), pass after pass with new seeds until `count` is reached.
// No break-glass (a declaration is a row of its own) and no planted snooping. Pure.
import type { THistoricAccessEvent } from "../../../lib/access/import-access-events";
import { generateActivity } from "./generate-activity";
import type { TWorld } from "./world";
import { DAY_MS } from "./zoned-time";

export function* scaleEvents(o: {
  world: TWorld;
  count: number;
  days: number;
  now: Date;
  seed: number;
}): Generator<THistoricAccessEvent> {
  const from = o.now.getTime() - o.days * DAY_MS;
  let left = o.count;
  // The first pass runs at the demo's intensity and measures it; later passes are denser.
  let intensity = 1;
  for (let pass = 0; left > 0; pass++) {
    let produced = 0;
    for (let d = 0; d < o.days && left > 0; d++) {
      const items = generateActivity({
        world: o.world,
        from: new Date(from + d * DAY_MS),
        to: new Date(Math.min(from + (d + 1) * DAY_MS, o.now.getTime())),
        seed: o.seed + pass * 1_000 + d,
        intensity,
        breakGlass: false,
      });
      for (const item of items) {
        if (item.kind !== "event") continue;
        yield item.event;
        produced++;
        if (--left === 0) return;
      }
    }
    if (produced === 0) throw new Error("scaleEvents: the world has no one at work (seed the demo first)");
    intensity = Math.min(8, Math.max(1, left / produced));
  }
}
