import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sharedSnapshot } from "./shared-snapshot";

/** A computation the test finishes by hand, counting how often it was started. */
function controlled<T>() {
  const started: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const compute = () =>
    new Promise<T>((resolve, reject) => {
      started.push({ resolve, reject });
    });
  return { compute, started };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("sharedSnapshot", () => {
  it("computes once for many concurrent callers and gives them all the same value", async () => {
    let clock = 1_000;
    const c = controlled<{ n: number }>();
    const s = sharedSnapshot({ refreshAfterMs: 5_000, maxAgeMs: 10_000, compute: c.compute, now: () => clock });
    const readers = Array.from({ length: 50 }, () => s.read());
    expect(c.started).toHaveLength(1);
    c.started[0].resolve({ n: 1 });
    const got = await Promise.all(readers);
    expect(new Set(got.map((g) => g.value)).size).toBe(1);
    expect(got[0].computedAt.getTime()).toBe(1_000);
    clock += 4_999;
    expect((await s.read()).value).toEqual({ n: 1 });
    expect(c.started).toHaveLength(1);
  });

  it("past refreshAfterMs answers with the kept value at once and refreshes it once in the background", async () => {
    let clock = 0;
    const c = controlled<number>();
    const s = sharedSnapshot({ refreshAfterMs: 5_000, maxAgeMs: 10_000, compute: c.compute, now: () => clock });
    const first = s.read();
    c.started[0].resolve(1);
    await first;
    clock = 5_000;
    const during = await Promise.all(Array.from({ length: 20 }, () => s.read()));
    expect(during.map((d) => d.value)).toEqual(Array(20).fill(1));
    expect(c.started).toHaveLength(2);
    c.started[1].resolve(2);
    await flush();
    const after = await s.read();
    expect(after.value).toBe(2);
    expect(after.computedAt.getTime()).toBe(5_000);
  });

  it("at maxAgeMs no longer answers with the kept value: callers wait for a new one", async () => {
    let clock = 0;
    let n = 0;
    const s = sharedSnapshot({ refreshAfterMs: 5_000, maxAgeMs: 10_000, compute: async () => ++n, now: () => clock });
    expect((await s.read()).value).toBe(1);
    clock = 10_000;
    const next = await s.read();
    expect(next.value).toBe(2);
    expect(next.computedAt.getTime()).toBe(10_000);
  });

  it("does not keep a failure: every waiter gets the error and the next call computes again", async () => {
    const c = controlled<number>();
    const s = sharedSnapshot({ refreshAfterMs: 5_000, maxAgeMs: 10_000, compute: c.compute, now: () => 0 });
    const a = s.read();
    const b = s.read();
    c.started[0].reject(new Error("database down"));
    await expect(a).rejects.toThrow("database down");
    await expect(b).rejects.toThrow("database down");
    const again = s.read();
    expect(c.started).toHaveLength(2);
    c.started[1].resolve(7);
    expect((await again).value).toBe(7);
  });

  it("does not join a computation that started maxAgeMs ago or more (a hung query cannot serve old data)", async () => {
    let clock = 0;
    const c = controlled<number>();
    const s = sharedSnapshot({ refreshAfterMs: 5_000, maxAgeMs: 10_000, compute: c.compute, now: () => clock });
    const old = s.read();
    clock = 11_000;
    const young = s.read();
    expect(c.started).toHaveLength(2);
    c.started[1].resolve(2);
    c.started[0].resolve(1);
    expect((await young).value).toBe(2);
    expect((await old).value).toBe(1);
    // The old flight finished last but is older: the kept value stays the newer one.
    clock = 11_001;
    expect((await s.read()).value).toBe(2);
  });

  // Any interleaving of calls, clock steps and completions: every answer's computation started
  // less than maxAgeMs before the call it answers.
  it("never answers with data older than maxAgeMs at the time of the call", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6_000 }),
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant("read" as const) }),
            fc.record({ op: fc.constant("tick" as const), ms: fc.integer({ min: 0, max: 4_000 }) }),
            fc.record({ op: fc.constant("finish" as const), which: fc.nat(), fail: fc.boolean() }),
          ),
          { maxLength: 60 },
        ),
        async (refreshAfterMs, steps) => {
          let clock = 0;
          const c = controlled<number>();
          const s = sharedSnapshot({ refreshAfterMs, maxAgeMs: 6_000, compute: c.compute, now: () => clock });
          const checks: Promise<void>[] = [];
          for (const step of steps) {
            if (step.op === "tick") clock += step.ms;
            else if (step.op === "read") {
              const calledAt = clock;
              checks.push(
                s.read().then(
                  (snap) => expect(calledAt - snap.computedAt.getTime()).toBeLessThan(6_000),
                  () => undefined,
                ),
              );
            } else if (c.started.length > 0) {
              const p = c.started[step.which % c.started.length];
              if (step.fail) p.reject(new Error("x"));
              else p.resolve(clock);
              await flush();
            }
          }
          for (const p of c.started) p.resolve(clock);
          await Promise.all(checks);
        },
      ),
    );
  });
});
