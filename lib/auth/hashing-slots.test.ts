import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createHashingSlots, HashingBusyError } from "./hashing-slots";

/** A piece of work that ends when told to. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((r) => (open = r));
  return { done, open };
}

const settle = () => new Promise((r) => setImmediate(r));

describe("hashing slots", () => {
  it("runs at most `concurrency` at once, hands slots over in arrival order, refuses past the queue at once", async () => {
    const slots = createHashingSlots({ concurrency: 2, maxWaiting: 2, maxWaitMs: 10_000 });
    const gates = Array.from({ length: 4 }, gate);
    const order: number[] = [];
    const runs = gates.map((g, i) => slots.run(async () => (order.push(i), await g.done, i)));
    await settle();
    expect(slots.load()).toEqual({ running: 2, waiting: 2 });
    await expect(slots.run(async () => "fifth")).rejects.toBeInstanceOf(HashingBusyError);
    gates[1].open();
    await settle();
    expect(order).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(slots.load()).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses a caller that waited past maxWaitMs, and frees a slot when the work throws", async () => {
    const slots = createHashingSlots({ concurrency: 1, maxWaiting: 4, maxWaitMs: 30 });
    const g = gate();
    const first = slots.run(() => g.done);
    await expect(slots.run(async () => "late")).rejects.toBeInstanceOf(HashingBusyError);
    expect(slots.load()).toEqual({ running: 1, waiting: 0 });
    g.open();
    await first;
    await expect(slots.run(async () => Promise.reject(new Error("scrypt failed")))).rejects.toThrow("scrypt failed");
    expect(await slots.run(async () => "next")).toBe("next");
    expect(slots.load()).toEqual({ running: 0, waiting: 0 });
  });

  it("never exceeds its concurrency, and every caller either runs or is refused, whatever the timing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 25 }),
        async (concurrency, maxWaiting, durations) => {
          const slots = createHashingSlots({ concurrency, maxWaiting, maxWaitMs: 1_000 });
          let now = 0;
          let peak = 0;
          const outcomes = await Promise.all(
            durations.map(async (ticks) => {
              try {
                await slots.run(async () => {
                  peak = Math.max(peak, ++now);
                  for (let t = 0; t < ticks; t++) await settle();
                  now--;
                });
                return "ran";
              } catch (e) {
                expect(e).toBeInstanceOf(HashingBusyError);
                return "refused";
              }
            }),
          );
          expect(peak).toBeLessThanOrEqual(concurrency);
          // All arrive together: the first concurrency + maxWaiting run, the rest are refused.
          expect(outcomes.filter((o) => o === "ran")).toHaveLength(
            Math.min(durations.length, concurrency + maxWaiting),
          );
          expect(slots.load()).toEqual({ running: 0, waiting: 0 });
        },
      ),
      { numRuns: 200 },
    );
  });
});
